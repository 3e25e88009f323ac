/**
 * Saved views on the task list server (`/tasklist/api/views`), mounted on the engine's server as `npm start`
 * mounts it, authenticated through `GET /v2/authentication/me`: own views, views shared with a group, only the
 * owner changes them, CSRF for cookie sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type EngineFixture } from '../../support/engine-fixture.js';
import { startEngineWithWebApps, type EngineWithWebApps } from '../../support/web-apps-on-engine.js';

let engine: EngineFixture;
let started: EngineWithWebApps | undefined;
let dataDir: string;

const as = (username: string) => ({ username, password: DEMO_PASSWORD });
const view = { name: '本组逾期件', sharedWithGroup: 'window-first-review', query: { list: 'claimable', dueState: 'overdue', sort: 'dueDate' } };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tasklist-views-'));
  started = await startEngineWithWebApps({ dataDir });
  engine = started.engine;
});

afterAll(async () => {
  await started?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('saved views', () => {
  it('should share a view with a group of its owner, and let only the owner delete it', async () => {
    // when
    const created = await engine.fetch('/tasklist/api/views', { method: 'POST', ...json(view), as: as('zhang-min') });

    // then
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const names = async (username: string) =>
      ((await (await engine.fetch('/tasklist/api/views', { as: as(username) })).json()) as { items: { name: string }[] }).items.map((v) => v.name);
    expect(await names('zhang-min')).toEqual(['本组逾期件']);
    expect(await names('li-jing')).toEqual(['本组逾期件']);
    expect(await names('wang-lei')).toEqual([]);
    expect((await engine.fetch(`/tasklist/api/views/${id}`, { method: 'DELETE', as: as('li-jing') })).status).toBe(403);
    expect((await engine.fetch(`/tasklist/api/views/${id}`, { method: 'DELETE', as: as('wang-lei') })).status).toBe(404);
    expect((await engine.fetch(`/tasklist/api/views/${id}`, { method: 'DELETE', as: as('zhang-min') })).status).toBe(204);
    expect(await names('li-jing')).toEqual([]);
  });

  it('should refuse sharing with a group the owner is not in, and a bad view, in Chinese', async () => {
    const foreign = await engine.fetch('/tasklist/api/views', { method: 'POST', ...json({ ...view, sharedWithGroup: 'finance' }), as: as('zhang-min') });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { detail: string }).detail).toContain('只能与本人所在的组共享');
    const bad = await engine.fetch('/tasklist/api/views', { method: 'POST', ...json({ ...view, name: '' }), as: as('zhang-min') });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toContain('请填写视图名称');
  });

  it('should need a login, the task list among the authorized components, and the CSRF token of a cookie session', async () => {
    expect((await engine.fetch('/tasklist/api/views', { as: null })).status).toBe(401);
    // 业务分析 (modeler only) may not use the task list
    expect((await engine.fetch('/tasklist/api/views', { as: as('liu-fang') })).status).toBe(403);

    // given a browser session
    const login = await fetch(new URL('/login', engine.url), { method: 'POST', body: new URLSearchParams({ username: 'zhang-min', password: DEMO_PASSWORD }) });
    expect(login.status).toBe(204);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = login.headers.get('x-csrf-token')!;
    const post = (headers: Record<string, string>) =>
      fetch(new URL('/tasklist/api/views', engine.url), { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify(view) });

    // then
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-csrf-token': csrf })).status).toBe(201);
  });
});
