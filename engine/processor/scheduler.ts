/**
 * The scheduler: everything the engine does because time passed. Due timers fire (each in its own command),
 * buffered messages past their time to live expire, and long polls hear of jobs that became activatable again
 * (a lock timeout ran out, a retry back-off elapsed).
 *
 * It wakes by itself (at the next due date, at least every `interval` ms), and on demand: `settle()` runs a
 * round for the clock as it is now and resolves once every timer due by then has fired and the work it
 * triggered is committed. `PUT /v2/clock` answers after `settle()`, so a test that moves the clock sees the
 * result at once, and what did not happen by then will not happen for that time.
 *
 * Rounds never overlap: a round asked for while one runs starts after it, with the clock read afresh.
 */
import type { EngineClock } from '../clock.js';

export interface SchedulerWork {
  /** The earliest due date of a timer, a job lock deadline or a retry back-off (epoch ms), if any. */
  nextDue(): number | undefined;
  /** Fires the timers due by `now`, until none is left; failures are the caller's to log. */
  fireDueTimers(now: number): Promise<void>;
  /** Wakes the long polls of jobs that became activatable by time in (since, now]. */
  wakeJobsDue(since: number, now: number): Promise<void>;
  expireMessages(): Promise<void>;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private lastRound: number;
  private rounds: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly clock: EngineClock,
    private readonly work: SchedulerWork,
    /** Longest sleep between two rounds (ms): the engine looks at least this often. */
    private readonly interval: number,
  ) {
    this.lastRound = clock.now();
  }

  start(): void {
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** A round for the clock as it is now; resolves when its work is committed. */
  settle(): Promise<void> {
    clearTimeout(this.timer);
    return this.round();
  }

  /** Something changed when a round is due (a job's lock was extended, a timer created): look again soon. */
  reschedule(): void {
    this.arm();
  }

  // helpers

  private round(): Promise<void> {
    const next = this.rounds.then(() => this.runRound());
    this.rounds = next;
    return next;
  }

  private async runRound(): Promise<void> {
    if (this.stopped) return;
    const now = this.clock.now();
    const since = Math.min(this.lastRound, now) - 1;
    this.lastRound = now;
    try {
      await this.work.wakeJobsDue(since, now);
      await this.work.fireDueTimers(now);
      if (!this.stopped) await this.work.expireMessages();
    } catch (error) {
      console.error(`[engine] scheduler: ${(error as Error).message}`);
    } finally {
      this.arm();
    }
  }

  /** Sleeps until the next due date (at most `interval`); with the clock pinned, time moves only by `settle`. */
  private arm(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const next = this.work.nextDue();
    const untilNext = next === undefined ? this.interval : Math.max(0, next - this.clock.now());
    const wait = this.clock.isPinned() ? this.interval : Math.min(untilNext, this.interval);
    this.timer = setTimeout(() => void this.round(), wait);
    this.timer.unref();
  }
}
