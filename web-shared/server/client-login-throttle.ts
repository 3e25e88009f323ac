/**
 * The web layer's own login throttle, for a server without the forwarder secret (`npm run web` in front of a
 * cluster, or of an engine on another machine): there every Basic check of the apps' own routes reaches the cluster
 * from this server's address, so the cluster cannot tell their clients apart. Per client address (`req.ip`; an IPv6
 * address by its /64, which one client usually holds whole, an IPv4-mapped one as IPv4), like the engine's
 * per-address count (engine/identity/login-throttle.ts): after 50 wrong Basic passwords within 10 minutes, the
 * address's further checks are refused here (429 with `Retry-After`) without asking the cluster. A check under way
 * counts as a failure until its answer comes: guesses sent all at once are refused beyond the limit, not all sent on.
 * In memory: a restart forgets the failures (the engine keeps its own in its file); at most 10,000 addresses are
 * kept, the one that failed least recently dropped first (a check only peeks, so it does not keep an address).
 */
import ipaddr from 'ipaddr.js';
import { LRUCache } from 'lru-cache';

const CLIENT_LOCKED_OUT = '此地址登录失败次数过多，请 10 分钟后再试';
/** Refused only for checks still under way (they end within a second; no lock of 10 minutes stands yet). */
const CLIENT_BUSY = '同时核对的登录过多，请稍后重试';
const MAX_FAILURES_PER_ADDRESS = 50;
const WINDOW_MS = 10 * 60_000;
const MAX_ADDRESSES = 10_000;

/** A check that may go on: `end` it once its answer has come (only once counts). */
export interface ClientLoginSlot {
  end(outcome: 'failed' | 'done'): void;
}

export class ClientLoginThrottle {
  /** Per address key, the times of its failures in the window, oldest first (at most the limit's number). */
  private readonly failures = new LRUCache<string, number[]>({ max: MAX_ADDRESSES });
  /** Per address key, its checks under way (deleted at 0, so it holds only addresses waiting for the cluster). */
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * A slot for one password check from `address`, or the refusal with the whole seconds (at least 1) until it may have one: when
   * recent failures and checks under way reach the limit (1 s when the checks under way are what fill it: by then
   * their answers have come).
   */
  reserve(address: string): ClientLoginSlot | { retryAfter: number; message: string } {
    const key = addressKey(address);
    const now = this.now();
    const recent = this.recent(key, now);
    if (recent.length >= MAX_FAILURES_PER_ADDRESS) {
      // locked until the failure that completed the limit leaves the window
      const end = recent[recent.length - MAX_FAILURES_PER_ADDRESS]! + WINDOW_MS;
      return { retryAfter: Math.max(1, Math.ceil((end - now) / 1000)), message: CLIENT_LOCKED_OUT };
    }
    const pending = this.inFlight.get(key) ?? 0;
    if (recent.length + pending >= MAX_FAILURES_PER_ADDRESS) return { retryAfter: 1, message: CLIENT_BUSY };
    this.inFlight.set(key, pending + 1);
    let ended = false;
    return {
      end: (outcome) => {
        if (ended) return;
        ended = true;
        const left = this.inFlight.get(key)! - 1;
        if (left > 0) this.inFlight.set(key, left);
        else this.inFlight.delete(key);
        if (outcome === 'failed') this.failed(key);
      },
    };
  }

  private failed(key: string): void {
    const now = this.now();
    this.failures.set(key, [...this.recent(key, now), now].slice(-MAX_FAILURES_PER_ADDRESS));
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.peek(key) ?? []).filter((at) => at > now - WINDOW_MS);
  }
}

/** What an address is counted under: IPv4 as it is (also when IPv4-mapped), IPv6 by its /64 prefix. */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}
