/**
 * A read model file that did not open at start is tried again, at most once a minute, on a manager's request: once
 * the administrator replaced it, the figures come back and the feeder starts with the service account the server
 * gave at start — without a restart. Real SQLite files, a real web server in front of an embedded engine; the
 * retries' clock is the test's own (the feeder's passes keep the real one: monitorWebApp's feederNow).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorWebApp, type MonitorWebApp } from '../../../web-monitor/server/monitor-web-app.js';
import { MonitorStore } from '../../../web-monitor/server/read-model/monitor-store.js';
import { ensureWebAppsBuilt } from '../../../web-shared/build/ensure-web-apps-built.js';
import { startWebServer, type WebServer } from '../../../web-shared/server/start-web-server.js';
import { DEMO_PASSWORD, basicAuth, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { serviceAccount } from '../../support/web-apps-on-engine.js';

let engine: EngineFixture;
let web: WebServer;
let monitor: MonitorWebApp;
let dataDir: string;
let clock = Date.parse('2026-12-05T09:00:00Z');
const logged: string[] = [];

beforeAll(async () => {
  await ensureWebAppsBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-reopen-'));
  // a read model file damaged on disk
  writeFileSync(join(dataDir, 'monitor.sqlite'), Buffer.alloc(8192, 'x'));
  engine = await startEngine();
  monitor = monitorWebApp({ dataDir, log: (line) => logged.push(line), now: () => clock });
  web = await startWebServer({ clusterUrl: engine.url, port: 0, host: '127.0.0.1', apps: [monitor] });
  const reader = await serviceAccount(engine, { username: 'monitor-reader', role: 'monitor-reader', name: '业务监控读取服务账号' });
  web.apps.start({ camunda: reader.camunda });
});

afterAll(async () => {
  await web?.stop();
  await engine?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const overview = () =>
  fetch(`${web.url}/monitor/api/overview?period=month`, { headers: { authorization: basicAuth({ username: 'sun-qiang', password: DEMO_PASSWORD }) } });
const notOpened = () => logged.filter((line) => line.includes('read model was not opened'));

/** A read model file of a newer monitor (schema 99) at `file`. */
function newerMonitorsFile(file: string): void {
  const store = new MonitorStore(file);
  store.setMeta('schemaVersion', '99');
  store.close();
}

describe('monitor read model that did not open at start', () => {
  it('should try the file again at most once a minute, log each reason once, and serve the figures and start the feeder once it opens', async () => {
    // given the server started with a damaged file: 503, no feeder, the reason logged once
    expect((await overview()).status).toBe(503);
    expect(monitor.feeder()).toBeUndefined();
    expect(notOpened()).toHaveLength(1);
    expect(notOpened()[0]).toContain('not a database');

    // when the administrator replaces it by a newer monitor's file, within the minute it is not tried again
    rmSync(join(dataDir, 'monitor.sqlite'));
    newerMonitorsFile(join(dataDir, 'monitor.sqlite'));
    clock += 59_000;
    expect((await overview()).status).toBe(503);
    expect(notOpened()).toHaveLength(1);

    // then a minute after the last try it is, and the new reason is logged once, however often it fails again
    clock += 2_000;
    expect((await overview()).status).toBe(503);
    clock += 61_000;
    expect((await overview()).status).toBe(503);
    expect(notOpened()).toHaveLength(2);
    expect(notOpened()[1]).toContain('written by a newer monitor (schema 99)');

    // when the administrator deletes the file (the feeder rebuilds it from /v2) and a minute passes
    rmSync(join(dataDir, 'monitor.sqlite'));
    clock += 61_000;
    const realBefore = Date.now();

    // then the figures are back, the log says so, and the feeder reads /v2 as the service account
    const back = await overview();
    expect(back.status).toBe(200);
    expect(((await back.json()) as { freshness: unknown }).freshness).toBeDefined();
    expect(logged.at(-1)).toBe('monitor: the read model opened on a retry, its figures are available again');
    expect(notOpened()).toHaveLength(2);
    await expect.poll(() => monitor.feeder()?.status().passes ?? 0).toBeGreaterThan(0);
    expect(monitor.feeder()?.status().lastError).toBeUndefined();
    // and its passes (their lookups' retries, pruning and laps) run on the real clock, not on the retries' frozen one
    expect(monitor.feeder()!.status().lastPassAt).toBeGreaterThanOrEqual(realBefore);
    expect(monitor.feeder()!.status().lastPassAt).toBeLessThanOrEqual(Date.now());
  });

  it('should open nothing once closed, though a request comes after close and the minute has passed', async () => {
    // given a monitor whose file did not open, closed (a harness may stop it before its server)
    const dir = mkdtempSync(join(tmpdir(), 'monitor-closed-'));
    const file = join(dir, 'monitor.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 'x'));
    let at = Date.parse('2026-12-05T09:00:00Z');
    const closing = monitorWebApp({ dataDir: dir, log: () => undefined, now: () => at });
    const user = { username: 'sun-qiang' } as Parameters<NonNullable<MonitorWebApp['firstScreen']>['data']>[0];
    expect(await closing.firstScreen!.data(user, new Date(at))).not.toHaveProperty('overview');
    closing.start!({ camunda: {} as never });
    await closing.close!();

    // when the file is gone (a retry would create a new one) and a page is asked for a minute later
    rmSync(file);
    at += 61_000;
    const data = await closing.firstScreen!.data(user, new Date(at));

    // then no file was opened or created, no figures counted and no feeder started
    expect(data).not.toHaveProperty('overview');
    expect(existsSync(file)).toBe(false);
    expect(closing.feeder()).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });
});
