/**
 * One ordered stream of commands with group commit: commands that arrive in the same turn of the event loop
 * run one after another inside one SQLite transaction (each in its own savepoint, so a failing command rolls
 * back alone), and every caller is answered only after that transaction committed.
 */
import type { EngineStore } from '../store/engine-store.js';

interface PendingCommand {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class CommandQueue {
  private pending: PendingCommand[] = [];
  private scheduled = false;
  private afterCommitHooks: (() => void)[] = [];
  private commandHooks: (() => void)[] | undefined;
  private closed = false;

  constructor(
    private readonly store: EngineStore,
    private readonly maxBatch = 500,
  ) {}

  enqueue<T>(run: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the engine is stopped'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Registers work to do after the current command's transaction commits; dropped if the command fails. */
  afterCommit(hook: () => void): void {
    if (this.commandHooks) this.commandHooks.push(hook);
    else queueMicrotask(hook);
  }

  close(): void {
    this.closed = true;
  }

  // helpers

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxBatch);
    if (this.pending.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.store.transaction(() => {
        for (const command of batch) {
          const hooks: (() => void)[] = [];
          this.commandHooks = hooks;
          try {
            const value = this.store.transaction(command.run);
            outcomes.push({ ok: true, value });
            this.afterCommitHooks.push(...hooks);
          } catch (error) {
            this.store.invalidateCaches();
            outcomes.push({ ok: false, value: error });
          } finally {
            this.commandHooks = undefined;
          }
        }
      });
    } catch (error) {
      // the commit itself failed: nobody's change is durable
      this.store.invalidateCaches();
      this.afterCommitHooks = [];
      for (const command of batch) command.reject(error);
      return;
    }
    const hooks = this.afterCommitHooks;
    this.afterCommitHooks = [];
    batch.forEach((command, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) command.resolve(outcome.value);
      else command.reject(outcome.value);
    });
    for (const hook of hooks) hook();
  }
}
