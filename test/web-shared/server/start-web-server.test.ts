/**
 * The web apps on a server of their own in front of a cluster (`npm run web`), here an embedded engine on
 * another port: login, /v2 and the apps' own routes through the proxy with the cluster's session cookie and
 * CSRF token, the pages with their security headers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebAppsBuilt } from '../../../web-shared/build/ensure-web-apps-built.js';
import { startWebServer, type WebServer } from '../../../web-shared/server/start-web-server.js';
import { webApps } from '../../../web-shared/server/web-apps-index.js';
import { DEMO_PASSWORD, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;
let web: WebServer;
let dataDir: string;

beforeAll(async () => {
  await ensureWebAppsBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'web-server-'));
  engine = await startEngine();
  web = await startWebServer({ clusterUrl: engine.url, port: 0, host: '127.0.0.1', apps: webApps({ dataDir, v2Url: () => engine.url }) });
});

afterAll(async () => {
  await web?.stop();
  await engine?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('web server in front of a cluster', () => {
  it('should log in through the proxy and use /v2 and the task list API with the session', async () => {
    // when the browser logs in on the web server's origin
    const login = await fetch(`${web.url}/login`, {
      method: 'POST',
      headers: { origin: web.url },
      body: new URLSearchParams({ username: 'li-jing', password: DEMO_PASSWORD }),
    });

    // then the cluster's session cookie and CSRF token come back
    expect(login.status).toBe(204);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^camunda-session=/);
    const csrf = login.headers.get('x-csrf-token')!;
    const me = await fetch(`${web.url}/v2/authentication/me`, { headers: { cookie } });
    expect(((await me.json()) as { username: string }).username).toBe('li-jing');
    const search = (headers: Record<string, string>) =>
      fetch(`${web.url}/v2/user-tasks/search`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await search({ 'x-csrf-token': csrf })).status).toBe(200);
    expect((await search({})).status).toBe(403);
    const catalog = await fetch(`${web.url}/tasklist/api/catalog`, { headers: { cookie } });
    expect(catalog.status).toBe(200);
    expect(((await catalog.json()) as { processes: unknown[] }).processes).toHaveLength(23);
    expect((await fetch(`${web.url}/logout`, { method: 'POST', headers: { cookie } })).status).toBe(204);
    expect((await fetch(`${web.url}/tasklist/api/catalog`, { headers: { cookie } })).status).toBe(401);
  });

  it('should serve the task list page with a content security policy, and send / to it', async () => {
    const page = await fetch(`${web.url}/tasklist/tasks/123`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const root = await fetch(`${web.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/tasklist/');
  });
});
