/**
 * The engine clock. Timers, job deadlines, due dates and FEEL `now()` all read it, so tests can pin time
 * (`PUT /v2/clock`) instead of sleeping.
 */
/**
 * The instants the clock can be pinned to, in whole epoch milliseconds: from 1970 to the last instant a JavaScript
 * Date can show, so that every event's timestamp can be written and the document links' sums of set-backs stay
 * safe integers (engine/store/link-clock.ts).
 */
export const PINNABLE = { earliest: 0, latest: 8.64e15 } as const;
/** `PINNABLE` in words, for the answers that refuse a time outside it. */
export const PINNABLE_RANGE = `epoch milliseconds from 0 (1970-01-01T00:00:00Z) to ${PINNABLE.latest} (+275760-09-13T00:00:00Z)`;

/** Whether the clock can be pinned to `epochMs` (see PINNABLE). */
export function isPinnable(epochMs: number): boolean {
  return Number.isInteger(epochMs) && epochMs >= PINNABLE.earliest && epochMs <= PINNABLE.latest;
}

export class EngineClock {
  private pinnedAt: number | undefined;
  private isoAt = NaN;
  private iso = '';

  now(): number {
    return this.pinnedAt ?? Date.now();
  }

  /**
   * `now()` as an ISO 8601 string (every event's timestamp, start and end dates). A command appends a dozen events
   * within the same millisecond, and formatting a Date for each was ~5 % of the engine's CPU per instance, so the
   * string is kept while the millisecond lasts.
   */
  nowIso(): string {
    const now = this.now();
    if (now !== this.isoAt) {
      this.iso = new Date(now).toISOString();
      this.isoAt = now;
    }
    return this.iso;
  }

  /** Pins the clock; a time outside PINNABLE (or not a whole number of milliseconds) is refused. */
  pin(epochMs: number): void {
    if (!isPinnable(epochMs)) throw new RangeError(`the engine clock is pinned to ${PINNABLE_RANGE}, not to ${epochMs}`);
    this.pinnedAt = epochMs;
  }

  reset(): void {
    this.pinnedAt = undefined;
  }

  isPinned(): boolean {
    return this.pinnedAt !== undefined;
  }
}
