/**
 * A read model file the monitor cannot open (here a damaged one; a newer monitor's file takes the same path, see
 * monitor-store.test.ts for its refusal) on a real web server in front of an
 * embedded engine: the server still starts, the task list and /v2 work, and the monitor's routes answer a
 * problem in Chinese that names no file, while the reason goes to the log for the administrator.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorWebApp } from '../../../web-monitor/server/monitor-web-app.js';
import { tasklistWebApp } from '../../../web-tasklist/server/tasklist-web-app.js';
import { ensureWebAppsBuilt } from '../../../web-shared/build/ensure-web-apps-built.js';
import { startWebServer, type WebServer } from '../../../web-shared/server/start-web-server.js';
import { DEMO_PASSWORD, basicAuth, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;
let web: WebServer;
let dataDir: string;
const logged: string[] = [];

beforeAll(async () => {
  await ensureWebAppsBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-unopened-'));
  // a read model file damaged on disk
  writeFileSync(join(dataDir, 'monitor.sqlite'), Buffer.alloc(8192, 'x'));
  engine = await startEngine();
  const apps = [tasklistWebApp({ dataDir }), monitorWebApp({ dataDir, log: (line) => logged.push(line) })];
  web = await startWebServer({ clusterUrl: engine.url, port: 0, host: '127.0.0.1', apps });
});

afterAll(async () => {
  await web?.stop();
  await engine?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('monitor with a read model it cannot open', () => {
  it("should leave the server, /v2, the task list and the monitor's catalogue working, and answer the figures' routes 503 in Chinese", async () => {
    const as = (username: string) => ({ authorization: basicAuth({ username, password: DEMO_PASSWORD }) });

    // then the clerk's task list works
    expect((await fetch(`${web.url}/tasklist/api/catalog`, { headers: as('li-jing') })).status).toBe(200);
    expect((await fetch(`${web.url}/v2/topology`, { headers: as('li-jing') })).status).toBe(200);

    // and the manager's case pages still have their catalogue (they read /v2)
    const catalog = await fetch(`${web.url}/monitor/api/catalog`, { headers: as('sun-qiang') });
    expect(catalog.status).toBe(200);
    expect(((await catalog.json()) as { processes: unknown[] }).processes.length).toBeGreaterThan(20);

    // and the manager's overview says what is wrong, without a path
    const overview = await fetch(`${web.url}/monitor/api/overview?period=month`, { headers: as('sun-qiang') });
    expect(overview.status).toBe(503);
    expect(overview.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await overview.json()) as { title: string; detail: string; status: number };
    expect(problem).toMatchObject({ title: '监控数据暂不可用', status: 503 });
    expect(problem.detail).toContain('案件查看与处理、待办任务和流程建模照常运行');
    expect(problem.detail).not.toContain(dataDir);

    // and the login still guards the monitor's routes
    expect((await fetch(`${web.url}/monitor/api/overview?period=month`)).status).toBe(401);

    // the administrator finds the reason in the log
    expect(logged.some((line) => line.includes('read model was not opened') && line.includes('not a database'))).toBe(true);
  });
});
