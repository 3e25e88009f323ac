/**
 * The engine clock. Timers, job deadlines, due dates and FEEL `now()` all read it, so tests can pin time
 * (`PUT /v2/clock`) instead of sleeping.
 */
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

  pin(epochMs: number): void {
    this.pinnedAt = epochMs;
  }

  reset(): void {
    this.pinnedAt = undefined;
  }

  isPinned(): boolean {
    return this.pinnedAt !== undefined;
  }
}
