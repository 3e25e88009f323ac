/**
 * The command queue's group commit when the batch's commit reaches the disk after the transaction returns
 * (`CommandTransactions.batch` / `durable`, as the engine runs with `synchronous = FULL`): nobody is answered before
 * the sync, the commands that arrive meanwhile gather for the next batch, and a failed sync acknowledges nobody: its
 * batch hears the outcome is unknown (504), the commands queued and later are refused (503), the process ends once.
 */
import { describe, expect, it } from 'vitest';
import { OutcomeUnknownError, StoreFailedError } from '../../../engine/errors.js';
import { CommandQueue, type CommandTransactions } from '../../../engine/processor/command-queue.js';

interface Sync {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Transactions that record what ran and in which batch, with syncs the test completes by hand. */
function transactions() {
  const batches: string[][] = [];
  const syncs: Sync[] = [];
  let current: string[] | undefined;
  const fake: CommandTransactions & { log(name: string): void } = {
    transaction: (work) => work(),
    batch: (work) => {
      current = [];
      batches.push(current);
      try {
        return work();
      } finally {
        current = undefined;
      }
    },
    durable: () => new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })),
    rolledBack: () => undefined,
    actingAs: () => undefined,
    log: (name) => current!.push(name),
  };
  return { fake, batches, syncs };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('command queue with a sync after the commit', () => {
  it('should answer a batch and run its after-commit work only when its sync is done', async () => {
    const { fake, syncs } = transactions();
    const queue = new CommandQueue(fake);
    const answered: string[] = [];
    const first = queue.enqueue(() => {
      queue.afterCommit(() => answered.push('hook'));
      return 'a';
    });
    void first.then((value) => answered.push(value));
    await turn();
    await turn();
    expect(syncs).toHaveLength(1);
    expect(answered).toEqual([]);
    syncs[0]!.resolve();
    await expect(first).resolves.toBe('a');
    expect(answered.sort()).toEqual(['a', 'hook']);
  });

  it('should gather the commands that arrive during a sync into the next batch, started after the sync', async () => {
    const { fake, batches, syncs } = transactions();
    const queue = new CommandQueue(fake);
    const a = queue.enqueue(() => fake.log('a'));
    await turn();
    const b = queue.enqueue(() => fake.log('b'));
    const c = queue.enqueue(() => fake.log('c'));
    await turn();
    await turn();
    expect(batches).toEqual([['a']]);
    syncs[0]!.resolve();
    await a;
    await turn();
    await turn();
    expect(batches).toEqual([['a'], ['b', 'c']]);
    syncs[1]!.resolve();
    await Promise.all([b, c]);
    await queue.idle();
  });

  it('should answer a batch whose sync failed as of unknown outcome (504), refuse the queued and later commands (503), and end once', async () => {
    const { fake, syncs } = transactions();
    const failures: unknown[] = [];
    const queue = new CommandQueue(fake, 500, (error) => failures.push(error));
    const a = queue.enqueue(() => 'a');
    const b = queue.enqueue(() => 'b');
    await turn();
    // queued behind the batch being synced
    const c = queue.enqueue(() => 'c');
    await turn();
    syncs[0]!.reject(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    for (const command of [a, b]) await expect(command).rejects.toMatchObject({ constructor: OutcomeUnknownError, status: 504 });
    // (no cause of the disk's on the answer: an ENOSPC there would read as a full disk's 507, "nothing was saved")
    await expect(a).rejects.not.toHaveProperty('cause');
    await expect(c).rejects.toBeInstanceOf(StoreFailedError);
    await expect(queue.enqueue(() => 'd')).rejects.toMatchObject({ constructor: StoreFailedError, status: 503 });
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toMatch(/^Error: the sync of a committed command batch failed \(EIO: i\/o error, fsync\): the engine ends/);
    // nothing ran after the failure
    expect(syncs).toHaveLength(1);
  });
});
