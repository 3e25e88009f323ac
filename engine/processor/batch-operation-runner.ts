/**
 * Works off the items of active batch operations in the background, one command per item, until none is left.
 * An item whose work fails in an unexpected way (a bug) is recorded as failed, so the operation moves on; an
 * engine stopped in the middle goes on where it was at the next start.
 */
export interface BatchItemCommands {
  /** The key of the oldest active operation's next item, or undefined when nothing is left to do. */
  nextItem(): number | undefined;
  run(itemKey: number): Promise<void>;
  fail(itemKey: number, message: string): Promise<void>;
}

export class BatchOperationRunner {
  private running = false;
  private stopped = false;

  constructor(
    private readonly commands: BatchItemCommands,
    /** Pause between two items (ms); 0 works them off as fast as other commands allow. */
    private readonly pace: number,
  ) {}

  /** Starts working off items unless already running. */
  run(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    setImmediate(() => this.next());
  }

  stop(): void {
    this.stopped = true;
  }

  // helpers

  private next(): void {
    const itemKey = this.stopped ? undefined : this.commands.nextItem();
    if (itemKey === undefined) {
      this.running = false;
      return;
    }
    this.commands
      .run(itemKey)
      .catch((error: unknown) => {
        console.error(`[engine] batch operation item ${itemKey} failed unexpectedly: ${(error as Error).message}`);
        return this.commands.fail(itemKey, 'the engine failed to process this item; the error was logged');
      })
      .catch(() => undefined)
      .finally(() => {
        if (this.pace > 0) setTimeout(() => this.next(), this.pace).unref();
        else setImmediate(() => this.next());
      });
  }
}
