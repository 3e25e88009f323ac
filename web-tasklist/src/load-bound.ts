/**
 * The end of one load of the task list: a time bound, and a newer load that supersedes it (another view, 刷新). Its
 * signal goes with the load's requests, so an ended load's requests are cancelled in the browser instead of going
 * on to the engine; what a load awaits that no signal reaches (an answer sent ahead, the reads by key of own
 * changes) is cut off by {@link LoadBound.bounded}. Without a bound one hung request (a dropped connection, a proxy
 * that never answers) kept the load "under way", and every re-read waits for the load under way: the list stood
 * still until the clerk clicked 刷新. 加载更多 and the opening of a task (task-detail.tsx) are bounded the same way,
 * and each shows what {@link LoadBound.failure} makes of its end. The task page's 案件数据 (task-variables.tsx) and its
 * re-reads of the task are bounded too, and so are 认领 / 释放 / 办结 — a command is never superseded, only its time
 * runs out, and then its outcome is unknown (task-detail.tsx says so and reads the task again, never sends it again).
 */
import { failureOf, type Failure } from '../../web-shared/src/api/failure.js';

/**
 * 30 s: a load is a handful of requests that answer within a few seconds even on a busy cluster in the morning rush,
 * so one that has not answered in 30 s will not (it is not a slow search that a shorter bound would cut off); by then
 * the page has skipped two of its 15 s re-reads, and a longer bound would leave the list stale for longer still.
 * It is also how long the page shows its own changes over what the server says (own-changes.ts).
 */
export const LOAD_TIMEOUT_MS = 30_000;

export class LoadBound {
  private readonly controller = new AbortController();
  private readonly timer: number;
  private readonly ended: Promise<never>;
  private ranOut = false;
  /** A newer load (or none) took over: its failure, a time bound's too, is nothing to show any more. */
  private overtaken = false;

  constructor(ms = LOAD_TIMEOUT_MS) {
    this.timer = window.setTimeout(() => {
      this.ranOut = true;
      this.controller.abort(new DOMException('the load took too long', 'TimeoutError'));
    }, ms);
    this.ended = new Promise<never>((_, reject) => this.controller.signal.addEventListener('abort', () => reject(this.controller.signal.reason), { once: true }));
    // (rejects only for those who wait for it)
    this.ended.catch(() => undefined);
  }

  /** For the load's requests (RequestOptions.signal). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the load ended because it ran out of time (a command's answer then never came: its outcome is unknown). */
  get timedOut(): boolean {
    return this.ranOut;
  }

  /**
   * What the page shows for the load that failed with `error`: nothing when a newer load (or the page's end)
   * superseded it — nothing failed —, `timeoutText` when it ran out of time, else the error's own text (an ApiError's
   * Chinese problem text, with its technical detail).
   */
  failure(error: unknown, timeoutText: string): Failure | undefined {
    if (this.overtaken) return undefined;
    if (this.ranOut) return { text: timeoutText };
    return failureOf(error);
  }

  /** `promise`, or the load's end if that comes first. */
  bounded<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.ended]);
  }

  /** A newer load (or none: the list is gone) takes over: this one's requests still out are cancelled. */
  supersede(): void {
    this.finish();
    this.overtaken = true;
    this.controller.abort(new DOMException('a newer load superseded this one', 'AbortError'));
  }

  /** The load is over (its counts too): no time bound runs any more. */
  finish(): void {
    window.clearTimeout(this.timer);
  }
}
