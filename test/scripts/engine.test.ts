/**
 * `npm run engine` as a real process: the ready line names the login address, and nothing it prints — through a
 * login, a failed login, Basic calls, a new user, a case with personal data and a failing request — contains a
 * password, a session id, a device cookie or its signing key, or personal data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/store/database.js';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { basicAuth } from '../support/engine-fixture.js';

const SECRET = 'Kz7-红豆-q9WvX3';
const PERSONAL = { name: '王秀英', email: 'wang.xiuying@example.cn', idNumber: '630102199003071524', bankAccount: '6228480402564890018' };

let child: ChildProcess;
let dataDir: string;
let url: string;
let readyLine: string;
const output: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'engine-script-'));
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/engine.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ENGINE_SYNC: 'NORMAL' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => output.push(line));
  readyLine = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line.includes('ready:') && resolve(line));
    child.once('exit', (code) => reject(new Error(`scripts/engine.ts exited (${String(code)}): ${output.join('\n')}`)));
  });
  url = /ready: (http:\/\/[^/\s]+)\/v2/.exec(readyLine)![1]!;
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run engine', () => {
  it('should name the login address and the demo account in its ready line', () => {
    // then
    expect(readyLine).toMatch(/^\[engine\] ready: http:\/\/127\.0\.0\.1:\d+\/v2 \(data in .+\); 登录 http:\/\/127\.0\.0\.1:\d+\/tasklist（演示账号 demo \/ demo）$/);
  });

  it('should never print a password, a session id, a device cookie, its signing key or personal data', async () => {
    // given
    const admin = { authorization: basicAuth(), 'content-type': 'application/json' };
    const post = (path: string, body: unknown, headers: Record<string, string> = admin) =>
      fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect((await post('/v2/users', { username: 'wang-xiuying', password: SECRET, name: PERSONAL.name, email: PERSONAL.email })).status).toBe(201);

    // when: a login, a failed login, Basic with the right and a wrong password, a case with personal data, a bad request
    const login = await post('/login', { username: 'wang-xiuying', password: SECRET }, { 'content-type': 'application/json' });
    const session = login.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!;
    const device = login.headers.getSetCookie().find((line) => line.startsWith('camunda-device-'))!.split(';')[0]!;
    // a failed login carrying the device cookie, which the engine reads
    await post('/login', { username: 'wang-xiuying', password: `${SECRET}-wrong` }, { 'content-type': 'application/json', cookie: device });
    await fetch(`${url}/v2/authentication/me`, { headers: { authorization: basicAuth({ username: 'wang-xiuying', password: SECRET }) } });
    await fetch(`${url}/v2/authentication/me`, { headers: { authorization: basicAuth({ username: 'wang-xiuying', password: `${SECRET}x` }) } });
    const form = new FormData();
    form.append('resources', new Blob([bpmnProcess('log-probe', `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${flow('f', 's', 'e')}`)]), 'log-probe.bpmn');
    await fetch(`${url}/v2/deployments`, { method: 'POST', headers: { authorization: basicAuth() }, body: form });
    await post('/v2/process-instances', { processDefinitionId: 'log-probe', variables: { applicantName: PERSONAL.name, idNumber: PERSONAL.idNumber, bankAccount: PERSONAL.bankAccount } });
    await post('/v2/process-instances', { processDefinitionId: 'log-probe', variables: PERSONAL, awaitCompletion: 'not a boolean' });
    child.kill('SIGTERM');
    await once(child, 'exit');

    // then
    const printed = output.join('\n');
    expect(login.status).toBe(204);
    expect(printed).toContain('[engine] stopped');
    const db = openDatabase({ dataDir, synchronous: 'NORMAL' });
    const stored = (db.prepare(`SELECT value FROM meta WHERE name = 'deviceCookieKey'`).get() as { value: string }).value;
    db.close();
    const key = Buffer.from(stored, 'base64url');
    expect(key).toHaveLength(32);
    const [, deviceId, , mac] = device.split('.');
    const deviceSecrets = [device.slice(device.indexOf('=') + 1), deviceId!, mac!, stored, key.toString('hex'), key.toString('base64')];
    for (const secret of [SECRET, session, Buffer.from(`wang-xiuying:${SECRET}`).toString('base64'), ...deviceSecrets, ...Object.values(PERSONAL)]) {
      expect(printed).not.toContain(secret);
    }
  });
});
