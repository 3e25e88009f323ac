/**
 * The projector on the store's writer thread (engine/store/engine-store.ts `handOver`, store-writer.ts `project`):
 * the held rows of the projected tables go to the writer as bound values and are written there with the projected
 * position. A search right after a batch still sees every row (it hands the held rows over and waits for the
 * writer); a projection the writer cannot write leaves the engine serving, its rows held again until it can; a
 * stop writes what is held before the file is closed.
 *
 * Where the engine's thread must learn of a failure at a given moment (inside a command, before a later hand-over),
 * the test holds the file's write lock from a connection of its own, so the writer's projection waits for it, and runs
 * the commands on the store itself (as the command queue does: a batch, a command in it) without yielding to the
 * event loop, where the writer's answer would tell it first.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../../../engine/processor/command-context.js';
import { completeJob } from '../../../engine/processor/job-commands.js';
import { createProcessInstance } from '../../../engine/processor/process-instance-commands.js';
import type { EngineStore } from '../../../engine/store/engine-store.js';
import type { RecordTable } from '../../../engine/store/record-table.js';
import { serviceTaskProcess } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const HOUR = 3_600_000;
const engines: EngineFixture[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const engine of engines.splice(0)) await engine.stop();
});

async function start(options: { dataDir?: string; projectionDelay: number }): Promise<EngineFixture> {
  const engine = await startEngine({ dataDir: options.dataDir, engine: { projectionDelay: options.projectionDelay } });
  engines.push(engine);
  await deploy(engine.client, [
    { name: 'projector-writer.bpmn', content: serviceTaskProcess('projector-work', { processId: 'projector-writer', task: 'work' }) },
  ]);
  return engine;
}

function storeOf(engine: EngineFixture): EngineStore {
  return (engine.server.engine as unknown as { store: EngineStore }).store;
}

/** Counts the projections handed to the writer thread. */
function countHandOvers(engine: EngineFixture): () => number {
  const writer = (storeOf(engine) as unknown as { writer: { project(writes: unknown): void } }).writer;
  const project = vi.spyOn(writer, 'project');
  return () => project.mock.calls.length;
}

async function create(engine: EngineFixture): Promise<string> {
  return (await engine.client.createProcessInstance({ processDefinitionId: 'projector-writer', variables: { caseId: 'P-1' } })).processInstanceKey;
}

async function activeInstances(engine: EngineFixture): Promise<string[]> {
  const { items } = await engine.client.searchProcessInstances({ filter: { processDefinitionId: 'projector-writer', state: 'ACTIVE' } });
  return items.map((item) => item.processInstanceKey).sort();
}

async function jobStates(engine: EngineFixture, state?: string): Promise<[string, string][]> {
  const response = await engine.fetch('/v2/jobs/search', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filter: { type: 'projector-work', ...(state ? { state } : {}) } }),
  });
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: { processInstanceKey: string; state: string }[] };
  return items.map((item): [string, string] => [item.processInstanceKey, item.state]).sort();
}

function contextOf(engine: EngineFixture): CommandContext {
  return (engine.server.engine as unknown as { context: CommandContext }).context;
}

/** The store's internals these tests drive or watch. */
function internals(store: EngineStore) {
  return store as unknown as {
    handOver(): void;
    depth: number;
    projectionTimer: unknown;
    writer: { state: Int32Array; handed: number; projectionFailedHandled: number };
    projectedTables: { held: number }[];
  };
}

/** A command as the command queue runs it: a batch, the command in it; answered once the batch is durable. */
async function inCommand<T>(store: EngineStore, work: () => T): Promise<T> {
  const result = store.batchTransaction(() => store.transaction(work));
  await store.durable();
  return result;
}

/**
 * Whether the projector has nothing scheduled, the writer nothing handed to it left to do, and the engine has dealt
 * with every projection the writer reported failed (its rows held again): what a batch left is projected or held.
 */
function projectorIdle(store: EngineStore): boolean {
  const { projectionTimer, writer } = internals(store);
  return projectionTimer === undefined && Atomics.load(writer.state, 0) === writer.handed && Atomics.load(writer.state, 3) === writer.projectionFailedHandled;
}

/**
 * Waits, on the engine's thread, until the writer has done every message handed to it, without telling the store
 * anything (its own `settle` would learn of a failure and hold the rows again).
 */
function waitForWriter(store: EngineStore): void {
  const { writer } = internals(store);
  const deadline = Date.now() + 10_000;
  for (let done = Atomics.load(writer.state, 0); done !== writer.handed; done = Atomics.load(writer.state, 0)) {
    if (Date.now() > deadline) throw new Error('the writer did not finish');
    Atomics.wait(writer.state, 0, done, 100);
  }
}

/** A connection of the test's own to the engine's file (a write lock, a trigger dropped behind the engine's back). */
function otherConnection(engine: EngineFixture): Database.Database {
  const db = new Database(join(engine.dataDir, 'engine.sqlite'));
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * The file equals memory: each row of the cached projected tables, read from the file on a connection of the test's
 * own, is the record the table keeps in memory (its cache holds every record these tests touched), and every record
 * of the process in memory has its row there; nothing is held.
 */
function expectFileEqualsMemory(engine: EngineFixture): void {
  const store = storeOf(engine);
  expect(internals(store).projectedTables.map((table) => table.held)).toEqual(internals(store).projectedTables.map(() => 0));
  const db = new Database(join(engine.dataDir, 'engine.sqlite'), { readonly: true });
  try {
    const tables = [store.processInstances, store.elementInstances, store.jobs] as unknown as RecordTable<{ key: number }>[];
    for (const table of tables) {
      const cache = (table as unknown as { cache: Map<number, { key: number; bpmnProcessId: string }> }).cache;
      const rows = (db.prepare(`SELECT * FROM ${table.table} WHERE bpmn_process_id = 'projector-writer' ORDER BY key`).all() as Record<string, unknown>[]).map(
        (row) => table.fromRow(row),
      );
      expect(rows.length).toBeGreaterThan(0);
      // (both ways: a record memory holds and the file lost is as wrong as a stale row)
      const inMemory = [...cache.values()].filter((record) => record.bpmnProcessId === 'projector-writer').map((record) => record.key);
      expect(rows.map((row) => row.key)).toEqual(inMemory.sort((a, b) => a - b));
      for (const row of rows) {
        // (a field memory leaves out is stored as null)
        const record = cache.get(row.key) as Record<string, unknown>;
        expect(row).toEqual(Object.fromEntries(Object.keys(row).map((field) => [field, record[field] ?? null])));
      }
    }
  } finally {
    db.close();
  }
}

function rowsInFile(dataDir: string, sql: string): unknown[] {
  const db = new Database(join(dataDir, 'engine.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('the projector on the writer thread', () => {
  it('should answer a search right after a batch with its rows, held or handed to the writer and not written yet', async () => {
    // given: an engine whose projector runs 1 ms after a batch (its projection often in flight when the search comes)
    const engine = await start({ projectionDelay: 1 });
    const handOvers = countHandOvers(engine);
    const created: string[] = [];

    // when: each instance searched right after it was created, a job searched right after it was completed
    for (let i = 0; i < 8; i++) {
      created.push(await create(engine));
      expect(await activeInstances(engine)).toEqual([...created].sort());
    }
    const jobs = await engine.client.activateJobs({ type: 'projector-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 8, requestTimeout: -1 });
    await engine.client.completeJob({ jobKey: jobs[0]!.jobKey, variables: {} });
    const completed = await jobStates(engine, 'COMPLETED');
    const open = await jobStates(engine, 'CREATED');

    // then: every search saw what was acknowledged before it; the rows went to SQLite through the writer
    expect(jobs).toHaveLength(8);
    expect(completed).toEqual([[jobs[0]!.processInstanceKey, 'COMPLETED']]);
    expect(open.map(([key]) => key)).toEqual(created.filter((key) => key !== jobs[0]!.processInstanceKey).sort());
    expect(handOvers()).toBeGreaterThan(0);
    expect(engine.server.engine.forcedProjections()).toBe(0);
  });

  it('should go on serving when the writer cannot write a projection, and write its rows once it can', async () => {
    // given: an acknowledged instance whose job is activated (the jobs of its type are then known in memory: an
    // activation reads no SQL), and a file whose jobs table refuses every new row
    const engine = await start({ projectionDelay: 5 });
    const before = await create(engine);
    const [job] = await engine.client.activateJobs({ type: 'projector-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    const store = storeOf(engine);
    store.connection.write(`CREATE TRIGGER refuse_jobs BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`).run();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handOvers = countHandOvers(engine);

    // when: instances created, a projection of their rows failing on the writer, jobs worked meanwhile
    const during = [await create(engine), await create(engine)];
    await vi.waitFor(() => expect(errors.mock.calls.flat().join('\n')).toContain('projection failed on the writer thread: refused by the test'), {
      timeout: 5_000,
    });
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });
    const [next] = await engine.client.activateJobs({ type: 'projector-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await engine.client.completeJob({ jobKey: next!.jobKey, variables: {} });
    const after = await create(engine);
    // (the projection that carries its rows fails too, and the engine learns so, before the trigger goes)
    await vi.waitFor(() => expect(projectorIdle(store)).toBe(true), { timeout: 5_000 });
    store.connection.write(`DROP TRIGGER refuse_jobs`).run();

    // then: every command was acknowledged, and the searches see all of it once the rows can be written
    expect(handOvers()).toBeGreaterThan(1);
    const all = [before, ...during, after];
    const done = [job!.processInstanceKey, next!.processInstanceKey];
    expect(await activeInstances(engine)).toEqual(all.filter((key) => !done.includes(key)).sort());
    expect(await jobStates(engine)).toEqual(all.map((key): [string, string] => [key, done.includes(key) ? 'COMPLETED' : 'CREATED']).sort());
    // the log names the cause, not the rows
    expect(errors.mock.calls.flat().join('\n')).not.toContain('P-1');
  });

  it('should write the held rows when the engine stops, with the position they reach', async () => {
    // given: acknowledged instances whose rows are only held (the projector an hour away)
    const engine = await start({ projectionDelay: HOUR });
    const dataDir = engine.dataDir;
    const created = [await create(engine), await create(engine), await create(engine)];
    expect(rowsInFile(dataDir, `SELECT key FROM process_instances WHERE bpmn_process_id = 'projector-writer'`)).toEqual([]);

    // when
    await engines.pop()!.stop({ keepData: true });

    // then: the file holds their rows and a position covering every event (nothing for the next start to replay)
    const rows = rowsInFile(dataDir, `SELECT key FROM process_instances WHERE bpmn_process_id = 'projector-writer'`) as { key: number }[];
    expect(rows.map((row) => String(row.key)).sort()).toEqual([...created].sort());
    const [{ projected, last }] = rowsInFile(
      dataDir,
      `SELECT (SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'projectedPosition') AS projected, (SELECT max(position) FROM events) AS last`,
    ) as { projected: number; last: number }[];
    expect(projected).toBe(last);
    const reopened = await startEngine({ dataDir, engine: { projectionDelay: HOUR } });
    engines.push(reopened);
    const { items } = await reopened.client.searchProcessInstances({ filter: { processDefinitionId: 'projector-writer', state: 'ACTIVE' } });
    expect(items.map((item) => item.processInstanceKey).sort()).toEqual([...created].sort());
  });
  it.each([
    ['a read of a projected table (written there, in the command)', 'read'],
    ['a write of a table not projected (a version counter, as a deployment writes: held again, written by the next projection)', 'write'],
  ] as const)('should hold a projection found failed inside a command again, keep memory and commit the command: %s', async (_, settles) => {
    // given: acknowledged instances whose rows are held (the projector an hour away), a file whose jobs table refuses
    // new rows, and the file's write lock held elsewhere, so the hand-over waits on the writer thread
    const engine = await start({ projectionDelay: HOUR });
    const before = [await create(engine), await create(engine)];
    const store = storeOf(engine);
    const context = contextOf(engine);
    store.connection.write(`CREATE TRIGGER refuse_jobs BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`).run();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reheldAt: number[] = [];
    const rehold = store.jobs.rehold.bind(store.jobs);
    vi.spyOn(store.jobs, 'rehold').mockImplementation((committed) => {
      reheldAt.push(internals(store).depth);
      rehold(committed);
    });
    const rebuilt = store.rollbacks.rebuilt;
    const forced = store.forcedProjections;
    const lock = otherConnection(engine);
    lock.exec('BEGIN IMMEDIATE');

    // when: the held rows handed over (the projector's timer); then one command, in which the lock goes, the writer
    // fails the projection (this thread not told), the trigger goes, a case is created, and the store settles
    internals(store).handOver();
    let heldInCommand = -1;
    let counted = -1;
    const created = await inCommand(store, () => {
      lock.exec('COMMIT');
      waitForWriter(store);
      lock.exec('DROP TRIGGER refuse_jobs');
      expect(store.jobs.held).toBe(0);
      const instance = createProcessInstance(context, { processDefinitionId: 'projector-writer', variables: { caseId: 'P-2' }, tenantId: '<default>' });
      if (settles === 'read') counted = store.processInstances.count(`bpmn_process_id = 'projector-writer' AND state = 'ACTIVE'`);
      // (a deployment itself reads the timers table: a projecting read)
      else store.versions.record('PROCESS', '<default>', 'projector-later', 1);
      heldInCommand = store.jobs.held;
      return String(instance.key);
    });
    lock.close();

    // then: the failure was learnt inside the command and its rows held again, memory was not rebuilt, the command
    // committed; a read wrote every row there (a forced projection), a deployment left them held
    expect(reheldAt).toEqual([2]);
    expect(store.rollbacks.rebuilt).toBe(rebuilt);
    if (settles === 'read') {
      expect(counted).toBe(3);
      expect(heldInCommand).toBe(0);
      expect(store.forcedProjections).toBe(forced + 1);
    } else {
      expect(heldInCommand).toBe(3);
      expect(store.forcedProjections).toBe(forced);
    }
    await vi.waitFor(() => expect(errors.mock.calls.flat().join('\n')).toContain('projection failed on the writer thread: refused by the test'), {
      timeout: 10_000,
    });

    // and: the next projection (a search) writes everything; the searches show it, and the file equals memory
    const all = [...before, created].sort();
    expect(await activeInstances(engine)).toEqual(all);
    expect(await jobStates(engine)).toEqual(all.map((key): [string, string] => [key, 'CREATED']));
    if (settles === 'write') expect(store.versions.next('PROCESS', '<default>', 'projector-later')).toBe(2);
    expectFileEqualsMemory(engine);
  });

  it('should write what memory holds after two failed hand-overs in a row, the later updates built on the first', async () => {
    // given: three acknowledged instances, written (v0: every job CREATED), two of their jobs activated by worker
    // w1 and a fourth instance created, held; then a file whose jobs table refuses new and changed rows
    const engine = await start({ projectionDelay: HOUR });
    const created = [await create(engine), await create(engine), await create(engine)];
    expect(await activeInstances(engine)).toEqual([...created].sort());
    const store = storeOf(engine);
    const context = contextOf(engine);
    const jobs = await engine.client.activateJobs({ type: 'projector-work', worker: 'w1', timeout: 60_000, maxJobsToActivate: 2, requestTimeout: -1 });
    created.push(await create(engine));
    store.connection
      .write(`CREATE TRIGGER refuse_new_jobs BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
      .run();
    store.connection
      .write(`CREATE TRIGGER refuse_changed_jobs BEFORE UPDATE ON jobs BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
      .run();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failures = () => errors.mock.calls.flat().filter((message) => String(message).includes('refused by the test')).length;
    const lock = otherConnection(engine);
    lock.exec('BEGIN IMMEDIATE');

    // when: the held rows handed over (first hand-over, waiting for the lock); before this thread knows it fails, the
    // first job completed (a partial UPDATE of the activated row handed over) and handed over again (second)
    internals(store).handOver();
    const forced = store.forcedProjections;
    const completing = inCommand(store, () => completeJob(context, Number(jobs[0]!.jobKey), { checked: '已核' }));
    // (the command ran with the write lock held on this thread: a projecting read in it would wait 5 s for the lock
    // and fail as "database is locked", so this test relies on a job's completion reading no SQL of a projected table)
    expect(store.forcedProjections).toBe(forced);
    internals(store).handOver();
    lock.exec('COMMIT');
    lock.close();
    await completing;
    // (both held again: the first failed, the second was skipped, its UPDATEs built on the first's rows)
    await vi.waitFor(() => expect(failures()).toBe(1), { timeout: 10_000 });
    expect(store.jobs.held).toBeGreaterThan(0);
    // and: the second job completed on the rows held again, and handed over once more: refused again
    await engine.client.completeJob({ jobKey: jobs[1]!.jobKey, variables: {} });
    internals(store).handOver();
    await vi.waitFor(() => expect(failures()).toBe(2), { timeout: 10_000 });
    store.connection.write(`DROP TRIGGER refuse_new_jobs`).run();
    store.connection.write(`DROP TRIGGER refuse_changed_jobs`).run();

    // then: the next projection (a search) writes everything, as memory holds it
    const done = [jobs[0]!.processInstanceKey, jobs[1]!.processInstanceKey];
    expect(await activeInstances(engine)).toEqual(created.filter((key) => !done.includes(key)).sort());
    expect(await jobStates(engine)).toEqual(created.map((key): [string, string] => [key, done.includes(key) ? 'COMPLETED' : 'CREATED']).sort());
    expectFileEqualsMemory(engine);
    const rows = rowsInFile(engine.dataDir, `SELECT key, state, worker FROM jobs WHERE type = 'projector-work' AND worker IS NOT NULL ORDER BY key`);
    expect(rows).toEqual(
      jobs.map((job) => ({ key: Number(job.jobKey), state: 'COMPLETED', worker: 'w1' })).sort((a, b) => a.key - b.key),
    );
  });

  it('should replay from the last position written after a failed projection and a stop, and search everything', async () => {
    // given: an acknowledged instance, written; a second one and the first's job activated, held; then a file that
    // refuses every projection (its position cannot be saved), a projection failed there and its rows held again,
    // more commands held, and a stop whose own projection fails too (logged)
    const engine = await start({ projectionDelay: HOUR });
    const dataDir = engine.dataDir;
    const first = await create(engine);
    expect(await activeInstances(engine)).toEqual([first]);
    const positionOf = () =>
      (rowsInFile(dataDir, `SELECT (SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'projectedPosition') AS projected, (SELECT max(position) FROM events) AS last`) as {
        projected: number;
        last: number;
      }[])[0]!;
    const store = storeOf(engine);
    const second = await create(engine);
    // (activated before the trigger: the first activation of a type loads its jobs with a projecting read, which
    // would write the held rows inside the command, and fail it)
    const [job] = await engine.client.activateJobs({ type: 'projector-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    expect(job!.processInstanceKey).toBe(first);
    const written = positionOf().projected;
    store.connection
      .write(
        `CREATE TRIGGER refuse_projections BEFORE UPDATE ON meta WHEN NEW.name = 'projectedPosition' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
      )
      .run();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    internals(store).handOver();
    await vi.waitFor(() => expect(errors.mock.calls.flat().join('\n')).toContain('projection failed on the writer thread: refused by the test'), {
      timeout: 10_000,
    });
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });
    const third = await create(engine);

    // when: stopped, the trigger dropped behind its back, started again on the file
    await engines.pop()!.stop({ keepData: true });
    expect(errors.mock.calls.flat().join('\n')).toContain('projection at stop failed');
    const file = new Database(join(dataDir, 'engine.sqlite'));
    file.exec('DROP TRIGGER refuse_projections');
    file.close();
    const stopped = positionOf();
    const reopened = await startEngine({ dataDir, engine: { projectionDelay: HOUR } });
    engines.push(reopened);

    // then: the file kept the position written before the failure, and the start replayed every event after it
    expect(stopped.projected).toBe(written);
    expect(stopped.last).toBeGreaterThan(written);
    expect(await activeInstances(reopened)).toEqual([second, third].sort());
    expect(await jobStates(reopened)).toEqual(
      [first, second, third].map((key): [string, string] => [key, key === first ? 'COMPLETED' : 'CREATED']).sort(),
    );
    const after = positionOf();
    expect(after.projected).toBe(after.last);
  });
});
