/**
 * One ordered stream of commands with group commit: commands that arrive in the same turn of the event loop
 * run one after another inside one transaction (each in its own nested one, so a failing command rolls back
 * alone), and every caller is answered only after that transaction committed and reached the disk. The wait for
 * the disk does not hold the thread (see `CommandTransactions.batch`): requests are parsed and answered meanwhile,
 * and the commands that arrive gather for the next batch, which starts when the sync is done.
 */
import { OutcomeUnknownError, StoreFailedError } from '../errors.js';

/** Where commands run: nested transactions over the engine's state. */
export interface CommandTransactions {
  /** Runs `work` in a transaction; called inside another one, in a nested transaction (a savepoint). */
  transaction<T>(work: () => T): T;
  /**
   * Runs a batch's outermost transaction. Its commit need not be on disk when this returns, nor even done (a writer
   * thread commits it): then `durable` resolves when it is on disk. It rejects when the disk failed; with an error
   * whose `notCommitted` is true when the batch's transaction failed, nothing of it reached the file and the state
   * already dropped it (engine/store/store-writer.ts). Without these two, `transaction` and at once.
   */
  batch?<T>(work: () => T): T;
  durable?(): Promise<void> | undefined;
  /** A transaction rolled back: whatever was remembered of its changes outside the state is dropped. */
  rolledBack(): void;
  /** The commands that follow are `actor`'s (null: the engine's own work); their events record it. */
  actingAs(actor: string | null): void;
}

interface PendingCommand {
  run: () => unknown;
  /** Who gave the command (recorded with its events); null for the engine's own work. */
  actor: string | null;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class CommandQueue {
  private pending: PendingCommand[] = [];
  private scheduled = false;
  private afterCommitHooks: (() => void)[] = [];
  private commandHooks: (() => void)[] | undefined;
  /** Undo hooks of the batch's committed-so-far commands, run if the batch's commit fails. */
  private rollbackHooks: (() => void)[] = [];
  private commandRollbackHooks: (() => void)[] | undefined;
  private closed = false;
  /** Why every command is refused from now on (`fail`); a plain stop refuses with its own error. */
  private refusal: Error | undefined;
  /** The last batch's wait for the disk; the next batch starts after it. */
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly transactions: CommandTransactions,
    private readonly maxBatch = 500,
    /** Ends the process after a failed sync or store (see `diskFailed`, `fail`): once, with its one log line. */
    private readonly fatal: (error: unknown) => void = (error) =>
      setImmediate(() => {
        throw error;
      }),
  ) {}

  enqueue<T>(run: () => T, actor: string | null = null): Promise<T> {
    if (this.closed) return Promise.reject(this.refusal ?? new Error('the engine is stopped'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run, actor, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Registers work to do after the current command's transaction commits; dropped if the command fails. */
  afterCommit(hook: () => void): void {
    if (this.commandHooks) this.commandHooks.push(hook);
    else queueMicrotask(hook);
  }

  /**
   * Registers work that undoes, outside the state, what the current command prepared (a job handed to a waiting
   * long poll): run if the command rolls back, or if the batch's commit fails. Outside a command: ignored.
   */
  onRollback(hook: () => void): void {
    this.commandRollbackHooks?.push(hook);
  }

  close(): void {
    this.closed = true;
  }

  /**
   * The store can no longer make a batch durable (its writer thread died, a batch's sync failed): the commands waiting for a batch and every
   * later one are refused with `refusal` at once, and the process ends with `cause` as after a failed sync
   * (`diskFailed`), once. The batch in flight is answered by its own `durable`, which rejects too.
   */
  fail(refusal: Error, cause: unknown): void {
    if (this.refusal) return;
    this.refusal = refusal;
    const waiting = this.pending.splice(0);
    for (const command of waiting) command.reject(refusal);
    const stopping = this.closed;
    this.closed = true;
    // (a stop under way closed the queue already: it ends the process itself, as `diskFailed` leaves it to)
    if (!stopping) this.fatal(cause);
  }

  /** Resolves when the commands enqueued so far are answered (for a stop). */
  async idle(): Promise<void> {
    while (this.syncing || this.scheduled) await (this.syncing ?? new Promise((resolve) => setImmediate(resolve)));
  }

  // helpers

  private schedule(): void {
    if (this.scheduled || this.syncing || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxBatch);
    // (`fail` refused the commands this flush was scheduled for)
    if (batch.length === 0) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    const transactions = this.transactions;
    try {
      (transactions.batch ?? transactions.transaction).call(transactions, () => {
        for (const command of batch) {
          const hooks: (() => void)[] = [];
          const undo: (() => void)[] = [];
          this.commandHooks = hooks;
          this.commandRollbackHooks = undo;
          this.transactions.actingAs(command.actor);
          try {
            const value = this.transactions.transaction(command.run);
            outcomes.push({ ok: true, value });
            this.afterCommitHooks.push(...hooks);
            this.rollbackHooks.push(...undo);
          } catch (error) {
            this.transactions.rolledBack();
            for (const hook of undo.reverse()) hook();
            outcomes.push({ ok: false, value: error });
          } finally {
            this.commandHooks = undefined;
            this.commandRollbackHooks = undefined;
            this.transactions.actingAs(null);
          }
        }
      });
    } catch (error) {
      // the commit itself failed: nobody's change is durable
      this.transactions.rolledBack();
      this.afterCommitHooks = [];
      const undo = this.rollbackHooks;
      this.rollbackHooks = [];
      for (const hook of undo.reverse()) hook();
      for (const command of batch) command.reject(error);
      this.schedule();
      return;
    }
    const undo = this.rollbackHooks;
    this.rollbackHooks = [];
    const hooks = this.afterCommitHooks;
    this.afterCommitHooks = [];
    const durable = this.transactions.durable?.();
    if (!durable) {
      this.answer(batch, outcomes, hooks);
      this.schedule();
      return;
    }
    // (functions passed, not named: under tsx every named function expression is renamed at each creation, a
    // defineProperty per batch that showed in the profile, docs/performance-notes.md "The cost of a batch")
    this.syncing = durable.then(
      () => this.answer(batch, outcomes, hooks),
      (error: unknown) => this.notDurable(batch, undo, error),
    ).finally(() => {
      this.syncing = undefined;
      this.schedule();
    });
  }

  /** The batch is durable: every caller gets its command's outcome, then the after-commit hooks run. */
  private answer(batch: readonly PendingCommand[], outcomes: readonly { ok: boolean; value: unknown }[], hooks: readonly (() => void)[]): void {
    batch.forEach((command, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) command.resolve(outcome.value);
      else command.reject(outcome.value);
    });
    for (const hook of hooks) hook();
  }

  private notDurable(batch: readonly PendingCommand[], undo: (() => void)[], error: unknown): void {
    if ((error as { notCommitted?: unknown } | undefined)?.notCommitted !== true) return this.diskFailed(batch, error);
    // the commit itself failed, on the writer's thread: as when it fails here, nobody's change is durable and the
    // engine goes on (the state dropped the batch before the promise rejected)
    for (const hook of undo.reverse()) hook();
    for (const command of batch) command.reject(error);
  }

  /**
   * The batch is committed but its sync failed: whether it is on disk is unknown, and memory already holds it.
   * Nothing is acknowledged: the batch's commands are answered 504 (outcome unknown: the apps check before sending
   * again), and, as when the writer thread dies (`fail`), the commands queued behind it and every later one 503, and
   * the process ends with one line, so a restart rebuilds the state from what the file holds (after a failed fsync
   * the kernel may have dropped the pages: retrying it would report success for data that is gone).
   */
  private diskFailed(batch: readonly PendingCommand[], error: unknown): void {
    // (the writer thread's death answers its batch in flight with an OutcomeUnknownError already, and failed the queue)
    for (const command of batch) command.reject(error instanceof OutcomeUnknownError ? error : new OutcomeUnknownError());
    this.fail(new StoreFailedError(), syncFailed(error));
  }
}

/**
 * What the process ends with after a failed sync of a committed batch: its one log line. The cause is the file
 * system's or SQLite's message (an errno and the WAL file's name, no row of the batch), kept off the commands' errors:
 * a cause of ENOSPC there would make the API answer 507, "nothing was saved", for a batch that may well be saved.
 */
function syncFailed(cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new Error(
    `the sync of a committed command batch failed (${message}): the engine ends, as the kernel may have dropped ` +
      "the batch's pages. Its commands were answered 504 (outcome unknown), later ones 503; a restart on the same " +
      'data directory recovers every acknowledged command from the file',
  );
}
