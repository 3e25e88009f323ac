/**
 * `npm start`'s stop, step by step, on the engine with the web apps as it mounts them: the port closes first and the
 * request under way is answered with the apps' files still open (a clerk's view being saved is kept), a new
 * connection is refused; only then the files close. A harness that closes the files before its port answers the
 * saved views 503 in Chinese, never 500 of a closed file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SavedViewsStore } from '../../../web-tasklist/server/saved-views-store.js';
import { basicAuth } from '../../support/engine-fixture.js';
import { requestArrives, slowViewPost } from '../../support/slow-view-post.js';
import { startEngineWithWebApps, type EngineWithWebApps } from '../../support/web-apps-on-engine.js';

const running: (EngineWithWebApps & { dataDir: string })[] = [];

afterEach(async () => {
  for (const { stop, dataDir } of running.splice(0)) {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function engineWithWebApps(): Promise<EngineWithWebApps & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stop-order-'));
  const started = { ...(await startEngineWithWebApps({ dataDir })), dataDir };
  running.push(started);
  return started;
}

describe('the web apps stopped with the engine, as npm start stops them', () => {
  it('should answer a request under way when the port closes, refuse new ones, and close the files only after', async () => {
    // given a clerk's view being saved: its body half sent, after an answered request (her login is known)
    const { engine, apps, dataDir } = await engineWithWebApps();
    expect((await fetch(`${engine.url}/tasklist/api/views`, { headers: { authorization: basicAuth() } })).status).toBe(200);
    const arrived = requestArrives(engine.server.server, 'POST', '/tasklist/api/views');
    const saving = slowViewPost(engine.url, '停止时保存的视图');
    await arrived;

    // when the port closes (the apps' background work stopped before)
    await apps.web.stop();
    const closing = engine.server.closeHttp(5_000);

    // then a new connection is refused while the request under way is answered, its view saved
    await expect(fetch(`${engine.url}/tasklist/api/views`, { headers: { authorization: basicAuth() } })).rejects.toThrow();
    const answer = await saving.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    await closing;
    // and the files close after it, the view kept
    await apps.close();
    const store = new SavedViewsStore(join(dataDir, 'tasklist.sqlite'));
    try {
      expect(store.visibleTo('demo', []).map((view) => view.name)).toEqual(['停止时保存的视图']);
    } finally {
      store.close();
    }
  });

  it('should answer the saved views and the monitor’s figures 503 in Chinese once the files are closed, never 500', async () => {
    // given a harness that closes the apps' files before its port
    const { engine, apps } = await engineWithWebApps();
    const headers = { authorization: basicAuth(), 'content-type': 'application/json' };
    expect((await fetch(`${engine.url}/tasklist/api/views`, { headers })).status).toBe(200);
    expect((await fetch(`${engine.url}/monitor/api/status`, { headers })).status).toBe(200);

    // when its files are closed and requests still come
    await apps.close();
    const listed = await fetch(`${engine.url}/tasklist/api/views`, { headers });
    const saved = await fetch(`${engine.url}/tasklist/api/views`, { method: 'POST', headers, body: JSON.stringify({ name: '晚到的视图', query: { list: 'mine' } }) });
    const figures = await fetch(`${engine.url}/monitor/api/status`, { headers });

    // then each is told the service is stopping, to retry
    for (const response of [listed, saved, figures]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { detail: string }).detail).toBe('服务正在停止，请稍后重试。');
    }
  });
});
