/**
 * The web layer's own login throttle, for a server without the forwarder secret (`npm run web` in front of a
 * cluster, or of an engine on another machine): there every Basic check of the apps' own routes reaches the cluster
 * from this server's address, so the cluster cannot tell their clients apart. Per client address (`req.ip`), like
 * the engine's per-address count (engine/identity/login-throttle.ts): after 50 wrong Basic passwords within 10
 * minutes, the address's further checks are refused here (429 with `Retry-After`) without asking the cluster. In
 * memory: a restart forgets the failures (the engine keeps its own in its file); at most 10,000 addresses are kept,
 * the one that failed least recently dropped first.
 */
import { LRUCache } from 'lru-cache';

export const CLIENT_LOCKED_OUT = '此地址登录失败次数过多，请 10 分钟后再试';
const MAX_FAILURES_PER_ADDRESS = 50;
const WINDOW_MS = 10 * 60_000;
const MAX_ADDRESSES = 10_000;

export class ClientLoginThrottle {
  /** Per address, the times of its failures in the window, oldest first (at most the limit's number). */
  private readonly failures = new LRUCache<string, number[]>({ max: MAX_ADDRESSES });

  constructor(private readonly now: () => number = Date.now) {}

  /** Whole seconds (at least 1) until `address` may have a password checked again; undefined when it may now. */
  retryAfter(address: string): number | undefined {
    const now = this.now();
    const recent = this.recent(address, now);
    if (recent.length < MAX_FAILURES_PER_ADDRESS) return undefined;
    // locked until the failure that completed the limit leaves the window
    const end = recent[recent.length - MAX_FAILURES_PER_ADDRESS]! + WINDOW_MS;
    return Math.max(1, Math.ceil((end - now) / 1000));
  }

  failed(address: string): void {
    const now = this.now();
    // more than the limit (checks in flight together) says nothing more
    this.failures.set(address, [...this.recent(address, now), now].slice(-MAX_FAILURES_PER_ADDRESS));
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((at) => at > now - WINDOW_MS);
  }
}
