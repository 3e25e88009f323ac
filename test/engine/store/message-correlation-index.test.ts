/**
 * The message correlation index (engine/store/message-correlation-index.ts) is loaded from SQLite at an open and at
 * every rebuilding rollback of a failed command, on the engine's thread. That load reads what is live only: the
 * buffered messages with the cases they reached, and the active cases a message start event started with a
 * correlation key; the correlations of completed cases, which a long-running office database gathers by the hundred
 * thousand, are neither held nor read (SQLite reaches the correlations only through an index, by a buffered
 * message's or an active case's key).
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import type { Engine } from '../../../engine/engine.js';
import type { CommandContext } from '../../../engine/processor/command-context.js';
import { publishMessage } from '../../../engine/processor/message-commands.js';
import type { EngineStore } from '../../../engine/store/engine-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../engine/store/schema.js';
import { openSqliteReadonly } from '../../../engine/store/sqlite-file.js';
import { StoreConnection } from '../../../engine/store/store-connection.js';
import { bpmnProcess, flow, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const HOUR = 3_600_000;
const TENANT = '<default>';
const COMPLETED_CASES = 40;
let engine: EngineFixture;

afterEach(async () => {
  vi.restoreAllMocks();
  await engine?.stop();
});

interface EngineInternals {
  store: EngineStore;
  context: CommandContext;
  command(run: () => unknown): Promise<unknown>;
}

/** What the index holds (its private maps), to tell that nothing but live entries is in memory. */
interface IndexInternals {
  reached: Map<number, Set<number>>;
  startedGroupOf: Map<number, string>;
}

function messageStart(id: string, messageName: string, body: string): { name: string; content: string } {
  return {
    name: `${id}.bpmn`,
    content: bpmnProcess(id, `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>${body}`).replace(
      '</bpmn:process>',
      `</bpmn:process><bpmn:message id="m" name="${messageName}"/>`,
    ),
  };
}

function message(name: string, correlationKey: string, timeToLive = 0) {
  return { name, correlationKey, timeToLive, messageId: undefined, variables: {}, tenantId: TENANT };
}

async function casesOf(processDefinitionId: string): Promise<Record<string, string>> {
  const response = await engine.fetch('/v2/process-instances/search', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filter: { processDefinitionId } }),
  });
  expect(response.status).toBe(200);
  const json = (await response.json()) as { items: { processInstanceKey: string; state: string }[] };
  return Object.fromEntries(json.items.map((i) => [i.processInstanceKey, i.state]));
}

/** The tables a statement's plan reads whole (SCAN), by their names in the statement (`FROM messages m` → messages). */
function scannedTables(sql: string): string[] {
  const db = openSqliteReadonly(join(engine.dataDir, 'engine.sqlite'));
  try {
    const aliases = new Map([...sql.matchAll(/(?:FROM|JOIN)\s+(\w+)\s+(\w+)/gi)].map(([, table, alias]) => [alias!, table!]));
    const parameters = Array.from(sql.matchAll(/\?/g), () => 0);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[];
    return plan.flatMap(({ detail }) => {
      const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
      return scanned === undefined ? [] : [aliases.get(scanned) ?? scanned];
    });
  } finally {
    db.close();
  }
}

describe('the message correlation index', () => {
  it("should load only live correlations at a rebuilding rollback, not the completed cases' ones", async () => {
    // given: the statements the store reads without projecting (the index's loads among them)
    const storedReads: string[] = [];
    const readStored = StoreConnection.prototype.readStored;
    vi.spyOn(StoreConnection.prototype, 'readStored').mockImplementation(function (this: StoreConnection, sql: string) {
      storedReads.push(sql);
      return readStored.call(this, sql);
    });
    engine = await startEngine();
    const core = engine.server.engine as unknown as Engine;
    const internals = core as unknown as EngineInternals;
    await deploy(engine.client, [
      messageStart('quick-apply', 'quick-filed', `<bpmn:endEvent id="end"/>${flow('f1', 'start', 'end')}`),
      messageStart(
        'apply',
        'application-filed',
        `${serviceTask('handle', 'apply-work')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'handle')}${flow('f2', 'handle', 'end')}`,
      ),
    ]);
    // many cases a message started with a key, all completed; one still active; one message buffered for an hour
    for (let i = 0; i < COMPLETED_CASES; i++) await core.publishMessage(message('quick-filed', `Q-${i}`));
    await core.publishMessage(message('application-filed', 'K-1'));
    const buffered = await core.publishMessage(message('reminder-due', 'R-1', HOUR));
    internals.store.project();
    const reader = openSqliteReadonly(join(engine.dataDir, 'engine.sqlite'));
    const [startedInFile, active] = (() => {
      try {
        const started = (reader.prepare(`SELECT count(*) AS n FROM message_correlations WHERE started_instance = 1`).get() as { n: number }).n;
        const activeKey = (reader.prepare(`SELECT key FROM process_instances WHERE bpmn_process_id = 'apply' AND state = 'ACTIVE'`).get() as { key: number }).key;
        return [started, activeKey];
      } finally {
        reader.close();
      }
    })();
    expect(startedInFile).toBe(COMPLETED_CASES + 1);
    const rollbacks = core.rollbacks();

    // when: a command publishes K-1 again (no second case while the first is active) and fails
    await expect(
      internals.command(() => {
        publishMessage(internals.context, message('application-filed', 'K-1'));
        throw new Error('failed after the publication');
      }),
    ).rejects.toThrow('failed after the publication');

    // then: memory was rebuilt, and the index holds the live entries only
    expect(core.rollbacks().rebuilt).toBe(rollbacks.rebuilt + 1);
    const index = internals.store.messageCorrelationIndex;
    const held = index as unknown as IndexInternals;
    expect([...held.startedGroupOf.keys()]).toEqual([active]);
    expect([...held.reached.keys()]).toEqual([buffered.key]);
    expect(index.startedInstances('apply', 'K-1')).toEqual([active]);
    for (let i = 0; i < COMPLETED_CASES; i++) expect(index.startedInstances('quick-apply', `Q-${i}`)).toEqual([]);
    // and the store's reads of the correlations (the index's two loads, a lookup by key) read them by a live key
    // only, never the whole table: the buffered messages are the one table read whole
    const reads = storedReads.filter((sql) => /\bmessage_correlations\b/.test(sql));
    expect(reads.filter((sql) => /\bmessages\b/.test(sql))).toHaveLength(1);
    expect(reads.filter((sql) => /\bprocess_instances\b/.test(sql))).toHaveLength(1);
    for (const sql of reads) expect(scannedTables(sql).filter((table) => table !== 'messages')).toEqual([]);
    // what the index answers is unchanged: K-1 starts no second case while its case is active
    await core.publishMessage(message('application-filed', 'K-1'));
    expect(await casesOf('apply')).toEqual({ [String(active)]: 'ACTIVE' });
  });

  it('should keep the correlation key of an active case a message started in a file of the schema before its index', async () => {
    // given: a case a message started with K-9, written by the engine, in a file taken back to the schema before
    // the partial index of the started cases' correlations (the step's own undo; the rows stay as they are)
    engine = await startEngine();
    await deploy(engine.client, [
      messageStart(
        'apply',
        'application-filed',
        `${serviceTask('handle', 'apply-work')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'handle')}${flow('f2', 'handle', 'end')}`,
      ),
    ]);
    const core = engine.server.engine as unknown as Engine;
    await core.publishMessage(message('application-filed', 'K-9'));
    const first = await casesOf('apply');
    expect(Object.values(first)).toEqual(['ACTIVE']);
    const dataDir = engine.dataDir;
    await engine.stop({ keepData: true });
    const db = new Database(join(dataDir, 'engine.sqlite'));
    try {
      // schema 17 (MIGRATIONS[16]) made the index: the file goes back to schema 16
      expect(MIGRATIONS[16]).toContain('message_correlations_started_instance');
      db.exec(`DROP INDEX message_correlations_started_instance;
               CREATE INDEX message_correlations_started ON message_correlations (bpmn_process_id, correlation_key, started_instance);`);
      // and without the later steps that cannot run twice: schema 23's column of who started a case
      expect(MIGRATIONS[22]).toContain('ADD COLUMN started_by');
      db.exec('ALTER TABLE process_instances DROP COLUMN started_by');
      db.pragma('user_version = 16');
    } finally {
      db.close();
    }

    // when: the engine opens it (the migration runs) and K-9 is published again
    engine = await startEngine({ dataDir });
    await (engine.server.engine as unknown as Engine).publishMessage(message('application-filed', 'K-9'));

    // then: no second case while the first is active
    expect(await casesOf('apply')).toEqual(first);
    const reader = openSqliteReadonly(join(dataDir, 'engine.sqlite'));
    try {
      expect(reader.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const indexes = reader.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'message_correlations' ORDER BY name`).all();
      expect(indexes).toEqual([{ name: 'message_correlations_message' }, { name: 'message_correlations_started_instance' }]);
    } finally {
      reader.close();
    }
  });
});
