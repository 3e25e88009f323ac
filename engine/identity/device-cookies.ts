/**
 * Device cookies, OWASP's "Slowing down online guessing attacks with device cookies": a browser that has logged in
 * as a user gets a cookie for that user, signed by the engine. A later login for that user carrying a valid one
 * is judged by that cookie's own failures only (login-throttle.ts), not by the client address's or the username's
 * lock-out, which anyone can fill: a whole office behind one NAT address, or an attacker who knows a username,
 * would otherwise lock the user out. Without a valid cookie a login keeps the address and username limits.
 *
 * The value is `v1.<device id>.<issued at, ms>.<HMAC-SHA256>`: the device id is random per issue (its failures are
 * counted under it). The MAC, keyed with the device key (made once, kept in the engine's SQLite file beside the
 * sessions, so cookies stay valid across restarts), covers the rest, the username typed in the login and a digest
 * of that user's current password hash; neither is in the value. So a forged or altered cookie, one issued to
 * another user, one issued before the user's password changed, or to a deleted user of the same name, is worthless:
 * a new password voids every cookie issued under the old one, also those someone who knew it minted for himself.
 * It authenticates nobody: it only chooses which count a password check is judged by. One cookie per user (its name
 * carries an HMAC of the username under the same key: a plain digest of a pinyin name would be reversed by trying
 * names), so several clerks sharing one browser each keep theirs; `Path=/login`, so no other request carries them.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IdentityStore } from '../store/identity-store.js';

const COOKIE_PREFIX = 'camunda-device-';
const VERSION = 'v1';
/** The `meta` row holding the key: deleting it while the engine is stopped voids every device cookie. */
const KEY_NAME = 'deviceCookieKey';
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

  /** The device cookies signed with the key in `store`'s file, which is made (32 random bytes) on first use. */
  static of(store: Pick<IdentityStore, 'metaOrInsert'>, now?: () => number): DeviceCookies {
    const key = store.metaOrInsert(KEY_NAME, randomBytes(32).toString('base64url'));
    return new DeviceCookies(Buffer.from(key, 'base64url'), now);
  }

  /** The cookie name of `username`'s device cookie: holds no username, and any username fits. */
  name(username: string): string {
    return `${COOKIE_PREFIX}${this.mac(['device-cookie-name', username]).slice(0, 16)}`;
  }

  /** A new cookie for a browser that has just logged in as `username`, whose password hash is `passwordHash`. */
  issue(username: string, passwordHash: string): DeviceCookie {
    const unsigned = `${VERSION}.${randomBytes(16).toString('base64url')}.${String(this.now())}`;
    return { name: this.name(username), value: `${unsigned}.${this.signature(username, passwordHash, unsigned)}` };
  }

  /**
   * The device id of a cookie value when it is valid for `username` as its password hash is now (signed here for
   * both, not too old), else undefined: then the login is judged as one without a cookie.
   */
  deviceOf(username: string, passwordHash: string, value: string | undefined): string | undefined {
    if (value === undefined || value.length > 1_000) return undefined;
    const parts = value.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
    const [, deviceId, issued, mac] = parts as [string, string, string, string];
    const expected = Buffer.from(this.signature(username, passwordHash, parts.slice(0, 3).join('.')));
    const actual = Buffer.from(mac);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
    // signed here, so well formed; still checked, as the signature is all that vouches for them
    if (!DEVICE_ID.test(deviceId) || !/^[0-9]{1,16}$/.test(issued)) return undefined;
    const age = this.now() - Number(issued);
    return age < DEVICE_COOKIE_MAX_AGE_MS && age > -CLOCK_SKEW_MS ? deviceId : undefined;
  }

  private signature(username: string, passwordHash: string, unsigned: string): string {
    const password = createHash('sha256').update(passwordHash).digest('base64url');
    return this.mac(['device-cookie', username, password, unsigned]);
  }

  private mac(fields: readonly string[]): string {
    // the purpose first, so that the key never signs one thing as another; JSON, so no field can run into the next
    return createHmac('sha256', this.key).update(JSON.stringify(fields)).digest('base64url');
  }
}
