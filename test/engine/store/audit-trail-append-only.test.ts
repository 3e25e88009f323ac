/**
 * The audit trail (the event log `events` and the audit log `audit_log`) is append-only in the SQLite file itself
 * (schema 7's triggers): a raw UPDATE or DELETE fails, also on a file upgraded from schema 6, while the engine's
 * own paths — commands, a manager's cancellation, resource deletion, a restart — keep working and keep every row.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database.js';
import { MIGRATIONS } from '../../../engine/store/schema.js';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine } from '../../support/engine-fixture.js';

const TABLES = ['events', 'audit_log'] as const;

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function rowCounts(db: Database.Database): Record<string, number> {
  return Object.fromEntries(TABLES.map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]));
}

/** Every raw change of every trail table fails with the trigger's message, and nothing changed. */
function expectAppendOnly(db: Database.Database): void {
  const before = rowCounts(db);
  expect(() => db.exec(`UPDATE events SET actor = 'someone-else'`)).toThrow(/the event log is append-only: its rows cannot be changed/);
  expect(() => db.exec(`DELETE FROM events`)).toThrow(/the event log is append-only: its rows cannot be deleted/);
  expect(() => db.exec(`UPDATE audit_log SET actor_id = 'someone-else'`)).toThrow(/the audit log is append-only: its rows cannot be changed/);
  expect(() => db.exec(`DELETE FROM audit_log WHERE key > 0`)).toThrow(/the audit log is append-only: its rows cannot be deleted/);
  expect(rowCounts(db)).toEqual(before);
  expect(db.prepare(`SELECT count(*) AS n FROM events WHERE actor = 'someone-else'`).get()).toEqual({ n: 0 });
}

describe('audit trail append-only', () => {
  it('should refuse raw changes and deletions of the trail while commands, cancellation, resource deletion and a restart keep working', async () => {
    // given: a case created and cancelled by the admin, its process definition deleted
    const dataDir = mkdtempSync(join(tmpdir(), 'engine-append-only-'));
    folders.push(dataDir);
    let engine = await startEngine({ dataDir });
    const deployed = await deploy(engine.client, [
      {
        name: 'append-only.bpmn',
        content: bpmnProcess(
          'append-only',
          `<bpmn:startEvent id="start"/><bpmn:userTask id="review" name="初审"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
           <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
        ),
      },
    ]);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: 'append-only', variables: {} });
    await engine.client.cancelProcessInstance({ processInstanceKey });
    const deletion = await engine.fetch(`/v2/resources/${deployed.processes[0]!.processDefinitionKey}/deletion`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(deletion.status).toBe(200);
    await engine.stop({ keepData: true });

    // when / then: raw changes of the file fail, and the rows are all there
    const db = new Database(join(dataDir, 'engine.sqlite'));
    try {
      const counts = rowCounts(db);
      expect(counts.events).toBeGreaterThan(0);
      expect(counts.audit_log).toBeGreaterThan(0);
      expectAppendOnly(db);
    } finally {
      db.close();
    }

    // and: the engine starts on the same file, its trail intact, and goes on writing it
    engine = await startEngine({ dataDir });
    try {
      const trail = (await (
        await engine.fetch('/v2/audit-logs/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { processInstanceKey } }) })
      ).json()) as { items: { operationType: string; actorId: string | null }[] };
      expect(trail.items.map((i) => [i.operationType, i.actorId])).toContainEqual(['CANCEL', 'demo']);
      await deploy(engine.client, [{ name: 'append-only-2.bpmn', content: bpmnProcess('append-only-2', `<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f1', 'start', 'end')}`) }]);
      const next = await engine.client.createProcessInstance({ processDefinitionId: 'append-only-2', variables: {} });
      expect(next.processInstanceKey).toBeDefined();
    } finally {
      await engine.stop({ keepData: true });
    }
  });

  it('should make the trail of a schema-6 file append-only when the engine upgrades it, keeping its rows', () => {
    // given: a file at schema 6 with a row in each trail table
    const dataDir = mkdtempSync(join(tmpdir(), 'engine-append-only-6-'));
    folders.push(dataDir);
    const old = new Database(join(dataDir, 'engine.sqlite'));
    old.transaction(() => {
      for (const step of MIGRATIONS.slice(0, 6)) old.exec(step);
      old.pragma('user_version = 6');
      old.exec(`INSERT INTO events (process_instance_key, timestamp, records, actor) VALUES (10, '2026-01-05T08:00:00.000Z', '[]', 'demo')`);
      old.exec(`INSERT INTO audit_log (key, timestamp, actor_id, actor_type, operation_type, entity_type, category, result, process_instance_key, tenant_id)
                VALUES (11, '2026-01-05T08:00:00.000Z', 'demo', 'USER', 'CANCEL', 'PROCESS_INSTANCE', 'OPERATOR', 'SUCCESS', 10, '<default>')`);
    })();
    old.close();

    // when
    const db = openDatabase({ dataDir, synchronous: 'NORMAL' });

    // then
    try {
      expect(rowCounts(db)).toEqual({ events: 1, audit_log: 1 });
      expectAppendOnly(db);
    } finally {
      db.close();
    }
  });
});
