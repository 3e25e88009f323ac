/**
 * The web apps on a server of their own in front of a cluster (`npm run web`), here an embedded engine on
 * another port: login, /v2 and the apps' own routes through the proxy with the cluster's session cookie and
 * CSRF token, the pages with their security headers; people's names through the monitor's account where the
 * cluster lets it read users, usernames where it does not. Its stop (as `npm run web` stops) answers the request under
 * way, refuses new ones and closes the apps' files only after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebAppsBuilt } from '../../../web-shared/build/ensure-web-apps-built.js';
import { startWebServer, type WebServer } from '../../../web-shared/server/start-web-server.js';
import { webApps } from '../../../web-shared/server/web-apps-index.js';
import { SavedViewsStore } from '../../../web-tasklist/server/saved-views-store.js';
import { runStopSteps } from '../../../scripts/stop-steps.js';
import { webStopSteps } from '../../../scripts/web-stop-steps.js';
import { DEMO_PASSWORD, basicAuth, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { requestArrives, slowViewPost } from '../../support/slow-view-post.js';

let engine: EngineFixture;
let web: WebServer;
let dataDir: string;

beforeAll(async () => {
  await ensureWebAppsBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'web-server-'));
  engine = await startEngine();
  web = await startWebServer({ clusterUrl: engine.url, port: 0, host: '127.0.0.1', apps: webApps({ dataDir }) });
});

afterAll(async () => {
  await web?.stop();
  await engine?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('web server in front of a cluster', () => {
  it("should pass the cluster's device cookie through, so a browser that logged in is let in after others locked the web server's address", async () => {
    // given: an engine of its own (this test locks loopback there), which counts every login through the web server
    // against the web server's address, and a browser that has logged in through the web server once
    const cluster = await startEngine();
    const front = await startWebServer({ clusterUrl: cluster.url, port: 0, host: '127.0.0.1', apps: [] });
    try {
      const login = (username: string, password: string, cookie?: string) =>
        fetch(`${front.url}/login`, {
          method: 'POST',
          headers: { origin: front.url, ...(cookie ? { cookie } : {}) },
          body: new URLSearchParams({ username, password }),
        });
      const first = await login('li-jing', DEMO_PASSWORD);
      const device = first.headers.getSetCookie().find((line) => line.startsWith('camunda-device-'));
      expect(device).toMatch(/; Path=\/login; [^;]+; HttpOnly; SameSite=Strict$/);

      // when: 50 wrong passwords reach the cluster through the web server
      for (let i = 0; i < 50; i++) expect((await login(`someone-${i}`, 'wrong')).status).toBe(401);

      // then: a login without the cookie is refused, hers with it goes through
      expect((await login('li-jing', DEMO_PASSWORD)).status).toBe(429);
      expect((await login('li-jing', DEMO_PASSWORD, device!.split(';')[0])).status).toBe(204);
    } finally {
      await front.stop();
      await cluster.stop();
    }
  }, 60_000);

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
    const body = (await catalog.json()) as { processes: unknown[]; sessionMaxHours?: number };
    expect(body.processes).toHaveLength(23);
    // (the cluster's session length is not this server's to know: the page takes its default for drafts)
    expect(body.sessionMaxHours).toBeUndefined();
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

  it("should show usernames where the cluster account may not read users, and names where it may", async () => {
    // given the monitor's account on the cluster, without USER READ (role monitor-reader), as `npm run web` hands it over
    const password = 'monitor-reader-secret';
    await engine.client.createUser({ username: 'cluster-monitor', password, name: '监控账号', email: '' });
    expect((await engine.fetch('/v2/roles/monitor-reader/users/cluster-monitor', { method: 'PUT' })).status).toBe(204);
    web.apps.readNamesAs(engine.camundaAs('cluster-monitor', password));
    const names = async () => {
      const response = await fetch(`${web.url}/tasklist/api/people?u=liu-fang&u=zhang-min`, { headers: { authorization: basicAuth({ username: 'li-jing', password: DEMO_PASSWORD }) } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { names: Record<string, string> }).names;
    };

    // then usernames (the cluster's search gives the account none of the users)
    expect(await names()).toEqual({ 'liu-fang': 'liu-fang', 'zhang-min': 'zhang-min' });

    // when the operator gives the account USER READ on the cluster (connected again: answers are kept a minute)
    expect((await engine.fetch('/v2/roles/name-reader/users/cluster-monitor', { method: 'PUT' })).status).toBe(204);
    web.apps.readNamesAs(engine.camundaAs('cluster-monitor', password));

    // then names
    expect(await names()).toEqual({ 'liu-fang': '刘芳', 'zhang-min': '张敏' });
  });

  it('should stop as npm run web does: a clerk’s view being saved answered and kept, new connections refused, the files closed after', async () => {
    // given a web server of its own, and a clerk's view being saved through it: its body half sent, the request
    // under way (after an answered one: her login is known)
    const ownDir = mkdtempSync(join(tmpdir(), 'web-server-stop-'));
    const front = await startWebServer({ clusterUrl: engine.url, port: 0, host: '127.0.0.1', apps: webApps({ dataDir: ownDir }) });
    try {
      expect((await fetch(`${front.url}/tasklist/api/views`, { headers: { authorization: basicAuth() } })).status).toBe(200);
      const arrived = requestArrives(front.server, 'POST', '/tasklist/api/views');
      const saving = slowViewPost(front.url, '停止时保存的视图');
      await arrived;

      // when it stops as npm run web stops it
      const stopping = runStopSteps('web', webStopSteps({ server: front }));

      // then a new connection is refused while the request under way is answered, its view saved
      await expect.poll(() => fetch(`${front.url}/tasklist/api/views`, { headers: { authorization: basicAuth() } }).then(() => 'answered', () => 'refused')).toBe('refused');
      expect(await saving.finish()).toMatch(/^HTTP\/1\.1 201 /);
      await stopping;
      // and the files closed after it, the view kept
      const store = new SavedViewsStore(join(ownDir, 'tasklist.sqlite'));
      try {
        expect(store.visibleTo('demo', []).map((view) => view.name)).toEqual(['停止时保存的视图']);
      } finally {
        store.close();
      }
    } finally {
      await front.stop();
      rmSync(ownDir, { recursive: true, force: true });
    }
  });
});
