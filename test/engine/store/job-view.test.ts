/**
 * The job view's answered columns (engine/store/schema.ts) for jobs stored before the job events kept them: an
 * upgraded database answers each job as a cluster that exported its events would, as far as its stored state tells.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database.js';
import { MIGRATIONS } from '../../../engine/store/schema.js';
import type { JobState } from '../../../engine/state/records.js';

/** Every state of the engine's job lifecycle (a Record, so a state added to JobState must be added here). */
const ENGINE_JOB_STATES = Object.keys({
  CREATED: true, ACTIVATED: true, FAILED: true, COMPLETED: true, ERROR_THROWN: true, CANCELED: true,
} satisfies Record<JobState, true>);
/** The schema before the jobs kept what the search answers. */
const BEFORE_ANSWERED_COLUMNS = 13;
const DEADLINE = Date.parse('2026-03-04T01:05:00.000Z');

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('job_view after the upgrade that keeps the answered job state', () => {
  it('should answer stored jobs in their state, an activated one CREATED without the worker and deadline its activation gave', () => {
    // given: a database of the older schema with one job in each engine state, each with a worker and a deadline
    const dataDir = mkdtempSync(join(tmpdir(), 'engine-job-view-'));
    folders.push(dataDir);
    const old = new Database(join(dataDir, 'engine.sqlite'));
    old.transaction(() => {
      for (const step of MIGRATIONS.slice(0, BEFORE_ANSWERED_COLUMNS)) old.exec(step);
      old.pragma(`user_version = ${BEFORE_ANSWERED_COLUMNS}`);
      const insert = old.prepare(
        `INSERT INTO jobs (key, type, state, retries, worker, deadline, custom_headers, element_instance_key, element_id, process_instance_key,
           process_definition_key, bpmn_process_id, version, tenant_id, created_at)
         VALUES (?, 'notice', ?, 2, 'notice-worker', ?, '{}', 1, 'task', 1, 1, 'process', 1, '<default>', '2026-03-04T01:00:00.000Z')`,
      );
      ENGINE_JOB_STATES.forEach((state, index) => insert.run(index + 1, state, DEADLINE));
    })();
    old.close();

    // when
    const db = openDatabase({ dataDir, synchronous: 'NORMAL' });
    try {
      const rows = db
        .prepare(`SELECT state, answered_state, answered_worker, answered_deadline_time, has_failed_with_retries_left FROM job_view ORDER BY key`)
        .all();

      // then
      const kept = { answered_worker: 'notice-worker', answered_deadline_time: '2026-03-04T01:05:00.000Z', has_failed_with_retries_left: 0 };
      const none = { answered_worker: null, answered_deadline_time: null, has_failed_with_retries_left: 0 };
      expect(rows).toEqual([
        { state: 'CREATED', answered_state: 'CREATED', ...none },
        { state: 'ACTIVATED', answered_state: 'CREATED', ...none },
        { state: 'FAILED', answered_state: 'FAILED', ...kept, has_failed_with_retries_left: 1 },
        { state: 'COMPLETED', answered_state: 'COMPLETED', ...kept },
        // a BPMN error thrown with retries left sets the flag, as Camunda 8.8's exporters compute it (schema 18)
        { state: 'ERROR_THROWN', answered_state: 'ERROR_THROWN', ...kept, has_failed_with_retries_left: 1 },
        { state: 'CANCELED', answered_state: 'CANCELED', ...kept },
      ]);
    } finally {
      db.close();
    }
  });
});
