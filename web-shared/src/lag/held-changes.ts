/**
 * What the task list's own changes (web-tasklist/src/own-changes.ts) and the monitor's own repairs
 * (web-monitor/src/own-repairs.ts) share: on a Camunda 8.8 cluster the searches and reads by key lag about a second
 * behind a command (docs/camunda8-cluster.md), so a page holds its own command over the reads, re-reads on this
 * schedule until a read shows it, and lets it go after {@link HELD_CHANGE_MAX_MS} whatever the reads say. When a read
 * counts as showing a change is each page's own (a claim's 办理人, a variable's value).
 */

/** The longest a page shows its own change over what the reads say. */
export const HELD_CHANGE_MAX_MS = 30_000;

/**
 * Whether a change made at `since` is past the bound at `now`: held while younger than {@link HELD_CHANGE_MAX_MS},
 * let go when it reaches it — where the bounded schedule's last re-read comes ({@link rereadGapsUntilBound}). The one
 * rule of both pages (the task list held a change 1 ms longer than the monitor before).
 */
export function pastHeldBound(since: number, now: number): boolean {
  return now - since >= HELD_CHANGE_MAX_MS;
}

/** The first re-read this long after a command: a cluster is about a second behind. */
const FIRST_REREAD_MS = 500;

/**
 * The gap before re-read number `step` (from 0): each twice as long as the one before, at most `maxGap` — ½, 1½,
 * 3½, 7½ s after the command, then `maxGap` apart: every re-read is a handful of requests from every user's page.
 */
export function rereadGap(step: number, maxGap: number): number {
  return Math.min(FIRST_REREAD_MS * 2 ** step, maxGap);
}

/** The gaps of the re-reads until the bound; the last one comes when the changes still held are let go. */
export function rereadGapsUntilBound(maxGap: number): number[] {
  const gaps: number[] = [];
  let sum = 0;
  for (let step = 0; sum < HELD_CHANGE_MAX_MS; step += 1) {
    const gap = Math.min(rereadGap(step, maxGap), HELD_CHANGE_MAX_MS - sum);
    gaps.push(gap);
    sum += gap;
  }
  return gaps;
}

/**
 * When the next re-read is due, for a page that re-reads on a tick: {@link start} with a change, {@link take} a
 * re-read that is due (the next one comes a gap later), {@link postpone} after a failed load, {@link stop} when
 * nothing is held any more.
 */
export class RereadSchedule {
  private step = 0;
  private nextAt = Number.POSITIVE_INFINITY;

  constructor(private readonly maxGap: number) {}

  start(now: number): void {
    this.step = 0;
    this.nextAt = now + rereadGap(0, this.maxGap);
  }

  isDue(now: number): boolean {
    return now >= this.nextAt;
  }

  take(now: number): void {
    this.step += 1;
    this.nextAt = now + rereadGap(this.step, this.maxGap);
  }

  postpone(until: number): void {
    this.nextAt = Math.max(this.nextAt, until);
  }

  stop(): void {
    this.nextAt = Number.POSITIVE_INFINITY;
  }
}
