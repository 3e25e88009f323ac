/**
 * People's display names from the session layer (`<path>/api/people`), mounted on the engine's server as `npm start`
 * mounts it: a clerk, who may not read /v2/users, gets names (and nothing else) of the usernames asked for through
 * the layer's own account with the role name-reader; usernames stay usernames where the directory does not know
 * them, is not connected, or fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_USERNAMES, NAMES_PER_MINUTE, peopleNames } from '../../../web-shared/server/people-names.js';
import { DEMO_PASSWORD, type EngineFixture } from '../../support/engine-fixture.js';
import { serviceAccount, startEngineWithWebApps, type EngineWithWebApps } from '../../support/web-apps-on-engine.js';

let engine: EngineFixture;
let started: EngineWithWebApps | undefined;
let dataDir: string;

const clerk = { username: 'zhang-min', password: DEMO_PASSWORD };
const namesOf = async (path: string, as: { username: string; password: string } | null = clerk) => {
  const response = await engine.fetch(path, { as });
  return { status: response.status, cacheControl: response.headers.get('cache-control'), body: (await response.json()) as { names?: Record<string, string>; detail?: string } };
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'people-names-'));
  started = await startEngineWithWebApps({ dataDir });
  engine = started.engine;
});

afterAll(async () => {
  await started?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('people names of the session layer', () => {
  it('should answer usernames as themselves until the layer has its account, then the names through it, to a clerk who may not read users', async () => {
    // given a clerk, who may read only themself of the users
    const search = await engine.fetch('/v2/users/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', as: clerk });
    expect(((await search.json()) as { items: { username: string }[] }).items.map((user) => user.username)).toEqual(['zhang-min']);

    // when the layer has no account yet
    expect(await namesOf('/tasklist/api/people?u=liu-fang&u=nobody-here')).toMatchObject({ status: 200, body: { names: { 'liu-fang': 'liu-fang', 'nobody-here': 'nobody-here' } } });

    // when it gets its account (role name-reader: USER READ only)
    const nameReader = await serviceAccount(engine, { username: 'name-reader', role: 'name-reader', name: '人员姓名读取服务账号' });
    started!.apps.web.readNamesAs(nameReader.camunda);

    // then the names, only the names, of the usernames asked for (an unknown one as itself), on the monitor's path too
    // (the browser asks again each time: after a logout it serves no names from its cache)
    expect(await namesOf('/tasklist/api/people?u=liu-fang&u=sun-qiang&u=nobody-here')).toEqual({
      status: 200,
      cacheControl: 'private, no-cache',
      body: { names: { 'liu-fang': '刘芳', 'sun-qiang': '孙强', 'nobody-here': 'nobody-here' } },
    });
    expect(await namesOf('/monitor/api/people?u=zhang-min', { username: 'sun-qiang', password: DEMO_PASSWORD })).toMatchObject({ status: 200, body: { names: { 'zhang-min': '张敏' } } });
    // and the account itself may read users, not change them
    const change = await engine.fetch('/v2/users/liu-fang', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '改名' }), as: nameReader });
    expect(change.status).toBe(403);
  });

  it('should need a login with the app, and a bounded list of usernames, in Chinese', async () => {
    expect((await namesOf('/tasklist/api/people?u=liu-fang', null)).status).toBe(401);
    // 业务分析 (modeler only) may not use the task list
    expect((await namesOf('/tasklist/api/people?u=sun-qiang', { username: 'liu-fang', password: DEMO_PASSWORD })).status).toBe(403);
    expect(await namesOf('/tasklist/api/people')).toMatchObject({ status: 400, body: { detail: '请用参数 u 指明要查询的用户名' } });
    const tooMany = new URLSearchParams(Array.from({ length: MAX_USERNAMES + 1 }, (_, i) => ['u', `user-${i}`]));
    expect(await namesOf(`/tasklist/api/people?${tooMany}`)).toMatchObject({ status: 400, body: { detail: `一次最多查询 ${MAX_USERNAMES} 个用户名` } });
  });
});

describe('people names when the directory fails', () => {
  it('should answer the usernames, say so once per outage, and cache answers for a minute', async () => {
    // given a directory that refuses (a cluster account without USER READ), then answers
    const lines: string[] = [];
    let now = 0;
    let refuse = true;
    let searches = 0;
    const names = peopleNames({ log: (line) => lines.push(line), now: () => now });
    names.connect(async (usernames) => {
      searches += 1;
      if (refuse) throw new Error('403 Forbidden');
      return usernames.filter((username) => username === 'liu-fang').map((username) => ({ username, name: '刘芳' }));
    });

    // when asked twice while it refuses
    expect(await names.namesOf(['liu-fang'])).toEqual({ 'liu-fang': 'liu-fang' });
    expect(await names.namesOf(['liu-fang'])).toEqual({ 'liu-fang': 'liu-fang' });

    // then one line for the outage
    expect(lines).toEqual(['[web] 人员姓名：无法读取用户目录，暂显示用户名（403 Forbidden）']);

    // when it answers again: names, cached for a minute (an unknown username too)
    refuse = false;
    expect(await names.namesOf(['liu-fang', 'x'])).toEqual({ 'liu-fang': '刘芳', x: 'x' });
    expect(lines.at(-1)).toBe('[web] 人员姓名：用户目录已恢复');
    const before = searches;
    now += 59_000;
    expect(await names.namesOf(['liu-fang', 'x'])).toEqual({ 'liu-fang': '刘芳', x: 'x' });
    expect(searches).toBe(before);
    now += 2_000;
    await names.namesOf(['liu-fang']);
    expect(searches).toBe(before + 1);
  });
});

describe('people names asked too often', () => {
  it('should refuse a user more different usernames a minute than the limit, in Chinese, logging who but not the names', async () => {
    // given the router behind a login that knows the user, on a real HTTP server
    const lines: string[] = [];
    let now = 0;
    const names = peopleNames({ log: (line) => lines.push(line), now: () => now });
    const app = express();
    app.use('/api/people', names.router((req, res, next) => ((res.locals.user = { username: String(req.headers['x-user']) }), next())));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/people`;
    const ask = async (user: string, usernames: string[]) => {
      const response = await fetch(`${base}?${new URLSearchParams(usernames.map((username) => ['u', username]))}`, { headers: { 'x-user': user } });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { detail?: string } };
    };
    const guesses = (from: number, count: number) => Array.from({ length: count }, (_, i) => `guess-${from + i}`);

    try {
      // when a page asks a few dozen names, reloaded many times (the same names count once)
      for (let reload = 0; reload < 20; reload += 1) expect((await ask('zhang-min', guesses(0, 40))).status).toBe(200);
      // and someone guesses usernames up to the limit, then one more
      for (let from = 40; from < NAMES_PER_MINUTE; from += MAX_USERNAMES) {
        expect((await ask('zhang-min', guesses(from, Math.min(MAX_USERNAMES, NAMES_PER_MINUTE - from)))).status).toBe(200);
      }
      now += 44_500;
      const refused = await ask('zhang-min', guesses(NAMES_PER_MINUTE, 1));
      const again = await ask('zhang-min', guesses(NAMES_PER_MINUTE + 1, 2));

      // then 429 in Chinese, to be asked again when the user's minute ends (15.5 s on: 16, whole seconds), one log
      // line naming the user and none of the usernames asked
      expect(refused).toMatchObject({ status: 429, retryAfter: '16', body: { detail: expect.stringContaining('查询人员姓名过于频繁，请稍后再试') } });
      expect(again.status).toBe(429);
      expect(lines).toEqual([`[web] 人员姓名：用户 zhang-min 一分钟内查询的用户名超过 ${NAMES_PER_MINUTE} 个，已拒绝`]);
      // names already asked about still answer; another user is not affected
      expect((await ask('zhang-min', guesses(0, 40))).status).toBe(200);
      expect((await ask('sun-qiang', guesses(0, 100))).status).toBe(200);

      // when the minute is over
      now += 15_500;
      expect((await ask('zhang-min', guesses(NAMES_PER_MINUTE, 100))).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
