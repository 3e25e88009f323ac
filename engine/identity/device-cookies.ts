/**
 * Device cookies, OWASP's "Slowing down online guessing attacks with device cookies": a browser that has logged in
 * as a user gets a cookie naming that user, signed by the engine. A later login for that user carrying a valid one
 * is judged by that cookie's own failures only (login-throttle.ts), not by the client address's or the username's
 * lock-out, which anyone can fill: a whole office behind one NAT address, or an attacker who knows a username,
 * would otherwise lock the user out. Without a valid cookie a login keeps the address and username limits.
 *
 * The value is `v1.<username, base64url>.<device id>.<issued at, ms>.<HMAC-SHA256>`: the device id is random per
 * issue (its failures are counted under it), and the MAC over the rest, keyed with the identity store's device key
 * (made once, kept in the engine's SQLite file beside the sessions, so cookies stay valid across restarts), makes a
 * forged or altered cookie, or one issued to another user, worthless. It authenticates nobody: it only chooses which
 * count a password check is judged by. One cookie per user (its name carries a digest of the username), so several
 * clerks sharing one browser each keep theirs; `Path=/login`, so no other request carries them.
 */
import { createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';

const COOKIE_PREFIX = 'camunda-device-';
const VERSION = 'v1';
/** How long a cookie stays valid after its issue: every successful login issues a new one. */
export const DEVICE_COOKIE_MAX_AGE_MS = 90 * 24 * 3_600_000;
/** A cookie issued this far in the future (a clock set back) is refused: it would outlive its maximum age. */
const CLOCK_SKEW_MS = 5 * 60_000;
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

export interface DeviceCookie {
  name: string;
  value: string;
}

export class DeviceCookies {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new cookie for a browser that has just logged in as `username`. */
  issue(username: string): DeviceCookie {
    const unsigned = [VERSION, Buffer.from(username, 'utf8').toString('base64url'), randomBytes(16).toString('base64url'), String(this.now())].join('.');
    return { name: deviceCookieName(username), value: `${unsigned}.${this.mac(unsigned)}` };
  }

  /**
   * The device id of a cookie value when it is valid for `username` (signed here, naming that user, not too old),
   * else undefined: then the login is judged as one without a cookie.
   */
  deviceOf(username: string, value: string | undefined): string | undefined {
    if (value === undefined || value.length > 1_000) return undefined;
    const parts = value.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) return undefined;
    const [, named, deviceId, issued, mac] = parts as [string, string, string, string, string];
    const expected = Buffer.from(this.mac(parts.slice(0, 4).join('.')));
    const actual = Buffer.from(mac);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
    // signed here, so well formed; still checked, as the signature is all that vouches for them
    if (Buffer.from(named, 'base64url').toString('utf8') !== username || !DEVICE_ID.test(deviceId) || !/^[0-9]{1,16}$/.test(issued)) return undefined;
    const age = this.now() - Number(issued);
    return age < DEVICE_COOKIE_MAX_AGE_MS && age > -CLOCK_SKEW_MS ? deviceId : undefined;
  }

  private mac(unsigned: string): string {
    // the purpose in front, so that the key can never sign anything else by accident
    return createHmac('sha256', this.key).update(`device-cookie\n${unsigned}`).digest('base64url');
  }
}

/** The cookie name of `username`'s device cookie (a digest: the name holds no username, and any username fits). */
export function deviceCookieName(username: string): string {
  return `${COOKIE_PREFIX}${hash('sha256', username, 'base64url').slice(0, 16)}`;
}
