/**
 * The server's time as its answers tell it (HTTP `Date`): the embedded engine sends its own clock there (pinned
 * in tests), a real cluster its wall clock. Due states and remaining working days are counted from it, never from
 * the PC's clock, which may be wrong.
 */
let serverAt: number | undefined;
let localAt = 0;

/** Records the `Date` header of an answer. */
export function observeServerDate(dateHeader: string | null): void {
  if (!dateHeader) return;
  const parsed = Date.parse(dateHeader);
  if (Number.isNaN(parsed)) return;
  serverAt = parsed;
  localAt = Date.now();
}

/** The server's "now" in epoch milliseconds (the PC's clock until the first answer). */
export function serverNow(): number {
  return serverAt === undefined ? Date.now() : serverAt + (Date.now() - localAt);
}
