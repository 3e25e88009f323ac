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
 * checked; one Basic header sent many times at once is one check, identity-service.ts). Every refusal says when to
 * try again (`Retry-After`): when the failure that completed the limit leaves the window (the later of the two when
 * both are locked); one refused only for checks under way, or without an address, may be retried at once (1 s).
 * A login carrying a valid device cookie of its user (device-cookies.ts; OWASP's device cookies) is judged by that
 * cookie's count alone: after 10 failures with it within 10 minutes it is refused (429) until the window has passed,
 * whatever the address's and the username's counts, and its failures count against neither. So a locked office NAT
 * address, or a username an attacker has locked, still lets the user in from a browser she has logged in with, and
 * only her own browser's checks under way count against her. Its success clears its own count, not the username's:
 * that lock holds against browsers without such a cookie, and her logins must not renew an attacker's allowance.
 * Times are wall-clock, never the engine clock. The table holds SHA-256 digests, not the names: a password typed
 * into the username field must not sit in the file.
 */
import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { TooManyAttemptsError } from '../errors.js';
import type { IdentityStore, LoginFailureKind } from '../store/identity-store.js';

const MAX_FAILURES_PER_USERNAME = 10;
const MAX_FAILURES_PER_ADDRESS = 50;
const MAX_FAILURES_PER_DEVICE = 10;
const WINDOW_MS = 10 * 60_000;

export class LoginThrottle {
  /**
   * Password checks under way per key (`USERNAME:<digest>`, `ADDRESS:<digest>`, `DEVICE:<digest>`): each counts as a
   * failure until it ends. The check (scrypt) is asynchronous, so a failure is known only after it; without this,
   * guesses sent all at once would each pass the check before any of them counted (in memory: one engine process
   * owns its file).
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
   * `device`: the device id of a valid device cookie for `username`; then only that device's count applies.
   */
  reserve(username: string, address: string | undefined, device?: string): () => void {
    if (address === undefined) throw new TooManyAttemptsError('无法确定请求的来源地址，未核对密码，请重试', 1);
    const now = this.now();
    if (device !== undefined) {
      const end = this.lockEnd('DEVICE', digest(device), MAX_FAILURES_PER_DEVICE, now);
      if (end !== undefined) {
        if (end <= now) throw new TooManyAttemptsError('同时核对的登录过多，请稍后重试', 1);
        throw new TooManyAttemptsError('此设备登录失败次数过多，请 10 分钟后再试', secondsUntil(end, now));
      }
      return this.take([`DEVICE:${digest(device)}`]);
    }
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
    return this.take([`ADDRESS:${digest(addressKey(address))}`, `USERNAME:${digest(username)}`]);
  }

  failed(username: string, address: string, device?: string): void {
    const at = this.now();
    if (device !== undefined) return this.store.insertLoginFailure([{ kind: 'DEVICE', id: digest(device) }], at, at - WINDOW_MS);
    this.store.insertLoginFailure([{ kind: 'USERNAME', id: digest(username) }, { kind: 'ADDRESS', id: digest(addressKey(address)) }], at, at - WINDOW_MS);
  }

  succeeded(username: string, device?: string): void {
    if (device !== undefined) this.store.deleteLoginFailures('DEVICE', digest(device));
    else this.store.deleteLoginFailures('USERNAME', digest(username));
  }

  /** Counts a check under way under each of `keys`; answers the function that ends it (once). */
  private take(keys: readonly string[]): () => void {
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

  /**
   * When the key's lock-out ends, or undefined when it is not locked: at the limit of failures, when the one that
   * completed it leaves the window; short of it only with checks under way, now (retry in 1 s: by then they have
   * ended, and a retry sees what they counted).
   */
  private lockEnd(kind: LoginFailureKind, id: string, limit: number, now: number): number | undefined {
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
