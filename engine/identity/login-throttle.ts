/**
 * Slows password guessing, in the engine's SQLite file so that a restart forgets nothing:
 * - per username: after 10 failed logins within 10 minutes, further attempts for that username are refused (429),
 *   even with the right password, until the window has passed; a successful login clears the count;
 * - per client address: after 50 failed logins within 10 minutes from one address, whatever the usernames,
 *   every password check from that address is refused the same way (one address cannot try many usernames).
 *   A success does not clear it: one known account must not reset the allowance for guessing others.
 * The address (an IPv6 one by its /64) is the TCP peer, or what a trusted proxy says it is (TRUST_PROXY, engine/server.ts), or what the web
 * layer names with the forwarder secret (engine/api/client-address.ts). A request without one (its client reset the
 * connection before the check, so the socket no longer has a peer) is refused unchecked and counts nowhere: left
 * uncounted it would escape the per-address limit, and one shared "unknown" key would let anyone lock every other
 * such request; a client that waits for its answer always has an address, so the refusal costs nobody anything.
 * A check under way counts as a failure until it ends (guesses sent in parallel are refused beyond the limit, not all
 * checked). Every refusal says when to try again (`Retry-After`): when the failure that completed the limit leaves
 * the window (the later of the two when both are locked); one refused only for checks under way, or without an
 * address, may be retried at once (1 s).
 * Times are wall-clock, never the engine clock. The table holds SHA-256 digests, not the names: a password typed
 * into the username field must not sit in the file.
 */
import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { TooManyAttemptsError } from '../errors.js';
import type { IdentityStore } from '../store/identity-store.js';

const MAX_FAILURES_PER_USERNAME = 10;
const MAX_FAILURES_PER_ADDRESS = 50;
const WINDOW_MS = 10 * 60_000;

export class LoginThrottle {
  /**
   * Password checks under way per key (`USERNAME:<digest>`, `ADDRESS:<digest>`): each counts as a failure until it
   * ends. The check (scrypt) is asynchronous, so a failure is known only after it; without this, guesses sent all at
   * once would each pass the check before any of them counted (in memory: one engine process owns its file).
   */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly store: IdentityStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes a slot for one password check of `username` from `address`, or throws TooManyAttemptsError (429, in
   * Chinese: the web apps show it) when recent failures plus checks under way reach a limit. Answers the function
   * that gives the slot back: call it once the check has ended, before {@link failed} or {@link succeeded}.
   */
  reserve(username: string, address: string | undefined): () => void {
    if (address === undefined) throw new TooManyAttemptsError('无法确定请求的来源地址，未核对密码，请重试', 1);
    const now = this.now();
    const byAddress = this.lockEnd('ADDRESS', digest(addressKey(address)), MAX_FAILURES_PER_ADDRESS, now);
    const byUsername = this.lockEnd('USERNAME', digest(username), MAX_FAILURES_PER_USERNAME, now);
    // both locked: the later end, as an attempt is refused until neither is
    const byAddressLast = byAddress !== undefined && (byUsername === undefined || byAddress >= byUsername);
    const end = byAddressLast ? byAddress : byUsername;
    if (end !== undefined) {
      // refused only for checks still under way: they end within a second, so no "10 minutes" for those
      if (end <= now) throw new TooManyAttemptsError('同时核对的登录过多，请稍后重试', 1);
      throw new TooManyAttemptsError(byAddressLast ? '此地址登录失败次数过多，请 10 分钟后再试' : '登录失败次数过多，请 10 分钟后再试', secondsUntil(end, now));
    }
    const keys = [`ADDRESS:${digest(addressKey(address))}`, `USERNAME:${digest(username)}`];
    for (const key of keys) this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const key of keys) {
        const left = this.inFlight.get(key)! - 1;
        if (left > 0) this.inFlight.set(key, left);
        else this.inFlight.delete(key);
      }
    };
  }

  failed(username: string, address: string): void {
    const at = this.now();
    this.store.insertLoginFailure([{ kind: 'USERNAME', id: digest(username) }, { kind: 'ADDRESS', id: digest(addressKey(address)) }], at, at - WINDOW_MS);
  }

  succeeded(username: string): void {
    this.store.deleteLoginFailures('USERNAME', digest(username));
  }

  /**
   * When the key's lock-out ends, or undefined when it is not locked: at the limit of failures, when the one that
   * completed it leaves the window; short of it only with checks under way, now (retry in 1 s: by then they have
   * ended, and a retry sees what they counted).
   */
  private lockEnd(kind: 'ADDRESS' | 'USERNAME', id: string, limit: number, now: number): number | undefined {
    const since = now - WINDOW_MS;
    const full = this.store.nthNewestLoginFailure(kind, id, since, limit);
    if (full !== undefined) return full + WINDOW_MS;
    const pending = this.inFlight.get(`${kind}:${id}`) ?? 0;
    if (pending === 0) return undefined;
    return pending >= limit || this.store.nthNewestLoginFailure(kind, id, since, limit - pending) !== undefined ? now : undefined;
  }
}

/** Whole seconds from `now` until `end` (a failure counts while `now` < its time + the window), at least 1. */
function secondsUntil(end: number, now: number): number {
  return Math.max(1, Math.ceil((end - now) / 1000));
}

/**
 * What an address is counted under: IPv4 as it is (also IPv4-mapped IPv6), IPv6 by its /64, which one client
 * usually holds whole (counted by full address, it could try 50 guesses from each of its 2^64 addresses).
 */
function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
