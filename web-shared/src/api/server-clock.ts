/**
 * The server's time as its answers tell it (HTTP `Date`): the embedded engine sends its own clock there (pinned
 * in tests), a real cluster its wall clock. Due states and remaining working days are counted from it, never from
 * the PC's clock, which may be wrong.
 *
 * One clock per server: the app's own (`officeClock`, every root V2Client's, read by `serverNow()`), and one per
 * client of another API under the origin (`V2Client.under('/play')`, the modeler's sandbox, whose clock the analyst
 * moves days ahead) — else "now" would follow whichever server answered last.
 */
export class ServerClock {
  private serverAt: number | undefined;
  private localAt = 0;

  /** Records the `Date` header of an answer. */
  observe(dateHeader: string | null): void {
    if (!dateHeader) return;
    const parsed = Date.parse(dateHeader);
    if (Number.isNaN(parsed)) return;
    this.serverAt = parsed;
    this.localAt = Date.now();
  }

  /**
   * The server's "now" in epoch milliseconds (the PC's clock until the first answer). Never before the last answer's
   * time: a PC clock set back since (by hand, or a test's fake clock) must not take "now" into the past.
   */
  now(): number {
    return this.serverAt === undefined ? Date.now() : this.serverAt + Math.max(0, Date.now() - this.localAt);
  }
}

/** The app's server's clock (the engine's, or a cluster's). */
export const officeClock = new ServerClock();

/** Records the `Date` header of an answer of the app's server. */
export function observeServerDate(dateHeader: string | null): void {
  officeClock.observe(dateHeader);
}

/** The app's server's "now" in epoch milliseconds (the PC's clock until the first answer). */
export function serverNow(): number {
  return officeClock.now();
}
