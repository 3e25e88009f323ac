/**
 * Slows password guessing: after 10 failed logins for one username within 10 minutes, further attempts for
 * that username are refused (429) until the window has passed. In memory: a restart forgets, which is fine for
 * a limit that only has to make guessing slow.
 */
const MAX_FAILURES = 10;
const WINDOW_MS = 10 * 60_000;
const MAX_TRACKED = 10_000;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True when `username` may try again now. */
  allows(username: string): boolean {
    return this.recent(username).length < MAX_FAILURES;
  }

  failed(username: string): void {
    if (this.failures.size >= MAX_TRACKED) this.failures.clear();
    this.failures.set(username, [...this.recent(username), this.now()]);
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }

  // helpers

  private recent(username: string): number[] {
    const since = this.now() - WINDOW_MS;
    return (this.failures.get(username) ?? []).filter((at) => at > since);
  }
}
