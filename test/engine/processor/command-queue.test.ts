/**
 * The command queue's group commit when the batch's commit reaches the disk after the transaction returns
 * (`CommandTransactions.batch` / `durable`, as the engine runs with `synchronous = FULL`): nobody is answered before
 * the sync, the commands that arrive meanwhile gather for the next batch, and a failed sync answers nobody.
 */
import { describe, expect, it } from 'vitest';
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

  it('should answer nobody of a batch whose sync failed, refuse later commands and report the failure', async () => {
    const { fake, syncs } = transactions();
    const failures: unknown[] = [];
    const queue = new CommandQueue(fake, 500, (error) => failures.push(error));
    const a = queue.enqueue(() => 'a');
    await turn();
    const disk = new Error('EIO: i/o error, fsync');
    syncs[0]!.reject(disk);
    await expect(a).rejects.toBe(disk);
    expect(failures).toEqual([disk]);
    await expect(queue.enqueue(() => 'b')).rejects.toThrow('the engine is stopped');
  });
});
