/**
 * The job view's answered state (engine/store/schema.ts), which a job search sorted by `state` orders by: it must
 * be the state engine/api/job-states.ts answers for every state of the engine's job lifecycle, or a sort would
 * set jobs apart that the answer shows in one state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiJobState } from '../../../engine/api/job-states.js';
import { openDatabase } from '../../../engine/store/database.js';
import type { JobState } from '../../../engine/state/records.js';

/** Every state of the engine's job lifecycle (a Record, so a state added to JobState must be added here). */
const ENGINE_JOB_STATES = Object.keys({
  CREATED: true, ACTIVATED: true, FAILED: true, COMPLETED: true, ERROR_THROWN: true, CANCELED: true,
} satisfies Record<JobState, true>);

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('job_view.answered_state', () => {
  it('should be the state the REST API answers for each state of the engine', () => {
    // given: one job row in each engine state
    const dataDir = mkdtempSync(join(tmpdir(), 'engine-job-view-'));
    folders.push(dataDir);
    const db = openDatabase({ dataDir, synchronous: 'NORMAL' });
    try {
      const insert = db.prepare(
        `INSERT INTO jobs (key, type, state, retries, custom_headers, element_instance_key, element_id, process_instance_key,
           process_definition_key, bpmn_process_id, version, tenant_id, created_at)
         VALUES (?, 'notice', ?, 3, '{}', 1, 'task', 1, 1, 'process', 1, '<default>', '2026-03-04T01:00:00.000Z')`,
      );
      ENGINE_JOB_STATES.forEach((state, index) => insert.run(index + 1, state));

      // when
      const rows = db.prepare(`SELECT state, answered_state FROM job_view ORDER BY key`).all() as { state: string; answered_state: string }[];

      // then
      expect(rows.map((row) => [row.state, row.answered_state])).toEqual(ENGINE_JOB_STATES.map((state) => [state, apiJobState(state)]));
    } finally {
      db.close();
    }
  });
});
