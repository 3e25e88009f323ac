/**
 * The projector on the store's writer thread (engine/store/engine-store.ts `handOver`, store-writer.ts `project`):
 * the held rows of the projected tables go to the writer as bound values and are written there with the projected
 * position. A search right after a batch still sees every row (it hands the held rows over and waits for the
 * writer); a projection the writer cannot write leaves the engine serving, its rows held again until it can; a
 * stop writes what is held before the file is closed.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineStore } from '../../../engine/store/engine-store.js';
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
    await new Promise((resolve) => setTimeout(resolve, 50));
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
});
