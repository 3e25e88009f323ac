/**
 * Failed logins in the engine's file (identity_login_failures, schema 8), as login throttling writes them: digests
 * instead of usernames and addresses (a password typed into the username field must not sit in the file), and
 * failures older than the 10-minute window deleted when the next one is written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TooManyAttemptsError } from '../../../engine/errors.js';
import { LoginThrottle } from '../../../engine/identity/login-throttle.js';
import { openDatabase, type SqliteDatabase } from '../../../engine/store/database.js';
import { IdentityStore } from '../../../engine/store/identity-store.js';
import { StoreConnection } from '../../../engine/store/store-connection.js';

let db: SqliteDatabase | undefined;
let dataDir: string | undefined;

afterEach(() => {
  db?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  db = dataDir = undefined;
});

/** The refusal `check` throws. */
function refusal(check: () => unknown): TooManyAttemptsError {
  try {
    check();
  } catch (error) {
    if (error instanceof TooManyAttemptsError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('failed logins in the identity store', () => {
  it('should keep digests only, and forget failures older than the window when the next one is written', () => {
    // given
    dataDir = mkdtempSync(join(tmpdir(), 'engine-login-failures-'));
    db = openDatabase({ dataDir, synchronous: 'NORMAL' });
    const store = new IdentityStore(new StoreConnection(db), (work) => db!.transaction(work)(), () => 1);
    let now = Date.parse('2026-12-04T08:00:00Z');
    const throttle: LoginThrottle = new LoginThrottle(store, () => now);
    const rows = () => db!.prepare(`SELECT kind, id FROM identity_login_failures ORDER BY kind`).all() as { kind: string; id: string }[];

    // when
    for (let i = 0; i < 10; i++) throttle.failed('my-secret-password', '203.0.113.5');

    // then
    expect(rows()).toHaveLength(20);
    expect(rows().filter((r) => r.id.includes('my-secret-password') || r.id.includes('203.0.113.5'))).toEqual([]);
    expect(() => throttle.reserve('my-secret-password', '203.0.113.9')).toThrow('登录失败次数过多，请 10 分钟后再试');
    // and: to be tried again when the failures leave the window, in whole seconds rounded up
    const failedAt = now;
    now = failedAt + 1;
    expect(refusal(() => throttle.reserve('my-secret-password', '203.0.113.9')).retryAfterSeconds).toBe(600);
    now = failedAt + 10 * 60_000 - 1;
    expect(refusal(() => throttle.reserve('my-secret-password', '203.0.113.9')).retryAfterSeconds).toBe(1);
    now = failedAt;

    // and when: the window passes and another failure is written
    now += 10 * 60_000 + 1;
    throttle.reserve('my-secret-password', '203.0.113.5')();
    throttle.failed('someone', '203.0.113.5');

    // then
    expect(rows().map((r) => r.kind)).toEqual(['ADDRESS', 'USERNAME']);
  });

  it('should refuse a check without a client address, and write nothing for it', () => {
    // given
    dataDir = mkdtempSync(join(tmpdir(), 'engine-login-failures-'));
    db = openDatabase({ dataDir, synchronous: 'NORMAL' });
    const store = new IdentityStore(new StoreConnection(db), (work) => db!.transaction(work)(), () => 1);
    const throttle = new LoginThrottle(store, () => Date.parse('2026-12-04T08:00:00Z'));

    // when / then: refused before any count is read or written (its client reset the connection)
    expect(() => throttle.reserve('chen-yan', undefined)).toThrow('无法确定请求的来源地址，未核对密码，请重试');
    expect(refusal(() => throttle.reserve('chen-yan', undefined)).retryAfterSeconds).toBe(1);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM identity_login_failures`).get()).toEqual({ n: 0 });
  });

  it('should name the later end when both the address and the username are locked', () => {
    // given: 50 failures from one address at t, then 10 for one username from elsewhere 100 s later
    dataDir = mkdtempSync(join(tmpdir(), 'engine-login-failures-'));
    db = openDatabase({ dataDir, synchronous: 'NORMAL' });
    const store = new IdentityStore(new StoreConnection(db), (work) => db!.transaction(work)(), () => 1);
    const t = Date.parse('2026-12-04T08:00:00Z');
    let now = t;
    const throttle = new LoginThrottle(store, () => now);
    for (let i = 0; i < 50; i++) throttle.failed(`guessed-${i}`, '203.0.113.5');
    now = t + 100_000;
    for (let i = 0; i < 10; i++) throttle.failed('chen-yan', '203.0.113.9');

    // when: 200 s after the first failures, that address tries that username
    now = t + 200_000;
    const both = refusal(() => throttle.reserve('chen-yan', '203.0.113.5'));

    // then: the username's lock ends 500 s on, the address's already 400 s on: the later is what holds
    expect(both.retryAfterSeconds).toBe(500);
    expect(both.message).toBe('登录失败次数过多，请 10 分钟后再试');
    expect(refusal(() => throttle.reserve('han-jun', '203.0.113.5')).retryAfterSeconds).toBe(400);
  });

  it('should count checks under way as failures until they end, per address and per username', () => {
    // given: 49 failures from one address, 9 for one username
    dataDir = mkdtempSync(join(tmpdir(), 'engine-login-failures-'));
    db = openDatabase({ dataDir, synchronous: 'NORMAL' });
    const store = new IdentityStore(new StoreConnection(db), (work) => db!.transaction(work)(), () => 1);
    const throttle = new LoginThrottle(store, () => Date.parse('2026-12-04T08:00:00Z'));
    for (let i = 0; i < 40; i++) throttle.failed(`guessed-${i}`, '203.0.113.5');
    for (let i = 0; i < 9; i++) throttle.failed('chen-yan', '203.0.113.5');

    // when: one check of chen-yan from that address is under way
    const release = throttle.reserve('chen-yan', '203.0.113.5');

    // then: a second is refused on both counts (retry in 1 s: the one under way decides), another address's is not
    // (said as such: no lock of 10 minutes stands yet)
    expect(refusal(() => throttle.reserve('han-jun', '203.0.113.5'))).toMatchObject({ message: '同时核对的登录过多，请稍后重试', retryAfterSeconds: 1 });
    expect(refusal(() => throttle.reserve('chen-yan', '203.0.113.9'))).toMatchObject({ message: '同时核对的登录过多，请稍后重试', retryAfterSeconds: 1 });

    // and when: it ends (released twice: once counts)
    release();
    release();

    // then: the slots are free again
    expect(() => throttle.reserve('han-jun', '203.0.113.5')()).not.toThrow();
    expect(() => throttle.reserve('chen-yan', '203.0.113.9')()).not.toThrow();
  });

  it('should count IPv6 addresses by their /64 and an IPv4-mapped address as IPv4', () => {
    // given: 50 failures, each from another address of one /64
    dataDir = mkdtempSync(join(tmpdir(), 'engine-login-failures-'));
    db = openDatabase({ dataDir, synchronous: 'NORMAL' });
    const store = new IdentityStore(new StoreConnection(db), (work) => db!.transaction(work)(), () => 1);
    const throttle = new LoginThrottle(store, () => Date.parse('2026-12-04T08:00:00Z'));
    for (let i = 0; i < 50; i++) throttle.failed(`guessed-${i}`, `2001:db8:1:2::${(i + 1).toString(16)}`);
    for (let i = 0; i < 50; i++) throttle.failed(`other-${i}`, '203.0.113.5');

    // when / then: the whole /64 is locked, the next /64 is not; the mapped form of a locked IPv4 address is locked
    expect(() => throttle.reserve('chen-yan', '2001:db8:1:2:ffff::9')).toThrow('此地址登录失败次数过多，请 10 分钟后再试');
    expect(() => throttle.reserve('chen-yan', '2001:db8:1:3::1')()).not.toThrow();
    expect(() => throttle.reserve('chen-yan', '::ffff:203.0.113.5')).toThrow('此地址登录失败次数过多，请 10 分钟后再试');
  });

  it('should count a device cookie’s failures under its digest alone, its checks under way against it alone, and keep its key', () => {
    // given: a device id (device-cookies.ts) with 9 failures
    dataDir = mkdtempSync(join(tmpdir(), 'engine-login-failures-'));
    db = openDatabase({ dataDir, synchronous: 'NORMAL' });
    const store = new IdentityStore(new StoreConnection(db), (work) => db!.transaction(work)(), () => 1);
    const throttle = new LoginThrottle(store, () => Date.parse('2026-12-04T08:00:00Z'));
    const device = 'c2VjcmV0LWRldmljZS1pZA';
    for (let i = 0; i < 9; i++) throttle.failed('chen-yan', '203.0.113.5', device);

    // when: one check with it is under way
    const release = throttle.reserve('chen-yan', '203.0.113.5', device);

    // then: one DEVICE row per failure, a digest; a second check with it waits, one without it does not
    const rows = db.prepare(`SELECT kind, id FROM identity_login_failures`).all() as { kind: string; id: string }[];
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(['DEVICE']));
    expect(rows).toHaveLength(9);
    expect(rows.some((row) => row.id.includes(device))).toBe(false);
    expect(refusal(() => throttle.reserve('chen-yan', '203.0.113.5', device))).toMatchObject({ message: '同时核对的登录过多，请稍后重试', retryAfterSeconds: 1 });
    expect(() => throttle.reserve('chen-yan', '203.0.113.5')()).not.toThrow();
    release();

    // and: a meta value (the signing key) is written once; a later value does not replace it
    expect(store.metaOrInsert('deviceCookieKey', 'first')).toBe('first');
    expect(store.metaOrInsert('deviceCookieKey', 'second')).toBe('first');
  });

  it('should let a device check through while 10 checks of its username are under way, which refuse one without it', () => {
    // given: 10 password checks of chen-yan's username from elsewhere, none ended (an attacker's guesses in flight)
    dataDir = mkdtempSync(join(tmpdir(), 'engine-login-failures-'));
    db = openDatabase({ dataDir, synchronous: 'NORMAL' });
    const store = new IdentityStore(new StoreConnection(db), (work) => db!.transaction(work)(), () => 1);
    const throttle = new LoginThrottle(store, () => Date.parse('2026-12-04T08:00:00Z'));
    const guesses = Array.from({ length: 10 }, (_, i) => throttle.reserve('chen-yan', `192.0.2.${100 + i}`));

    // when / then: her check with her device goes ahead; one without a device is refused for the checks under way
    expect(refusal(() => throttle.reserve('chen-yan', '203.0.113.5'))).toMatchObject({ message: '同时核对的登录过多，请稍后重试', retryAfterSeconds: 1 });
    const hers = throttle.reserve('chen-yan', '203.0.113.5', 'c2VjcmV0LWRldmljZS1pZA');
    hers();
    for (const release of guesses) release();
    // and: once they have ended, uncounted (no failure written), one without a device goes ahead again
    expect(() => throttle.reserve('chen-yan', '203.0.113.5')()).not.toThrow();
  });
});
