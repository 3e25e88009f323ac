/**
 * The store's writer thread dying (engine/store/store-writer.ts, `died`), against a real file and the real thread.
 *
 * - In process: an uncaught error in the thread (a PRAGMA its connection refuses) answers the batch handed after it
 *   `OutcomeUnknownError` (504: whether it reached the file is unknown), refuses a batch handed later and a read's
 *   settle at once with `StoreFailedError` (503), and tells the store once.
 * - The real server as a child process: the writer's Worker terminated while a batch waits for SQLite's write lock
 *   (held by another connection, so the batch is in flight for a while). That command is answered 504, one that
 *   came while it was in flight 503 (RFC 7807, a Chinese detail the apps show as it is), the process ends with one
 *   clear line and no personal data, and a restart on the same data directory answers every acknowledged case.
 * - A failed fsync of a committed batch (command-queue.ts, `diskFailed`) ends the same way, in the same real server:
 *   the thread fails the fsync after the commit (a tests-only message: no disk here fails one), each command of that
 *   batch is answered 504, one queued behind it 503, and the process ends with one line, nothing acknowledged lost.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutcomeUnknownError, StoreFailedError } from '../../../engine/errors.js';
import { EngineStore } from '../../../engine/store/engine-store.js';
import { StoreWriter } from '../../../engine/store/store-writer.js';
import { freePort, ROOT } from '../../../scripts/reliability/child-process.js';
import { V2Http } from '../../../scripts/reliability/v2-http.js';
import { serviceTaskProcess } from '../../support/bpmn.js';
import { DEMO_ADMIN } from '../../support/engine-fixture.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');

const ID_NUMBER = '630103196503152014';
const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'writer-death-'));
  folders.push(dir);
  return dir;
}

describe("the store's writer thread dying", () => {
  it('should answer the batch in flight as of unknown outcome, refuse what comes after at once, and tell the store once', async () => {
    // given: a file with the engine's schema, a connection of the engine's kind and a writer thread on it
    const dir = dataDir();
    new EngineStore({ dataDir: dir, synchronous: 'FULL', projection: { delayMs: 60_000 }, replay: () => undefined }).close();
    const path = join(dir, 'engine.sqlite');
    const db = new Database(path);
    db.prepare('SELECT count(*) FROM events').get();
    const died = vi.fn();
    const writer = new StoreWriter(path, true, { batchFailed: () => {}, projectionFailed: () => {}, projected: () => {}, projectionError: () => {}, died });
    const row = (key: number) => [[key, '2026-12-07T11:00:00.000Z', JSON.stringify({ key }), null]] as [number, string, string, null][];
    try {
      await writer.append(row(1), 2);

      // when: the thread meets an uncaught error (a setting its connection refuses) with a batch handed behind it
      writer.pragma('no such setting (');
      const inFlight = writer.append(row(2), 3);

      // then: that batch is of unknown outcome (504), not refused; a batch handed now and a settle are refused (503)
      const failure = await inFlight.catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OutcomeUnknownError);
      expect(failure).toMatchObject({ status: 504, message: expect.stringMatching(/是否已保存未知/) });
      await expect(writer.append(row(3), 4)).rejects.toBeInstanceOf(StoreFailedError);
      expect(() => writer.settle()).toThrow(StoreFailedError);
      // and: the store heard once, with SQLite's code for it (its SqliteError reaches this thread as a plain object)
      await vi.waitFor(() => expect(died).toHaveBeenCalledTimes(1));
      expect(died.mock.calls[0]![0]).toEqual(new Error('an uncaught SQLITE_ERROR in the thread'));
      expect(writer.open).toBe(false);
    } finally {
      writer.close();
      db.close();
      writer.closeWalIndex();
    }

    // and: the acknowledged batch is in the file, the one never written is not
    const reopened = new Database(path, { readonly: true });
    try {
      expect(reopened.prepare('SELECT process_instance_key AS key FROM events').all()).toEqual([{ key: 1 }]);
    } finally {
      reopened.close();
    }
  });

  it('should answer a command in flight 504 and one after it 503, end the process with one line, and lose nothing acknowledged at the restart', async () => {
    // given: the real server in a child process, on a data directory of its own, with a process deployed and cases
    // started (each acknowledged)
    const { first, http, start, restart } = await serverWithCases(20);

    // when: another connection holds SQLite's write lock, so the next batch waits in the writer thread
    first.send('hold');
    await first.said('held');
    const inFlight = start('in flight');
    await first.said('in flight');
    // and: a command comes while it is in flight (it waits for the next batch)
    const after = start('after');
    await first.said('queued');
    // and: the writer's Worker is terminated (then the lock is let go, so the thread gets back to JavaScript)
    first.send('kill');

    // then: the command in flight is of unknown outcome (504), the one after it refused (503), both RFC 7807 problems
    // whose Chinese detail the apps show as it is
    const [inFlightAnswer, afterAnswer] = await Promise.all([inFlight, after]);
    expect(inFlightAnswer).toMatchObject({ status: 504, body: { status: 504, title: 'DEADLINE_EXCEEDED', detail: expect.stringMatching(/^引擎存储故障，本次操作是否已保存未知/) } });
    expect(afterAnswer).toMatchObject({ status: 503, body: { status: 503, title: 'UNAVAILABLE', detail: expect.stringMatching(/^引擎存储故障，本次操作未执行/) } });
    // and: the process ended (as after a failed fsync) with the cause said once, and no personal data
    expect(await first.exited).toBe(1);
    expect(first.output().match(/the store's writer thread stopped unasked/g)).toHaveLength(1);
    expect(first.output()).not.toContain(ID_NUMBER);
    await expect(http.call('GET', '/v2/topology')).rejects.toThrow();

    // when: it is started again on the same data directory
    // then: every acknowledged case is there, and the engine takes commands again
    await restart();
  }, 180_000);
});

describe('a failed fsync of a committed batch', () => {
  it("should answer the batch's commands 504, a command queued behind it 503, and end the process once with one line", async () => {
    // given: the real server in a child process with cases started (each acknowledged)
    const { first, start, acknowledged, restart } = await serverWithCases(5);

    // when: a batch is in flight (its answer withheld from the queue), two commands gather behind it into the next
    // batch, and the thread is to fail the fsync of that next batch after its commit
    first.send('withhold');
    await first.said('withholding');
    const before = start('before');
    await first.said('handed 1');
    const batch = [start('batch 1'), start('batch 2')];
    first.send('queued 2');
    await first.said('queued 2');
    first.send('fail sync');
    await first.said('sync to fail');
    first.send('release');
    const beforeAnswer = await before;
    expect(beforeAnswer.status).toBe(200);
    acknowledged.push(beforeAnswer.body.processInstanceKey);
    await first.said('handed 2');
    // and: a command comes while that batch's failed fsync is on its way to the queue
    const queued = start('queued');
    first.send('queued 1');
    await first.said('queued 1');
    first.send('release');

    // then: both commands of the batch are of unknown outcome (504), the queued one refused (503), RFC 7807 problems
    // whose Chinese detail the apps show as it is; no stack per command
    for (const answer of await Promise.all(batch)) {
      expect(answer).toMatchObject({ status: 504, body: { status: 504, title: 'DEADLINE_EXCEEDED', detail: expect.stringMatching(/^引擎存储故障，本次操作是否已保存未知/) } });
    }
    expect(await queued).toMatchObject({ status: 503, body: { status: 503, title: 'UNAVAILABLE', detail: expect.stringMatching(/^引擎存储故障，本次操作未执行/) } });
    // and: the process ended with the cause said once, no 500 logged, no personal data
    expect(await first.exited).toBe(1);
    expect(first.output().match(/the sync of a committed command batch failed \(EIO: i\/o error, fsync\)/g)).toHaveLength(1);
    expect(first.output()).not.toContain('unexpected error');
    expect(first.output()).not.toContain(ID_NUMBER);

    // when: it is started again on the same data directory
    // then: every acknowledged case is there, and the engine takes commands again
    await restart();
  }, 180_000);
});

// helpers

/**
 * The real server in a child process on a data directory of its own, with `count` cases started (each acknowledged);
 * `restart` starts it again on the same directory once the first has ended, and checks that every acknowledged case is
 * there and that the engine takes commands again.
 */
async function serverWithCases(count: number) {
  const dir = dataDir();
  const engineDir = join(dir, 'engine');
  const port = await freePort();
  const program = writeProgram(dir);
  const first = startProgram(program, engineDir, port);
  const http = new V2Http(await first.ready, DEMO_ADMIN, 30_000);
  const start = (i: string | number) =>
    http.call<{ processInstanceKey: string; status: number; title: string; detail: string }>('POST', '/v2/process-instances', {
      processDefinitionId: 'writer-death',
      variables: { idNumber: ID_NUMBER, i },
    });
  const acknowledged: string[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await start(i);
    expect(answer.status).toBe(200);
    acknowledged.push(answer.body.processInstanceKey);
  }
  const restart = async () => {
    const second = startProgram(program, engineDir, port);
    try {
      await second.ready;
      for (const key of acknowledged) {
        const answer = await http.call<{ processInstanceKey: string; state: string }>('GET', `/v2/process-instances/${key}`);
        expect(answer).toMatchObject({ status: 200, body: { processInstanceKey: key, state: 'ACTIVE' } });
      }
      expect((await start('again')).status).toBe(200);
    } finally {
      second.kill();
      await second.exited;
    }
  };
  return { first, http, start, acknowledged, restart };
}

/**
 * The program the child runs: the real server (engine/server.ts) with a process deployed; on stdin `hold` another
 * connection takes SQLite's write lock and the next batch handed to the writer says `in flight`, a command queued
 * behind it says `queued`; `kill` terminates the writer's Worker and lets the lock go. `withhold` keeps each batch's
 * answer from the thread (`handed N`) from the queue until `release`; `fail sync` has the thread fail the next
 * batch's fsync after its commit; `queued N` says so once N commands wait in the queue.
 */
function writeProgram(dir: string): string {
  const program = join(dir, 'writer-death-server.mts');
  const module = (path: string) => JSON.stringify(join(ROOT, path));
  writeFileSync(
    program,
    `import { createRequire } from 'node:module';
     import { createInterface } from 'node:readline';
     import { startEngineServer } from ${module('engine/server.ts')};
     const Database = createRequire(${module('package.json')})('better-sqlite3');
     const dataDir = process.env.DATA_DIR;
     const server = await startEngineServer({ port: Number(process.env.PORT), host: '127.0.0.1', dataDir, synchronous: 'FULL' });
     await server.engine.deploy([{ name: 'writer-death.bpmn', content: Buffer.from(${JSON.stringify(serviceTaskProcess('writer-death'))}) }], '<default>');
     const store = server.engine['store'];
     const queue = server.engine['queue'];
     const writer = store['writer'];
     let hold;
     let withheld;
     let handed = 0;
     const append = writer.append.bind(writer);
     writer.append = (rows, nextKey) => {
       let answer = append(rows, nextKey);
       if (withheld) {
         // the thread's answer reaches the queue only at 'release': what comes meanwhile queues behind the batch
         const settled = answer.then(() => undefined, (error) => error);
         answer = new Promise((resolve, reject) => withheld.push(() => settled.then((error) => (error ? reject(error) : resolve()))));
         console.log('handed ' + ++handed);
       }
       if (hold) {
         console.log('in flight');
         const waiting = setInterval(() => {
           if (queue['pending'].length > 0) { clearInterval(waiting); console.log('queued'); }
         }, 5);
       }
       return answer;
     };
     createInterface({ input: process.stdin }).on('line', (line) => {
       if (line === 'hold') {
         hold = new Database(dataDir + '/engine.sqlite');
         hold.exec('BEGIN IMMEDIATE');
         console.log('held');
       } else if (line === 'withhold') {
         withheld = [];
         console.log('withholding');
       } else if (line === 'release') {
         for (const release of withheld.splice(0)) release();
       } else if (line === 'fail sync') {
         writer['worker'].postMessage({ failNextSync: true });
         console.log('sync to fail');
       } else if (line.startsWith('queued ')) {
         const count = Number(line.slice(7));
         const waiting = setInterval(() => {
           if (queue['pending'].length >= count) { clearInterval(waiting); console.log(line); }
         }, 5);
       } else if (line === 'kill') {
         void writer['worker'].terminate();
         hold.exec('ROLLBACK');
       }
     });
     console.log('ready: ' + server.url);`,
  );
  return program;
}

interface Program {
  ready: Promise<string>;
  exited: Promise<number | null>;
  send(line: string): void;
  said(line: string): Promise<void>;
  output(): string;
  kill(): void;
}

function startProgram(program: string, engineDir: string, port: number): Program {
  const child = spawn(process.execPath, ['--import', 'tsx', program], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: engineDir, PORT: String(port) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const when = <T>(found: () => T | undefined, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value === undefined) return;
        listeners.delete(check);
        resolve(value);
      };
      listeners.add(check);
      check();
      void exited.then(() => {
        if (listeners.delete(check)) reject(new Error(`the program ended before it said ${what}: ${output.slice(-2000)}`));
      });
    });
  return {
    ready: when(() => /ready: (http:\/\/\S+)/.exec(output)?.[1], 'ready'),
    exited,
    send: (line) => child.stdin.write(`${line}\n`),
    said: (line) => when(() => (output.split('\n').includes(line) ? true : undefined), line).then(() => undefined),
    output: () => output,
    kill: () => child.kill('SIGKILL'),
  };
}
