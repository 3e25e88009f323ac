/**
 * The client side's books during a load run: how many instances are in flight (create sent, job not yet
 * completed), completions inside the measurement window, and per instance the latency from the create response
 * to the acknowledged job completion. Both clients (undici and SDK) report into one of these.
 */
export class InstanceTracker {
  /** Create requests sent. */
  sent = 0;
  /** Create requests answered with a key. */
  created = 0;
  /** Job completions acknowledged by the server. */
  completed = 0;
  /** Failed requests (create or complete); each one ends its instance's accounting. */
  errors = 0;
  firstError: string | undefined;
  /** Completion latencies (ms) of instances completed inside the window. */
  readonly latencies: number[] = [];
  private readonly createdAt = new Map<string, number>();
  /** The completion arrived before the create response was processed (possible on separate connections). */
  private readonly completedAt = new Map<string, number>();
  private window: { start: number; completedAtStart: number; end?: number; completedAtEnd?: number } | undefined;

  get inFlight(): number {
    return this.sent - this.completed - this.errors;
  }

  onCreateSent(): void {
    this.sent++;
  }

  onCreated(processInstanceKey: string): void {
    this.created++;
    const now = performance.now();
    const completedAt = this.completedAt.get(processInstanceKey);
    if (completedAt === undefined) {
      this.createdAt.set(processInstanceKey, now);
    } else {
      this.completedAt.delete(processInstanceKey);
      this.record(completedAt, 0);
    }
  }

  onCompleted(processInstanceKey: string): void {
    this.completed++;
    const now = performance.now();
    const createdAt = this.createdAt.get(processInstanceKey);
    if (createdAt === undefined) {
      this.completedAt.set(processInstanceKey, now);
    } else {
      this.createdAt.delete(processInstanceKey);
      this.record(now, now - createdAt);
    }
  }

  onError(error: unknown, processInstanceKey?: string): void {
    this.errors++;
    this.firstError ??= error instanceof Error ? error.message : String(error);
    if (processInstanceKey !== undefined) this.createdAt.delete(processInstanceKey);
  }

  openWindow(): void {
    this.window = { start: performance.now(), completedAtStart: this.completed };
  }

  closeWindow(): { seconds: number; completed: number } {
    const window = this.window!;
    window.end = performance.now();
    window.completedAtEnd = this.completed;
    return { seconds: (window.end - window.start) / 1000, completed: window.completedAtEnd - window.completedAtStart };
  }

  /** Whether `at` (performance.now()) lies in the measurement window (open or closed). */
  inWindow(at: number): boolean {
    const window = this.window;
    return window !== undefined && at >= window.start && (window.end === undefined || at <= window.end);
  }

  // helpers

  private record(completedAt: number, latency: number): void {
    if (this.inWindow(completedAt)) this.latencies.push(latency);
  }
}

/** The p-th percentile (0–100) of `values` by nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}
