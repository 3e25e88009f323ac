/**
 * The store's writer thread (engine/store/store-writer.ts): a command batch's event rows and key counter are
 * committed and synced on a thread of its own. A batch whose transaction fails there answers its commands with the
 * error and leaves nothing in the file or in memory, and the engine goes on serving; a read right after a batch (or
 * while it is still being written) sees its rows; a stop drains what was handed over before it closes. The WAL's
 * checkpoints run off the batches' commits and keep the WAL bounded (with a reader holding an old snapshot too, once
 * it ends); a kill while they run loses no acknowledged batch; a close leaves the database file checkpointed.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineStore } from '../../../engine/store/engine-store.js';
import { RecordTable } from '../../../engine/store/record-table.js';
import { StoreConnection } from '../../../engine/store/store-connection.js';
import { BatchNotCommitted, projectionWritesSink, StoreWriter, type ProjectionWrites, type WriterEvents } from '../../../engine/store/store-writer.js';
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

/** The wal-index reader the writer thread uses: the WAL's frames and how many of them are in the database file. */
const { openWalIndexFile, WalIndex } = createRequire(import.meta.url)('../../../engine/store/wal-index.cjs') as {
  openWalIndexFile: (databasePath: string) => number | undefined;
  WalIndex: new (fd: number | undefined) => { read(): { frames: number; backfilled: number } | undefined };
};

/**
 * The POSIX locks this process holds on `path` (from /proc/locks: "1: POSIX ADVISORY READ <pid> <maj>:<min>:<inode>
 * <start> <end>"): SQLite's on the -shm file while any connection of the process is open to the database.
 */
function locksHeldOn(inode: number): string[] {
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[1] === 'POSIX' && fields[4] === String(process.pid) && fields[5]?.split(':')[2] === String(inode);
    });
}

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
  it('should not keep a program alive that ends with its store open and idle (the thread is not a reason to stay)', () => {
    // given: a program that opens a store, writes one batch, and ends without closing it
    const dataDir = mkdtempSync(join(tmpdir(), 'store-writer-'));
    folders.push(dataDir);
    const program = join(dataDir, 'forgets-to-close.mts');
    const store = new URL('../../../engine/store/engine-store.ts', import.meta.url).pathname;
    writeFileSync(
      program,
      `import { EngineStore } from ${JSON.stringify(store)};
       const store = new EngineStore({ dataDir: ${JSON.stringify(dataDir)}, synchronous: 'FULL', projection: { delayMs: 10 }, replay: () => undefined });
       store.batchTransaction(() => store.transaction(() => store.events.write(1, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', 1, '2026-12-06T20:00:00.000Z', { key: 1 })));
       await store.durable();
       console.log('written');`,
    );

    // when
    const run = spawnSync(process.execPath, ['--import', 'tsx', program], { encoding: 'utf8', timeout: 30_000 });

    // then: it printed and ended by itself (a referenced thread would hold it until the timeout kills it)
    expect(run.stdout).toContain('written');
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
  }, 40_000);

  it('should count its batches on past the int32 wrap, and still tell a failed one after it', async () => {
    // given: a file with the engine's schema, and a writer whose batch numbers start two short of 2³¹ − 1
    const dataDir = mkdtempSync(join(tmpdir(), 'store-writer-'));
    folders.push(dataDir);
    new EngineStore({ dataDir, synchronous: 'FULL', projection: { delayMs: 60_000 }, replay: () => undefined }).close();
    let failures = 0;
    const events = { batchFailed: () => failures++, projectionFailed: () => {}, projected: () => {}, projectionError: () => {} };
    const writer = new StoreWriter(join(dataDir, 'engine.sqlite'), true, events, 2 ** 31 - 2);
    const row = (key: number) => [key, '2026-12-06T20:00:00.000Z', '[]', null] as [number, string, string, null];

    try {
      // when: three batches across the wrap (2³¹ − 1, then −2³¹, −2³¹ + 1), then one the file refuses (no timestamp)
      for (const key of [1, 2, 3]) await writer.append([row(key)], 100 + key);
      writer.settle();
      const refused = writer.append([[4, null as unknown as string, '[]', null]], 104);

      // then: each was answered and none left the engine's thread waiting; the refused one is told as failed, once
      await expect(refused).rejects.toBeInstanceOf(BatchNotCommitted);
      expect(failures).toBe(1);
      expect(writer.committing).toBe(false);
      writer.settle();
      expect(failures).toBe(1);
      expect(writer.syncs).toBe(3);
    } finally {
      writer.close();
    }
  });

  it("should number its projections on past the int32 wrap: hand-overs, settles and a failure there, the table's rows as memory holds them", async () => {
    // given: a file with the engine's schema and a projected table of notes, a record table over it on a connection
    // of its own, and a writer whose messages start three short of 2³¹ − 1, telling the table what it wrote
    const dataDir = mkdtempSync(join(tmpdir(), 'store-writer-'));
    folders.push(dataDir);
    new EngineStore({ dataDir, synchronous: 'FULL', projection: { delayMs: 60_000 }, replay: () => undefined }).close();
    const path = join(dataDir, 'engine.sqlite');
    const db = new Database(path);
    db.exec(`CREATE TABLE notes (key INTEGER PRIMARY KEY, text TEXT NOT NULL);
             CREATE TRIGGER refuse_notes BEFORE INSERT ON notes WHEN NEW.text = '拒收' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const connection = new StoreConnection(db, { tables: ['notes'], beforeRead: () => undefined });
    const table = new RecordTable<{ key: number; text: string }>(connection, 'notes', ['key', 'text']);
    let failed: ((seq: number) => boolean) | undefined;
    const errors: string[] = [];
    const writer = new StoreWriter(
      path,
      true,
      {
        batchFailed: () => errors.push('batch failed'),
        projectionFailed: (committed) => {
          failed = committed;
          table.rehold(committed);
        },
        projected: (committed) => table.projected(committed),
        projectionError: (message) => errors.push(message),
      },
      2 ** 31 - 3,
    );
    /** The store's hand-over (engine-store.ts): the table's writes as runs per statement, posted as one message. */
    const handOver = (): number => {
      const seq = writer.nextProjection;
      const { writes, sink } = projectionWritesSink();
      table.handOver(sink, seq);
      writer.project(writes);
      return seq;
    };
    const handed = () => (table as unknown as { handed: unknown[] }).handed.length;
    const notesInFile = () => db.prepare('SELECT key, text FROM notes ORDER BY key').all();
    const seqs: number[] = [];

    try {
      // when: a projection before the wrap, a batch on 2³¹ − 1, a projection after it, and a settle
      table.insert({ key: 1, text: '受理' });
      seqs.push(handOver());
      await writer.append([[1, '2026-12-07T01:00:00.000Z', '[]', null]], 101);
      table.insert({ key: 2, text: '初审' });
      seqs.push(handOver());
      writer.settle();

      // then: both written, with the batch's position, and no longer kept in memory
      expect(seqs).toEqual([2 ** 31 - 2, -(2 ** 31)]);
      expect(handed()).toBe(0);
      expect(notesInFile()).toEqual([{ key: 1, text: '受理' }, { key: 2, text: '初审' }]);
      expect(db.prepare(`SELECT value FROM meta WHERE name = 'projectedPosition'`).pluck().get()).toBe('1');

      // when: one written, one the file refuses, one handed before this side knew: then a settle
      table.update({ key: 1, text: '受理（已核）' });
      seqs.push(handOver());
      table.insert({ key: 3, text: '拒收' });
      seqs.push(handOver());
      table.update({ key: 2, text: '初审通过' });
      seqs.push(handOver());
      writer.settle();

      // then: the failed one and the one after it held again (told as not written), the one before as written
      expect(failed).toBeDefined();
      expect(seqs.map((seq) => failed!(seq))).toEqual([true, true, true, false, false]);
      expect(handed()).toBe(0);
      expect(table.held).toBe(2);
      expect([1, 2, 3].map((key) => table.get(key)?.text)).toEqual(['受理（已核）', '初审通过', '拒收']);
      expect(notesInFile()).toEqual([{ key: 1, text: '受理（已核）' }, { key: 2, text: '初审' }]);

      // when: the file accepts the row again, and the next projection runs
      db.exec('DROP TRIGGER refuse_notes');
      seqs.push(handOver());
      writer.settle();
      await vi.waitFor(() => expect(errors).toEqual(['refused by the test']), { timeout: 10_000 });
    } finally {
      writer.close();
    }

    // then: the file holds what memory holds, and nothing waits
    expect(seqs.at(-1)).toBe(-(2 ** 31) + 4);
    expect(handed()).toBe(0);
    expect(table.held).toBe(0);
    expect(notesInFile()).toEqual([{ key: 1, text: '受理（已核）' }, { key: 2, text: '初审通过' }, { key: 3, text: '拒收' }]);
    expect(writer.committing).toBe(false);
    connection.close();
  });

  it("should count the engine's thread's waits for the thread and how long they took, and only the waits it had to make", async () => {
    // given: a file with the engine's schema, its writer, and the file's write lock held by a connection of the test's
    const dataDir = mkdtempSync(join(tmpdir(), 'store-writer-'));
    folders.push(dataDir);
    new EngineStore({ dataDir, synchronous: 'FULL', projection: { delayMs: 60_000 }, replay: () => undefined }).close();
    const events = { batchFailed: () => {}, projectionFailed: () => {}, projected: () => {}, projectionError: () => {} };
    const writer = new StoreWriter(join(dataDir, 'engine.sqlite'), true, events);
    const lock = new Database(join(dataDir, 'engine.sqlite'));
    const row = (key: number) => [key, '2026-12-06T20:00:00.000Z', '[]', null] as [number, string, string, null];

    try {
      // when: a batch handed over while the lock is held, the lock let go and the batch waited for at once; then a
      // settle with nothing in flight. (The lock, not a while, is what the settle must wait behind: the thread cannot
      // commit the batch before the lock goes, whether it has taken the message yet or sleeps in SQLite's busy handler.)
      lock.exec('BEGIN IMMEDIATE');
      const durable = writer.append([row(1)], 101);
      const committingBefore = writer.committing;
      const waitsBefore = { ...writer.blocked };
      lock.exec('COMMIT');
      const startedAt = performance.now();
      writer.settle();
      const settleMs = performance.now() - startedAt;
      await durable;
      writer.settle();

      // then: one wait, counted with its time; none before it, none for the settle that did not wait
      expect(committingBefore).toBe(true);
      expect(waitsBefore).toEqual({ waits: 0, ms: 0 });
      expect(writer.blocked.waits).toBe(1);
      expect(writer.blocked.ms).toBeGreaterThan(0);
      expect(writer.blocked.ms).toBeLessThanOrEqual(settleMs);
      expect(writer.syncs).toBe(1);
    } finally {
      lock.close();
      writer.close();
    }
  });

  it('should refuse at once a batch or a projection that cannot be sent to the thread, and not wait for it afterwards', async () => {
    // given: a file with the engine's schema and its writer
    const dataDir = mkdtempSync(join(tmpdir(), 'store-writer-'));
    folders.push(dataDir);
    new EngineStore({ dataDir, synchronous: 'FULL', projection: { delayMs: 60_000 }, replay: () => undefined }).close();
    const events = { batchFailed: () => {}, projectionFailed: () => {}, projected: () => {}, projectionError: () => {} };
    const writer = new StoreWriter(join(dataDir, 'engine.sqlite'), true, events);
    // (a function cannot be cloned into a message)
    const uncloneable = () => undefined;

    try {
      // when: a batch and a projection holding one, then a batch that can go
      const refused = writer.append([[1, '2026-12-06T20:00:00.000Z', uncloneable as unknown as string, null]], 101);
      expect(() => writer.project([['INSERT INTO join_tokens VALUES (?)', [[uncloneable as unknown as number]]]])).toThrow(/could not be cloned/);
      await expect(refused).rejects.toThrow(/could not be cloned/);
      writer.settle();
      await writer.append([[2, '2026-12-06T20:00:00.000Z', '[]', null]], 102);
      writer.settle();

      // then: nothing waited for the two never sent (a wait for one would last 30 s and throw out of settle)
      expect(writer.committing).toBe(false);
      expect(writer.syncs).toBe(1);
    } finally {
      writer.close();
    }
  });

  it('should skip the projections handed after a failure this side had not learnt of, and tell which ones were written', async () => {
    // given: a file with the engine's schema, and a writer whose failures are recorded
    const dataDir = mkdtempSync(join(tmpdir(), 'store-writer-'));
    folders.push(dataDir);
    new EngineStore({ dataDir, synchronous: 'FULL', projection: { delayMs: 60_000 }, replay: () => undefined }).close();
    const told: string[] = [];
    const errors: string[] = [];
    let written: (seq: number) => boolean = () => false;
    const events: WriterEvents = {
      batchFailed: () => told.push('batch failed'),
      projectionFailed: (committed) => {
        told.push('projection failed');
        written = committed;
      },
      projected: () => undefined,
      projectionError: (message) => errors.push(message),
    };
    const writer = new StoreWriter(join(dataDir, 'engine.sqlite'), true, events);
    // a join token row per projection; `null` breaks the table's NOT NULL
    const token = (scope: number, elementId: string | null): ProjectionWrites => [
      ['INSERT INTO join_tokens (flow_scope_key, element_id, flow_id, count) VALUES (?, ?, ?, ?)', [[scope, elementId, 'flow', 1]]],
    ];
    const seqs: number[] = [];
    const project = (writes: ProjectionWrites) => {
      seqs.push(writer.nextProjection);
      writer.project(writes);
    };

    try {
      // when: a batch the file refuses, a projection handed before this side heard of it, then one after
      const refused = writer.append([[4, null as unknown as string, '[]', null]], 104);
      project(token(1, 'join'));
      await expect(refused).rejects.toBeInstanceOf(BatchNotCommitted);
      project(token(2, 'join'));
      // and: a projection written, one that fails there, one handed before this side heard of that
      project(token(3, 'join'));
      project(token(4, null));
      project(token(5, 'join'));
      writer.settle();
      project(token(6, 'join'));
      writer.settle();
      // the failure's cause comes with the thread's answer
      await vi.waitFor(() => expect(errors).toEqual(['NOT NULL constraint failed: join_tokens.element_id']), { timeout: 10_000 });
    } finally {
      writer.close();
    }

    // then: the one built on the failed batch was skipped (memory was rebuilt instead); of the later ones, those
    // after the failed projection are told as not written (held again), once; the rest are in the file
    expect(told).toEqual(['batch failed', 'projection failed']);
    expect([seqs[2], seqs[3], seqs[4]].map((seq) => written(seq!))).toEqual([true, false, false]);
    const db = new Database(join(dataDir, 'engine.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT flow_scope_key FROM join_tokens ORDER BY 1').pluck().all()).toEqual([2, 3, 6]);
    } finally {
      db.close();
    }
  });

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

describe("the WAL's checkpoints", () => {
  /** A file with the engine's schema (and nothing else open on it); its path. */
  function schemaFile(): string {
    const dataDir = mkdtempSync(join(tmpdir(), 'store-writer-'));
    folders.push(dataDir);
    new EngineStore({ dataDir, synchronous: 'FULL', projection: { delayMs: 60_000 }, replay: () => undefined }).close();
    return join(dataDir, 'engine.sqlite');
  }

  /** A batch of one event whose records take a few pages (overflow pages), so the WAL grows fast. */
  const bulky = (key: number) => [[key, '2026-12-07T08:00:00.000Z', JSON.stringify({ key, padding: '料'.repeat(3000) }), null]] as [number, string, string, null][];
  const events = { batchFailed: () => {}, projectionFailed: () => {}, projected: () => {}, projectionError: () => {} };
  /** WAL frames that wake the checkpointer in these tests (the engine's is 1000); the writer's limit is 8 times this. */
  const CHECKPOINT_FRAMES = 40;

  it("should keep the WAL bounded under sustained batches, checkpointing off the batches' commits, and leave a checkpointed file at close", async () => {
    // given: a connection of the engine's kind (the last to close) and a writer that checkpoints past 40 frames
    const FRAMES = CHECKPOINT_FRAMES;
    const path = schemaFile();
    const db = new Database(path);
    db.pragma('wal_autocheckpoint = 0');
    // as the engine's connection has at the writer's start: read the file (which fills the wal-index)
    db.prepare('SELECT count(*) FROM events').get();
    const writer = new StoreWriter(path, false, events, 0, FRAMES);
    // the test's own descriptor of the -shm, closed only after the connections (closing one drops the process's locks)
    const walIndexFd = openWalIndexFile(path);
    const wal = new WalIndex(walIndexFd);
    expect(writer.ownCheckpoints).toBe(true);
    let mostFrames = 0;
    let mostBackfilled = 0;
    let key = 1;

    try {
      // given: warmed up — batches up to the threshold, then none until the checkpointer (started at that first need,
      // a thread and a connection) has copied them, so the batches below do not outrun its start to the writer's limit
      for (; wal.read()!.frames < FRAMES; key++) await writer.append(bulky(key), key + 1);
      await vi.waitFor(() => expect(writer.checkpoints.offPath).toBeGreaterThan(0), { timeout: 10_000 });
      const warmedUp = writer.checkpoints.offPath;

      // when: 600 batches of a few pages each, every one waited for (~30 times the WAL's threshold in all)
      for (const last = key + 600; key < last; key++) {
        await writer.append(bulky(key), key + 1);
        const read = wal.read()!;
        mostFrames = Math.max(mostFrames, read.frames);
        mostBackfilled = Math.max(mostBackfilled, read.backfilled);
      }

      // then: the checkpointer copied the frames (more catch-ups than checkpoints on the writer's path), and the WAL
      // restarted before it passed the writer's limit. Not none on the path: at this scale the idle copy (a remainder
      // of at most 5 frames, about one batch) rarely finds its moment on a loaded machine, and the limit restarts the WAL
      const offPath = writer.checkpoints.offPath - warmedUp;
      expect(offPath).toBeGreaterThan(5);
      expect(writer.checkpoints.onPath).toBeLessThan(offPath);
      expect(mostBackfilled).toBeGreaterThan(0);
      expect(mostFrames).toBeLessThanOrEqual(8 * FRAMES + 10);
    } finally {
      writer.close();
      db.close();
      writer.closeWalIndex();
      if (walIndexFd !== undefined) closeSync(walIndexFd);
    }

    // and: the close left everything in the database file, no WAL beside it
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new Database(path, { readonly: true });
    try {
      expect(reopened.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: key - 1 });
    } finally {
      reopened.close();
    }
  }, 60_000);

  it('should copy nothing past a reader holding an old snapshot (the WAL grows past its limit), and restart the WAL once it ends', async () => {
    // given: a writer that checkpoints past 40 frames, and a reader in a transaction since before its batches
    const path = schemaFile();
    const db = new Database(path);
    db.pragma('wal_autocheckpoint = 0');
    // as the engine's connection has at the writer's start: read the file (which fills the wal-index)
    db.prepare('SELECT count(*) FROM events').get();
    const writer = new StoreWriter(path, false, events, 0, CHECKPOINT_FRAMES);
    // the test's own descriptor of the -shm, closed only after the connections (closing one drops the process's locks)
    const walIndexFd = openWalIndexFile(path);
    const wal = new WalIndex(walIndexFd);
    const reader = new Database(path, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM events').get();

    try {
      // when: batches while the reader holds its snapshot (no checkpoint may copy past it)
      for (let key = 1; key <= 150; key++) await writer.append(bulky(key), key + 1);

      // then: the WAL grew past the limit, and no checkpoint copied anything (they count only when they copy)
      expect(wal.read()!.frames).toBeGreaterThan(8 * CHECKPOINT_FRAMES);
      expect(writer.checkpoints).toEqual({ offPath: 0, whenIdle: 0, onPath: 0 });

      // when: the reader ends, and batches go on
      reader.exec('COMMIT');
      for (let key = 151; key <= 200; key++) await writer.append(bulky(key), key + 1);

      // then: the WAL was copied and restarted: it is back under the limit
      expect(wal.read()!.frames).toBeLessThan(8 * CHECKPOINT_FRAMES);
      expect(writer.checkpoints.offPath + writer.checkpoints.onPath).toBeGreaterThan(0);
    } finally {
      if (reader.inTransaction) reader.exec('COMMIT');
      reader.close();
      writer.close();
      db.close();
      writer.closeWalIndex();
      if (walIndexFd !== undefined) closeSync(walIndexFd);
    }
  }, 60_000);

  it("should keep SQLite's lock on the -shm file while the writer and the checkpointer read the wal-index, so another process's open cannot truncate it under the engine", async () => {
    // given: a connection of the engine's kind, a writer started beside it, and batches enough for its checkpointer
    // to start and copy
    const path = schemaFile();
    const db = new Database(path);
    db.pragma('wal_autocheckpoint = 0');
    db.prepare('SELECT count(*) FROM events').get();
    const shm = statSync(`${path}-shm`).ino;
    // the connection holds its lock on the -shm from its open on (SQLite's "DMS" byte)
    expect(locksHeldOn(shm).length).toBeGreaterThan(0);
    const writer = new StoreWriter(path, false, events, 0, CHECKPOINT_FRAMES);
    const walIndexFd = openWalIndexFile(path);
    const wal = new WalIndex(walIndexFd);
    try {
      let key = 1;
      for (; wal.read()!.frames < CHECKPOINT_FRAMES; key++) await writer.append(bulky(key), key + 1);
      await vi.waitFor(() => expect(writer.checkpoints.offPath).toBeGreaterThan(0), { timeout: 10_000 });

      // then: the process still holds its lock on the -shm (a close of any descriptor of it would have dropped it)
      expect(locksHeldOn(shm).length).toBeGreaterThan(0);

      // when: another process opens the file read-only and reads it, as \`npm run backup\` does (backupSqliteFile)
      const other = spawnSync(
        process.execPath,
        ['-e', `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)}, { readonly: true }); db.prepare('SELECT count(*) FROM events').get(); db.close();`],
        { cwd: process.cwd(), encoding: 'utf8' },
      );
      expect(other.status, other.stderr).toBe(0);

      // then: both connections go on working (a truncated -shm would end this process with SIGBUS here)
      for (const next = key + 10; key < next; key++) await writer.append(bulky(key), key + 1);
      expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: key - 1 });
      expect(locksHeldOn(shm).length).toBeGreaterThan(0);
    } finally {
      writer.close();
      db.close();
    }
    // and: once the last connection is closed, the descriptors go and so do the locks
    writer.closeWalIndex();
    if (walIndexFd !== undefined) closeSync(walIndexFd);
    expect(locksHeldOn(shm)).toEqual([]);
  }, 60_000);

  it("should turn SQLite's automatic checkpoint back on for the engine's connection when the writer thread dies", async () => {
    // given: an engine's store whose writer thread checkpoints (SQLite's automatic checkpoint off on both connections)
    const store = engineStore();
    const inside = store as unknown as { writer: { worker: { terminate(): Promise<number> } }; connection: { pragma(source: string, options: { simple: boolean }): unknown } };
    expect(inside.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    // when: the thread stops unasked
    await inside.writer.worker.terminate();

    // then: the engine's connection checkpoints in its commits as SQLite does by itself (nothing else would now)
    await vi.waitFor(() => expect(inside.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000));
  });

  it('should lose no acknowledged batch to a SIGKILL while the checkpoints run', async () => {
    // given: a program that writes bulky batches through a writer that checkpoints past 40 frames, synced (FULL),
    // and prints each batch once it is acknowledged, with the checkpointer's catch-ups so far
    const path = schemaFile();
    const program = join(path, '..', 'writes-until-killed.mts');
    const writerModule = new URL('../../../engine/store/store-writer.ts', import.meta.url).pathname;
    writeFileSync(
      program,
      `import { createRequire } from 'node:module';
       import { StoreWriter } from ${JSON.stringify(writerModule)};
       const Database = createRequire(${JSON.stringify(writerModule)})('better-sqlite3');
       const db = new Database(${JSON.stringify(path)});
       db.pragma('wal_autocheckpoint = 0');
       db.prepare('SELECT count(*) FROM events').get();
       const events = { batchFailed: () => {}, projectionFailed: () => {}, projected: () => {}, projectionError: () => {} };
       const writer = new StoreWriter(${JSON.stringify(path)}, true, events, 0, ${CHECKPOINT_FRAMES});
       for (let key = 1; ; key++) {
         await writer.append([[key, '2026-12-07T08:00:00.000Z', JSON.stringify({ key, padding: '料'.repeat(3000) }), null]], key + 1);
         console.log('acknowledged', key, writer.checkpoints.offPath);
       }`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', program], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acknowledged = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    // when: it is killed mid-stream, after several catch-ups of the checkpointer
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          const [, key, catchUps] = line.split(' ').map(Number);
          acknowledged = key!;
          if (catchUps! >= 4 && child.exitCode === null) {
            child.kill('SIGKILL');
            resolve();
          }
        }
      });
      child.once('exit', () => reject(new Error(`the program ended by itself: ${stderr}`)));
    });
    await once(child, 'exit').catch(() => undefined);
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');

    // then: the WAL was left behind (not checkpointed at a close), and its recovery at the next open holds every
    // acknowledged batch, each once
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    const reopened = new Database(path);
    try {
      const keys = (reopened.prepare('SELECT process_instance_key AS key FROM events ORDER BY position').all() as { key: number }[]).map((row) => row.key);
      expect(acknowledged).toBeGreaterThan(0);
      // every batch in the file once and in order, the acknowledged ones among them (batches committed after the last
      // acknowledgement the parent read — in flight, or acknowledged unread at the kill — may be there too)
      expect(keys.length).toBeGreaterThanOrEqual(acknowledged);
      expect(keys).toEqual(Array.from({ length: keys.length }, (_, i) => i + 1));
    } finally {
      reopened.close();
    }
  }, 90_000);
});
