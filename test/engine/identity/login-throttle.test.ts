/**
 * Login throttling (engine/identity/login-throttle.ts) over real HTTP on a real SQLite file: 10 wrong passwords
 * lock a username, 50 from one client address lock that address whatever the usernames (the address given by a
 * trusted proxy's X-Forwarded-For), both for 10 minutes of wall-clock time, and a restart on the same file
 * forgets neither. The lock-out messages are Chinese, as the web apps show them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const running: EngineFixture[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const engine of running.splice(0)) await engine.stop({ keepData: true });
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

let wallClock = Date.now();

/** An engine on `dataDir` behind a trusted proxy on loopback, its session and throttle times on `wallClock`. */
async function engineOn(dataDir: string): Promise<EngineFixture> {
  const engine = await startEngine({ dataDir, engine: { trustProxy: 'loopback' }, identity: { wallClock: () => wallClock } });
  running.push(engine);
  return engine;
}

async function restart(engine: EngineFixture): Promise<EngineFixture> {
  running.splice(running.indexOf(engine), 1);
  await engine.stop({ keepData: true });
  return engineOn(engine.dataDir);
}

function login(engine: EngineFixture, username: string, password: string, from = '198.51.100.7') {
  return fetch(`${engine.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ username, password }),
  });
}

async function detailOf(response: Response): Promise<string> {
  return ((await response.json()) as { detail: string }).detail;
}

function freshDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'engine-throttle-'));
  folders.push(dataDir);
  return dataDir;
}

describe('login throttling', () => {
  it('should refuse a username after 10 wrong passwords (429), even the right one, also after a restart, until 10 minutes have passed', async () => {
    // given
    wallClock = Date.now();
    let engine = await engineOn(freshDataDir());
    for (let i = 0; i < 10; i++) expect((await login(engine, 'chen-yan', `guess-${i}`)).status).toBe(401);

    // when: 4 min 30.2 s after the failures
    engine = await restart(engine);
    wallClock += 270_200;
    const right = await login(engine, 'chen-yan', 'demo');
    const otherUser = await login(engine, 'han-jun', 'demo');
    const basic = await engine.fetch('/v2/authentication/me', { as: { username: 'chen-yan', password: 'demo' } });

    // then: both refused until the failures leave the window, 329.8 s on (whole seconds, rounded up)
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBe('330');
    expect(await detailOf(right)).toBe('登录失败次数过多，请 10 分钟后再试');
    expect(otherUser.status).toBe(204);
    expect(basic.status).toBe(429);
    expect(basic.headers.get('retry-after')).toBe('330');

    // and: a millisecond before the window has passed, still refused, to be tried again in 1 s
    wallClock += 329_799;
    const last = await login(engine, 'chen-yan', 'demo');
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toBe('1');

    // and: once the window has passed, the right password opens a session again
    wallClock += 1;
    expect((await login(engine, 'chen-yan', 'demo')).status).toBe(204);
  });

  it('should refuse every login from an address after 50 failures across usernames, also after a restart, and not from another address', async () => {
    // given: one address tries 50 usernames once each, a second apart (no username reaches its own limit)
    wallClock = Date.now();
    const first = wallClock;
    let engine = await engineOn(freshDataDir());
    for (let i = 0; i < 50; i++) {
      expect((await login(engine, `guessed-user-${i}`, 'guess', '203.0.113.5')).status).toBe(401);
      wallClock += 1_000;
    }

    // when
    engine = await restart(engine);
    const sameAddress = await login(engine, 'demo', 'demo', '203.0.113.5');
    const otherAddress = await login(engine, 'demo', 'demo', '203.0.113.6');

    // then
    // then: refused until the first failure leaves the window (600 s after it, 50 s of which have passed)
    expect(sameAddress.status).toBe(429);
    expect(sameAddress.headers.get('retry-after')).toBe('550');
    expect(await detailOf(sameAddress)).toBe('此地址登录失败次数过多，请 10 分钟后再试');
    expect(otherAddress.status).toBe(204);

    // and: a success elsewhere does not lift it; the window passing does
    expect((await login(engine, 'han-jun', 'demo', '203.0.113.5')).status).toBe(429);
    wallClock = first + 10 * 60_000;
    expect((await login(engine, 'demo', 'demo', '203.0.113.5')).status).toBe(204);
  }, 60_000);

  it('should check at most the limit of guesses sent all at once, per address and per username', async () => {
    // given
    wallClock = Date.now();
    const engine = await engineOn(freshDataDir());

    // when: 120 guesses at once from one address, each for another username; then 30 at once for one username
    const byAddress = await Promise.all(Array.from({ length: 120 }, (_, i) => login(engine, `parallel-user-${i}`, 'guess', '203.0.113.20')));
    const byUsername = await Promise.all(Array.from({ length: 30 }, (_, i) => login(engine, 'chen-yan', `guess-${i}`, `203.0.113.${100 + i}`)));

    // then: only the limits' number reached the password check (401), the rest were refused before it (429)
    const statuses = (answers: Response[]) => answers.map((answer) => answer.status);
    expect(statuses(byAddress).filter((status) => status === 401)).toHaveLength(50);
    expect(statuses(byAddress).filter((status) => status !== 401).every((status) => status === 429)).toBe(true);
    expect(statuses(byUsername).filter((status) => status === 401)).toHaveLength(10);
    expect(statuses(byUsername).filter((status) => status !== 401).every((status) => status === 429)).toBe(true);
    // and: the address stays locked for the window, the in-flight refusals notwithstanding
    expect((await login(engine, 'demo', 'demo', '203.0.113.20')).status).toBe(429);
  }, 60_000);

  it('should check a Basic header sent many times at once only once: the first parallel requests of a client all pass, and one guess repeated counts once', async () => {
    // given: a client starting up, as the SDK's workers do, with nothing verified yet
    wallClock = Date.now();
    const engine = await engineOn(freshDataDir());
    const me = (password: string) => engine.fetch('/v2/authentication/me', { as: { username: 'chen-yan', password } });

    // when: 32 requests at once with the right password, then 32 at once with one wrong password
    const right = await Promise.all(Array.from({ length: 32 }, () => me('demo')));
    const wrong = await Promise.all(Array.from({ length: 32 }, () => me('not-her-password')));

    // then: every right one passed (before, all beyond the ten checks under way were refused with 429)
    expect(right.map((answer) => answer.status)).toEqual(Array(32).fill(200));
    expect(wrong.map((answer) => answer.status)).toEqual(Array(32).fill(401));
    // and: the 32 copies of the guess counted as one failure: nine more guesses leave the username open
    for (let i = 0; i < 8; i++) expect((await login(engine, 'chen-yan', `guess-${i}`)).status).toBe(401);
    expect((await login(engine, 'chen-yan', 'demo')).status).toBe(204);
  }, 60_000);
});
