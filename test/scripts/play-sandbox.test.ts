/**
 * The Play sandbox as `npm start` wires it: a second embedded engine behind `/play/v2` on the main port, open only
 * to analysts and admins of the main engine, with its own deployments and its own clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PLAY_PATH, startPlaySandbox, type PlaySandbox } from '../../scripts/play-sandbox.js';
import { basicAuth, DEMO_PASSWORD, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { resetClients } from '../support/reset-client.js';

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="play-sandbox-test" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review" name="审核"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="window-first-review" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

let dataDir: string;
let sandbox: PlaySandbox;
let main: EngineFixture;

const analyst = { username: 'liu-fang', password: DEMO_PASSWORD };
const clerk = { username: 'zhang-min', password: DEMO_PASSWORD };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'play-sandbox-'));
  sandbox = await startPlaySandbox({ dataDir });
  let url = '';
  // as npm start mounts it: with the main engine's forwarder secret; the clients' addresses through a proxy on loopback
  main = await startEngine({ dataDir, engine: { trustProxy: 'loopback' }, extend: (app, mounted) => sandbox.mount(app, { v2Url: () => url, ...mounted }) });
  url = main.url;
}, 60_000);

afterAll(async () => {
  await main?.stop({ keepData: true });
  await sandbox?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Play sandbox (/play/v2)', { timeout: 60_000 }, () => {
  it('should answer 401 to an anonymous request and 403 to a clerk', async () => {
    // when
    const anonymous = await main.fetch(`${PLAY_PATH}/topology`, { as: null });
    const asClerk = await main.fetch(`${PLAY_PATH}/topology`, { as: clerk });

    // then
    expect(anonymous.status).toBe(401);
    expect(asClerk.status).toBe(403);
    expect(((await asClerk.json()) as { detail: string }).detail).toContain('业务分析人员');
  });

  it('should refuse a cookie login changing something without its CSRF token', async () => {
    // given an analyst logged in with a session cookie
    const login = await fetch(`${main.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=${analyst.username}&password=${analyst.password}` });
    const cookie = login.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
    expect(cookie).not.toBe('');

    // when
    const read = await fetch(`${main.url}${PLAY_PATH}/topology`, { headers: { cookie } });
    const change = await fetch(`${main.url}${PLAY_PATH}/clock`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ timestamp: Date.UTC(2030, 0, 1) }) });

    // then
    expect(read.status).toBe(200);
    expect(change.status).toBe(403);
  });

  it('should deploy, start and move the clock in the sandbox only, as the sandbox account', async () => {
    // given
    const form = new FormData();
    form.append('resources', new Blob([BPMN], { type: 'application/xml' }), 'play-sandbox-test.bpmn');

    // when an analyst deploys and starts through /play/v2 and moves its clock a year on
    const deployed = await main.fetch(`${PLAY_PATH}/deployments`, { method: 'POST', body: form, as: analyst });
    const started = await main.fetch(`${PLAY_PATH}/process-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ processDefinitionId: 'play-sandbox-test' }),
      as: analyst,
    });
    const before = Date.parse((await main.fetch('/v2/topology')).headers.get('date')!);
    const target = Date.UTC(2031, 5, 1, 8);
    const moved = await main.fetch(`${PLAY_PATH}/clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timestamp: target }), as: analyst });

    // then the sandbox has the process, the case and the new time ...
    expect(deployed.status).toBe(200);
    expect(started.status).toBe(200);
    expect(moved.status).toBe(204);
    expect(Date.parse((await main.fetch(`${PLAY_PATH}/topology`, { as: analyst })).headers.get('date')!)).toBe(target);
    const inSandbox = await main.fetch(`${PLAY_PATH}/process-definitions/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { processDefinitionId: 'play-sandbox-test' } }), as: analyst });
    expect(((await inSandbox.json()) as { items: unknown[] }).items).toHaveLength(1);
    // ... and the office's engine has neither, nor the moved clock
    const inMain = await main.fetch('/v2/process-definitions/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { processDefinitionId: 'play-sandbox-test' } }) });
    expect(((await inMain.json()) as { items: unknown[] }).items).toEqual([]);
    const mainNow = Date.parse((await main.fetch('/v2/topology')).headers.get('date')!);
    expect(mainNow).toBeLessThan(target);
    expect(mainNow).toBeGreaterThanOrEqual(before);
  });

  it('should complete a sandbox task as the sandbox user the panel names, and refuse an unknown one', async () => {
    // given the case of the previous test waits at 审核
    const tasks = await main.fetch(`${PLAY_PATH}/user-tasks/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { state: 'CREATED' } }), as: analyst });
    const [task] = ((await tasks.json()) as { items: { userTaskKey: string }[] }).items;
    expect(task).toBeDefined();

    // when
    const unknown = await main.fetch(`${PLAY_PATH}/user-tasks/${task!.userTaskKey}/completion`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-play-user': 'nobody' }, body: '{}', as: analyst });
    const completed = await main.fetch(`${PLAY_PATH}/user-tasks/${task!.userTaskKey}/completion`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-play-user': 'li-jing' }, body: '{}', as: analyst });

    // then
    expect(unknown.status).toBe(400);
    expect(completed.status).toBe(204);
    const done = await main.fetch(`${PLAY_PATH}/user-tasks/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { userTaskKey: task!.userTaskKey } }), as: analyst });
    expect(((await done.json()) as { items: { state: string; assignee?: string }[] }).items[0]).toMatchObject({ state: 'COMPLETED' });
  });

  it('should not accept the demo password on the sandbox port itself', async () => {
    // when
    const direct = await fetch(`${sandbox.server.url}/v2/topology`, { headers: { authorization: `Basic ${Buffer.from('li-jing:demo').toString('base64')}` } });

    // then
    expect(direct.status).toBe(401);
  });

  it('should count wrong Basic passwords sent to /play/v2 against their client, not against loopback', async () => {
    // given: one client tries 50 usernames through the sandbox's door
    const from = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 50; i++) {
      expect((await main.fetch(`${PLAY_PATH}/topology`, { as: { username: `guessed-user-${i}`, password: 'guess' }, headers: from })).status).toBe(401);
    }

    // when: that client with a right password, and a right one from loopback (both headers new to the engine)
    const offender = await main.fetch(`${PLAY_PATH}/topology`, { as: { username: 'sun-qiang', password: DEMO_PASSWORD }, headers: from });
    const loopback = await main.fetch('/v2/authentication/me', { as: { username: 'han-jun', password: DEMO_PASSWORD } });

    // then
    expect(offender.status).toBe(429);
    expect(((await offender.json()) as { detail: string }).detail).toBe('此地址登录失败次数过多，请 10 分钟后再试');
    // with the main engine's Retry-After: the rest of its 10 minutes (its wall clock runs here, so a range)
    expect(Number(offender.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(offender.headers.get('retry-after'))).toBeLessThanOrEqual(600);
    expect(loopback.status).toBe(200);
  });
});

describe('Play sandbox (/play/v2) for a client gone before its login is checked', { timeout: 60_000 }, () => {
  it('should answer as the apps\' APIs do: 400 and one short line each, with no password checked', async () => {
    // given the main engine with the sandbox mounted behind a hold that lets a client reset its connection
    const clients = resetClients();
    let url = '';
    const otherDir = mkdtempSync(join(tmpdir(), 'play-sandbox-reset-'));
    const other = await startEngine({
      dataDir: otherDir,
      engine: { trustProxy: 'loopback' },
      extend: (app, mounted) => {
        app.use(clients.hold);
        sandbox.mount(app, { v2Url: () => url, ...mounted });
      },
    });
    url = other.url;
    const warned: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warned.push(args.map(String).join(' ')));
    try {
      // when: three Basic requests whose clients reset while they are on their way
      const answered: number[] = [];
      for (let i = 0; i < 3; i++) {
        answered.push(await clients.getAndReset(other.url, `${PLAY_PATH}/topology`, { authorization: basicAuth({ username: 'liu-fang', password: 'guess' }), 'x-forwarded-for': '203.0.113.9' }));
      }

      // then
      expect(answered).toEqual([400, 400, 400]);
      expect(warned.filter((line) => line === `[web] GET ${PLAY_PATH}/topology: 客户端已断开连接，请求未处理 (client address gone)`)).toHaveLength(3);
    } finally {
      vi.restoreAllMocks();
      await other.stop();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
