/**
 * Slows password guessing, in the engine's SQLite file so that a restart forgets nothing:
 * - per username: after 10 failed logins within 10 minutes, further attempts for that username are refused (429),
 *   even with the right password, until the window has passed; a successful login clears the count;
 * - per client address: after 50 failed logins within 10 minutes from one address, whatever the usernames,
 *   every password check from that address is refused the same way (one address cannot try many usernames).
 *   A success does not clear it: one known account must not reset the allowance for guessing others.
 * The address is the TCP peer, or what a trusted proxy says it is (TRUST_PROXY, engine/server.ts), or what the web
 * layer names with the forwarder secret (engine/api/client-address.ts). A request without one (its client reset the
 * connection before the check, so the socket no longer has a peer) is refused unchecked and counts nowhere: left
 * uncounted it would escape the per-address limit, and one shared "unknown" key would let anyone lock every other
 * such request; a client that waits for its answer always has an address, so the refusal costs nobody anything.
 * Every refusal says when to try again (`Retry-After`): when the failure that completed the limit leaves the window;
 * one without an address may be retried at once (1 s: its client is gone anyway).
 * Times are wall-clock, never the engine clock. The table holds SHA-256 digests, not the names: a password typed
 * into the username field must not sit in the file.
 */
import { createHash } from 'node:crypto';
import { TooManyAttemptsError } from '../errors.js';
import type { IdentityStore } from '../store/identity-store.js';

const MAX_FAILURES_PER_USERNAME = 10;
const MAX_FAILURES_PER_ADDRESS = 50;
const WINDOW_MS = 10 * 60_000;

export class LoginThrottle {
  constructor(
    private readonly store: IdentityStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws TooManyAttemptsError (429, in Chinese: the web apps show it) when this attempt may not be checked. */
  check(username: string, address: string | undefined): asserts address is string {
    if (address === undefined) throw new TooManyAttemptsError('无法确定请求的来源地址，未核对密码，请重试', 1);
    const now = this.now();
    const byAddress = this.store.nthNewestLoginFailure('ADDRESS', digest(address), now - WINDOW_MS, MAX_FAILURES_PER_ADDRESS);
    if (byAddress !== undefined) throw new TooManyAttemptsError('此地址登录失败次数过多，请 10 分钟后再试', secondsUntil(byAddress + WINDOW_MS, now));
    const byUsername = this.store.nthNewestLoginFailure('USERNAME', digest(username), now - WINDOW_MS, MAX_FAILURES_PER_USERNAME);
    if (byUsername !== undefined) throw new TooManyAttemptsError('登录失败次数过多，请 10 分钟后再试', secondsUntil(byUsername + WINDOW_MS, now));
  }

  failed(username: string, address: string): void {
    const at = this.now();
    this.store.insertLoginFailure([{ kind: 'USERNAME', id: digest(username) }, { kind: 'ADDRESS', id: digest(address) }], at, at - WINDOW_MS);
  }

  succeeded(username: string): void {
    this.store.deleteLoginFailures('USERNAME', digest(username));
  }
}

/** Whole seconds from `now` until `end` (a failure counts while `now` < its time + the window), at least 1. */
function secondsUntil(end: number, now: number): number {
  return Math.max(1, Math.ceil((end - now) / 1000));
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
