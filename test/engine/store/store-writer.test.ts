/**
 * The store's writer thread (engine/store/store-writer.ts): a command batch's event rows and key counter are
 * committed and synced on a thread of its own. A batch whose transaction fails there answers its commands with the
 * error and leaves nothing in the file or in memory, and the engine goes on serving; a read right after a batch (or
 * while it is still being written) sees its rows; a stop drains what was handed over before it closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineStore } from '../../../engine/store/engine-store.js';
import { bpmnProcess, flow, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const JOB_PROCESS = bpmnProcess(
  'writer-job',
  [
    '<bpmn:startEvent id="start" />',
    flow('to-work', 'start', 'work'),
    serviceTask('work', 'writer-work'),
    flow('to-end', 'work', 'end'),
    '<bpmn:endEvent id="end" />',
  ].join('\n'),
);

const folders: string[] = [];
const stores: EngineStore[] = [];
const engines: EngineFixture[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  for (const store of stores.splice(0)) store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function engineStore(dataDir = mkdtempSync(join(tmpdir(), 'store-writer-'))): EngineStore {
  if (!folders.includes(dataDir)) folders.push(dataDir);
  const store = new EngineStore({ dataDir, synchronous: 'FULL', projection: { delayMs: 60_000 }, replay: () => undefined });
  stores.push(store);
  return store;
}

/** One command's worth of events for process instance `key`, in a batch of its own. */
function batchWithEvent(store: EngineStore, key: number): void {
  store.batchTransaction(() =>
    store.transaction(() => store.events.write(key, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', key, '2026-12-06T20:00:00.000Z', { key })),
  );
}

describe("the store's writer thread", () => {
  it('should refuse the commands of a batch whose commit failed there, keep nothing of it, and go on serving', async () => {
    // given: an instance acknowledged, then a file that refuses every event row (as a full disk would)
    const engine = await startEngine();
    engines.push(engine);
    await deploy(engine.client, [{ name: 'writer-job.bpmn', content: JOB_PROCESS }]);
    const first = await engine.client.createProcessInstance({ processDefinitionId: 'writer-job', variables: {} });
    const store = (engine.server.engine as unknown as { store: EngineStore }).store;
    store.connection
      .write(`CREATE TRIGGER refuse_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`)
      .run();

    // when: commands arrive together (one batch or a few)
    const refused = await Promise.allSettled(
      [1, 2, 3].map(() => engine.client.createProcessInstance({ processDefinitionId: 'writer-job', variables: {} })),
    );
    store.connection.write(`DROP TRIGGER refuse_events`).run();

    // then: every one of them is refused; nothing of them is searchable; the engine serves the next ones
    expect(refused.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const second = await engine.client.createProcessInstance({ processDefinitionId: 'writer-job', variables: {} });
    const { items } = await engine.client.searchProcessInstances({ filter: { processDefinitionId: 'writer-job' } });
    expect(items.map((item) => item.processInstanceKey).sort()).toEqual([first.processInstanceKey, second.processInstanceKey].sort());
    const jobs = await engine.client.activateJobs({ type: 'writer-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: -1 });
    expect(jobs.map((job) => job.processInstanceKey).sort()).toEqual([first.processInstanceKey, second.processInstanceKey].sort());
    for (const job of jobs) await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
    const done = await engine.client.searchProcessInstances({ filter: { processDefinitionId: 'writer-job', state: 'COMPLETED' } });
    expect(done.items).toHaveLength(2);
  });

  it("should let a read of the log see a batch's rows while the writer still writes them, and after", async () => {
    // given
    const store = engineStore();

    // when: a batch handed over, read at once (the read waits for the writer's commit), then once durable
    batchWithEvent(store, 7);
    const durable = store.durable();
    const atOnce = store.events.forProcessInstance(7);
    await durable;

    // then
    expect(atOnce.map((event) => event.intent)).toEqual(['ELEMENT_ACTIVATING']);
    expect(store.events.forProcessInstance(7).map((event) => event.recordKey)).toEqual([7]);
  });

  it('should drain what was handed over when the store closes, and answer it', async () => {
    // given: batches handed over and not waited for
    const store = engineStore();
    const dataDir = folders.at(-1)!;
    const answers: (Promise<void> | undefined)[] = [];
    for (const key of [11, 12, 13]) {
      batchWithEvent(store, key);
      answers.push(store.durable());
    }

    // when
    store.close();

    // then: every batch is answered and in the file
    await Promise.all(answers);
    const reopened = engineStore(dataDir);
    expect([11, 12, 13].map((key) => reopened.events.forProcessInstance(key).length)).toEqual([1, 1, 1]);
  });
});
