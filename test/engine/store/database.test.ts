/**
 * Schema migrations (engine/store/database.ts, schema.ts): a data directory written at any earlier schema version
 * is upgraded in place on the next start — its cases, tasks and versions kept and workable, the tables of later
 * versions (identity, decisions, batch operations) added and usable — and one written by a newer engine is refused.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../engine/store/schema.js';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { dmnDefinitions, literalDecision } from '../../support/dmn.js';
import { deploy, startEngine } from '../../support/engine-fixture.js';
import { problemOf } from '../../support/problem-of.js';

const PROCESS_ID = 'upgraded-process';
const FORM_ID = 'upgraded-form';
const NOW = '2026-01-05T08:00:00.000Z';

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function reviewProcess(name: string): string {
  return bpmnProcess(
    PROCESS_ID,
    `<bpmn:startEvent id="start"/>
     <bpmn:userTask id="review" name="初审"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
     <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
    name,
  );
}

/**
 * A data directory as an engine at schema `version` left it: two versions of a process, the third version of a
 * form, and a running case waiting at a review task of the group window-first-review.
 */
function dataDirAtVersion(version: number): string {
  const dataDir = mkdtempSync(join(tmpdir(), `engine-schema-${version}-`));
  folders.push(dataDir);
  const db = new Database(join(dataDir, 'engine.sqlite'));
  db.transaction(() => {
    for (const step of MIGRATIONS.slice(0, version)) db.exec(step);
    db.pragma(`user_version = ${version}`);
    db.prepare(`INSERT INTO deployments (key, tenant_id, created_at) VALUES (1, '<default>', ?)`).run(NOW);
    const resource = db.prepare(`INSERT INTO resources (key, resource_name, checksum, content, tenant_id, deployment_key) VALUES (?, 'upgraded.bpmn', ?, ?, '<default>', 1)`);
    resource.run(2, 'checksum-1', reviewProcess('初版'));
    resource.run(3, 'checksum-2', reviewProcess('二版'));
    const definition = db.prepare(
      `INSERT INTO process_definitions (key, bpmn_process_id, version, name, resource_name, resource_key, checksum, tenant_id, deployment_key)
       VALUES (?, ?, ?, ?, 'upgraded.bpmn', ?, ?, '<default>', 1)`,
    );
    definition.run(4, PROCESS_ID, 1, '初版', 2, 'checksum-1');
    definition.run(5, PROCESS_ID, 2, '二版', 3, 'checksum-2');
    db.prepare(
      `INSERT INTO forms (key, form_id, version, resource_name, checksum, schema, tenant_id, deployment_key) VALUES (6, ?, 3, 'upgraded.form', 'checksum-f', ?, '<default>', 1)`,
    ).run(FORM_ID, JSON.stringify({ id: FORM_ID, type: 'default', components: [] }));
    // from schema 5 on, the engine counts versions as it deploys (version_counters)
    if (version >= 5) {
      db.exec(`INSERT INTO version_counters SELECT 'PROCESS', tenant_id, bpmn_process_id, max(version) FROM process_definitions GROUP BY tenant_id, bpmn_process_id;
               INSERT INTO version_counters SELECT 'FORM', tenant_id, form_id, max(version) FROM forms GROUP BY tenant_id, form_id;`);
    }
    db.prepare(`INSERT INTO process_instances (key, process_definition_key, bpmn_process_id, version, state, start_date, tenant_id) VALUES (10, 5, ?, 2, 'ACTIVE', ?, '<default>')`).run(
      PROCESS_ID,
      NOW,
    );
    const element = db.prepare(
      `INSERT INTO element_instances (key, process_instance_key, process_definition_key, bpmn_process_id, element_id, element_type, flow_scope_key, state, start_date, tenant_id)
       VALUES (?, 10, 5, ?, ?, ?, ?, 'ACTIVATED', ?, '<default>')`,
    );
    element.run(10, PROCESS_ID, PROCESS_ID, 'PROCESS', null, NOW);
    element.run(11, PROCESS_ID, 'review', 'USER_TASK', 10, NOW);
    db.prepare(
      `INSERT INTO user_tasks (key, name, state, candidate_groups, candidate_users, priority, custom_headers, element_id, element_instance_key, process_instance_key,
         process_definition_key, bpmn_process_id, version, process_name, tenant_id, creation_date)
       VALUES (12, '初审', 'CREATED', '["window-first-review"]', '[]', 50, '{}', 'review', 11, 10, 5, ?, 2, '二版', '<default>', ?)`,
    ).run(PROCESS_ID, NOW);
  })();
  db.close();
  return dataDir;
}

function schemaVersionOf(dataDir: string): number {
  const db = new Database(join(dataDir, 'engine.sqlite'), { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('schema migrations', () => {
  const earlier = Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1);

  for (const version of earlier) {
    it(`should upgrade a data directory of schema ${version} in place, keeping its cases, tasks and versions workable`, async () => {
      // given
      const dataDir = dataDirAtVersion(version);

      // when
      const engine = await startEngine({ dataDir });
      try {
        const instances = await engine.client.searchProcessInstances({ filter: { processDefinitionId: PROCESS_ID } });
        const clerkTasks = await engine.clientAs('zhang-min').searchUserTasks({ filter: { processInstanceKey: '10' } });
        const redeployed = await deploy(engine.client, [
          { name: 'upgraded.bpmn', content: reviewProcess('三版') },
          { name: 'upgraded.form', content: JSON.stringify({ id: FORM_ID, type: 'default', components: [{ type: 'text', text: '新版' }] }) },
          { name: 'upgraded.dmn', content: dmnDefinitions('upgraded-drg', [literalDecision({ id: 'upgraded-decision', expression: 'amount * 2', typeRef: 'number' })]) },
        ]);
        const evaluated = await engine.client.evaluateDecision({ decisionDefinitionId: 'upgraded-decision', variables: { amount: 21 } });
        await engine.clientAs('zhang-min').completeUserTask({ userTaskKey: '12', variables: { firstReviewDecision: 'approved' } });
        const completed = (await engine.client.callApiEndpoint({ method: 'GET', urlPath: 'process-instances/10' })) as { state: string };

        // then: the case and its task are there, for the clerk too; versions go on from the kept ones
        expect(instances.items.map((i) => [i.processInstanceKey, i.processDefinitionVersion, i.state])).toEqual([['10', 2, 'ACTIVE']]);
        expect(clerkTasks.items.map((t) => [t.userTaskKey, t.name])).toEqual([['12', '初审']]);
        expect(redeployed.processes[0]!.processDefinitionVersion).toBe(3);
        expect(redeployed.forms[0]!.version).toBe(4);
        expect(evaluated.output).toBe('42');
        expect(completed.state).toBe('COMPLETED');
      } finally {
        await engine.stop({ keepData: true });
      }
      expect(schemaVersionOf(dataDir)).toBe(SCHEMA_VERSION);
    });
  }

  it('should keep the event log, its positions and its append-only rule when the schema step without AUTOINCREMENT rebuilds it', async () => {
    // given: a schema-10 file whose log holds rows of the earlier encoding (each event whole), with a gap in positions
    const dataDir = dataDirAtVersion(10);
    const old = new Database(join(dataDir, 'engine.sqlite'));
    const append = old.prepare(`INSERT INTO events (position, process_instance_key, timestamp, records, actor) VALUES (?, 10, ?, ?, ?)`);
    const activated = (key: number, elementId: string) => ({
      recordKey: key, valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATED', timestamp: NOW,
      record: { key, processInstanceKey: 10, elementId, state: 'ACTIVATED' },
    });
    append.run(3, NOW, JSON.stringify([activated(10, PROCESS_ID)]), 'demo');
    append.run(8, NOW, JSON.stringify([activated(11, 'review')]), null);
    old.close();

    // when
    const engine = await startEngine({ dataDir });
    let events: ReturnType<typeof engine.server.engine.eventsOf>;
    try {
      await engine.clientAs('zhang-min').completeUserTask({ userTaskKey: '12', variables: { firstReviewDecision: 'approved' } });
      events = engine.server.engine.eventsOf(10);
    } finally {
      await engine.stop({ keepData: true });
    }

    // then: the old rows as they were, the new ones after the last position
    expect(events.slice(0, 2)).toEqual([
      { position: 30_000, actor: 'demo', ...activated(10, PROCESS_ID) },
      { position: 80_000, actor: null, ...activated(11, 'review') },
    ]);
    expect(events.slice(2).map((e) => [e.valueType, e.intent])).toContainEqual(['PROCESS_INSTANCE', 'ELEMENT_COMPLETED']);
    expect(events.slice(2).every((e) => e.position > 80_000 && e.actor === 'zhang-min')).toBe(true);
    const db = new Database(join(dataDir, 'engine.sqlite'));
    try {
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_sequence WHERE name = 'events'`).get()).toEqual({ n: 0 });
      expect(() => db.exec(`DELETE FROM events`)).toThrow(/the event log is append-only/);
      expect(() => db.exec(`UPDATE events SET actor = NULL`)).toThrow(/the event log is append-only/);
    } finally {
      db.close();
    }
  });

  it('should list the message subscriptions open in a schema-14 file as CREATED after the step that keeps them for the search', async () => {
    // given: the case also waits for a 撤回 message at its review task
    const dataDir = dataDirAtVersion(14);
    const old = new Database(join(dataDir, 'engine.sqlite'));
    old.prepare(
      `INSERT INTO message_subscriptions (key, element_id, element_instance_key, process_instance_key, process_definition_key, bpmn_process_id,
         message_name, correlation_key, tenant_id, created_at) VALUES (13, 'withdraw', 11, 10, 5, ?, '撤回', 'A-13', '<default>', ?)`,
    ).run(PROCESS_ID, NOW);
    old.close();

    // when
    const engine = await startEngine({ dataDir });
    let answer: Response;
    try {
      answer = await engine.fetch('/v2/message-subscriptions/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { processInstanceKey: '10' } }),
      });
    } finally {
      await engine.stop({ keepData: true });
    }

    // then
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { items: unknown[] }).items).toEqual([
      {
        messageSubscriptionKey: '13', processDefinitionId: PROCESS_ID, processDefinitionKey: '5', processInstanceKey: '10', elementId: 'withdraw',
        elementInstanceKey: '11', messageSubscriptionState: 'CREATED', lastUpdatedDate: NOW, messageName: '撤回', correlationKey: 'A-13', tenantId: '<default>',
      },
    ]);
  });

  it("should give a schema-20 file's candidate rows their task's state, kept as the task completes", async () => {
    // given: task 12's candidate row, written before the rows carried a state
    const dataDir = dataDirAtVersion(20);

    // when: the clerk's 待认领 (open tasks of her group, which starts from the group's open candidate rows) and the task completed
    const engine = await startEngine({ dataDir });
    let claimable: string[];
    try {
      const clerk = engine.clientAs('zhang-min');
      const open = await clerk.searchUserTasks({ filter: { state: 'CREATED', assignee: { $exists: false }, candidateGroup: { $in: ['window-first-review'] } } });
      claimable = open.items.map((task) => task.userTaskKey);
      await clerk.completeUserTask({ userTaskKey: '12', variables: { firstReviewDecision: 'approved' } });
    } finally {
      await engine.stop({ keepData: true });
    }

    // then
    expect(claimable).toEqual(['12']);
    const db = new Database(join(dataDir, 'engine.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT user_task_key, kind, value, state FROM user_task_candidates').all()).toEqual([
        { user_task_key: 12, kind: 'group', value: 'window-first-review', state: 'COMPLETED' },
      ]);
      const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'user_task_candidates' ORDER BY name`).all();
      expect(indexes).toEqual([
        { name: 'user_task_candidates_task' },
        { name: 'user_task_candidates_value' },
        { name: 'user_task_candidates_value_state' },
      ]);
    } finally {
      db.close();
    }
  });

  it("should give a schema-22 file's cases no starter, and the cases started after the step the clerk who started them", async () => {
    // given: case 10, waiting at window-first-review's 初审, started before the engine kept who starts a case
    const dataDir = dataDirAtVersion(22);

    // when: chen-yan (window-clerk only) starts a case of the same process after the upgrade
    const engine = await startEngine({ dataDir });
    let oldCase: number;
    let started: string[];
    let processInstanceKey: string;
    try {
      const chen = engine.clientAs('chen-yan');
      ({ processInstanceKey } = await chen.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: {} }));
      started = (await chen.searchProcessInstances({ filter: { processDefinitionId: PROCESS_ID } })).items.map((i) => i.processInstanceKey);
      oldCase = (await problemOf(chen.callApiEndpoint({ method: 'GET', urlPath: 'process-instances/10' }))).status;
    } finally {
      await engine.stop({ keepData: true });
    }

    // then
    expect(started).toEqual([processInstanceKey]);
    expect(oldCase).toBe(403);
    const db = new Database(join(dataDir, 'engine.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT key, started_by FROM process_instances ORDER BY key').all()).toEqual([
        { key: 10, started_by: null },
        { key: Number(processInstanceKey), started_by: 'chen-yan' },
      ]);
    } finally {
      db.close();
    }
  });

  it('should refuse a data directory written by a newer engine, changing nothing', () => {
    // given
    const dataDir = mkdtempSync(join(tmpdir(), 'engine-schema-newer-'));
    folders.push(dataDir);
    const db = new Database(join(dataDir, 'engine.sqlite'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();

    // when
    const opening = () => openDatabase({ dataDir, synchronous: 'NORMAL' });

    // then
    expect(opening).toThrow(`the data directory was written by a newer engine (schema ${SCHEMA_VERSION + 1} > ${SCHEMA_VERSION})`);
    expect(schemaVersionOf(dataDir)).toBe(SCHEMA_VERSION + 1);
  });
});
