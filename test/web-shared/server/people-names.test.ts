/**
 * People's display names from the session layer (`<path>/api/people`), mounted on the engine's server as `npm start`
 * mounts it: a clerk, who may not read /v2/users, gets names (and nothing else) of the usernames asked for through
 * the layer's own account with the role name-reader; usernames stay usernames where the directory does not know
 * them, is not connected, or fails.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountWebApps, type MountedWebApps } from '../../../web-shared/server/mount-web-apps.js';
import { MAX_USERNAMES, peopleNames } from '../../../web-shared/server/people-names.js';
import { webApps } from '../../../web-shared/server/web-apps-index.js';
import { DEMO_PASSWORD, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;
let web: MountedWebApps | undefined;
let dataDir: string;

const clerk = { username: 'zhang-min', password: DEMO_PASSWORD };
const namesOf = async (path: string, as: { username: string; password: string } | null = clerk) => {
  const response = await engine.fetch(path, { as });
  return { status: response.status, body: (await response.json()) as { names?: Record<string, string>; detail?: string } };
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'people-names-'));
  let url = '';
  engine = await startEngine({ extend: (app) => (web = mountWebApps(app, webApps({ dataDir, v2Url: () => url }), { v2Url: () => url })) });
  url = engine.url;
});

afterAll(async () => {
  await engine?.stop();
  await web?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('people names of the session layer', () => {
  it('should answer usernames as themselves until the layer has its account, then the names through it, to a clerk who may not read users', async () => {
    // given a clerk, who may read only themself of the users
    const search = await engine.fetch('/v2/users/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', as: clerk });
    expect(((await search.json()) as { items: { username: string }[] }).items.map((user) => user.username)).toEqual(['zhang-min']);

    // when the layer has no account yet
    expect(await namesOf('/tasklist/api/people?u=liu-fang&u=nobody-here')).toEqual({ status: 200, body: { names: { 'liu-fang': 'liu-fang', 'nobody-here': 'nobody-here' } } });

    // when it gets its account (role name-reader: USER READ only)
    const password = randomBytes(18).toString('base64url');
    await engine.client.createUser({ username: 'name-reader', password, name: '人员姓名读取服务账号', email: '' });
    expect((await engine.fetch('/v2/roles/name-reader/users/name-reader', { method: 'PUT' })).status).toBe(204);
    web!.readNamesAs(engine.camundaAs('name-reader', password));

    // then the names, only the names, of the usernames asked for (an unknown one as itself), on the monitor's path too
    expect(await namesOf('/tasklist/api/people?u=liu-fang&u=sun-qiang&u=nobody-here')).toEqual({
      status: 200,
      body: { names: { 'liu-fang': '刘芳', 'sun-qiang': '孙强', 'nobody-here': 'nobody-here' } },
    });
    expect(await namesOf('/monitor/api/people?u=zhang-min', { username: 'sun-qiang', password: DEMO_PASSWORD })).toEqual({ status: 200, body: { names: { 'zhang-min': '张敏' } } });
    // and the account itself may read users, not change them
    const change = await engine.fetch('/v2/users/liu-fang', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '改名' }), as: { username: 'name-reader', password } });
    expect(change.status).toBe(403);
  });

  it('should need a login with the app, and a bounded list of usernames, in Chinese', async () => {
    expect((await namesOf('/tasklist/api/people?u=liu-fang', null)).status).toBe(401);
    // 业务分析 (modeler only) may not use the task list
    expect((await namesOf('/tasklist/api/people?u=sun-qiang', { username: 'liu-fang', password: DEMO_PASSWORD })).status).toBe(403);
    expect(await namesOf('/tasklist/api/people')).toMatchObject({ status: 400 });
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
