/**
 * Callers awaiting the end of a process instance (`awaitCompletion` on creation). The command that ends the
 * instance notifies them after its commit, so an answer never reports what a rollback undid.
 */
import { RequestTimeoutError } from '../errors.js';
import type { ProcessInstanceRecord } from '../state/records.js';

export class CompletionWaiters {
  private readonly waiters = new Map<number, Set<(record: ProcessInstanceRecord) => void>>();

  /**
   * Registers interest in the end of `processInstanceKey` (call it inside the creating command, so no end is
   * missed); `wait` then resolves with the ended instance or rejects after `timeoutMs`.
   */
  expect(processInstanceKey: number): { wait(timeoutMs: number): Promise<ProcessInstanceRecord>; cancel(): void } {
    let settle!: (record: ProcessInstanceRecord) => void;
    const ended = new Promise<ProcessInstanceRecord>((resolve) => (settle = resolve));
    let set = this.waiters.get(processInstanceKey);
    if (!set) this.waiters.set(processInstanceKey, (set = new Set()));
    set.add(settle);
    const cancel = () => {
      const current = this.waiters.get(processInstanceKey);
      current?.delete(settle);
      if (current?.size === 0) this.waiters.delete(processInstanceKey);
    };
    return {
      cancel,
      wait: (timeoutMs) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new RequestTimeoutError(`the process instance '${processInstanceKey}' did not complete within ${timeoutMs} ms`)),
            timeoutMs,
          );
        });
        return Promise.race([ended, timeout]).finally(() => {
          clearTimeout(timer);
          cancel();
        });
      },
    };
  }

  /** The instance ended (completed or terminated) and that is committed. */
  ended(record: ProcessInstanceRecord): void {
    const set = this.waiters.get(record.key);
    this.waiters.delete(record.key);
    if (set) for (const waiter of set) waiter(record);
  }
}
