/**
 * The engine clock. Timers, job deadlines, due dates and FEEL `now()` all read it, so tests can pin time
 * (`PUT /v2/clock`) instead of sleeping.
 */
export class EngineClock {
  private pinnedAt: number | undefined;

  now(): number {
    return this.pinnedAt ?? Date.now();
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
