/**
 * npm start's service account: created once with a random password kept in a 0600 file under DATA_DIR, reused on
 * later starts, given a new password when the file went missing.
 */
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServiceAccount, ensureServiceRole } from '../../../engine/identity/service-account.js';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;
let file: string;
const ACCOUNT = { username: 'npm-start', name: 'npm start 服务账号', roles: ['job-worker', 'deployer'] } as const;

beforeAll(async () => {
  engine = await startEngine();
  file = join(engine.dataDir, 'service-account.json');
});

afterAll(async () => {
  await engine?.stop();
});

describe('ensureServiceAccount', () => {
  it('should create the user with its roles and keep the password only in a file the owner alone can read', async () => {
    // when
    const account = await ensureServiceAccount(engine.server.engine.identity, file, ACCOUNT);

    // then
    expect(account.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(account);
    const me = await engine.fetch('/v2/authentication/me', { as: account });
    expect(await me.json()).toMatchObject({ username: 'npm-start', roles: ['deployer', 'job-worker'], groups: [] });
  });

  it('should reuse the account on the next start', async () => {
    // given
    const first = JSON.parse(readFileSync(file, 'utf8')) as { password: string };

    // when
    const again = await ensureServiceAccount(engine.server.engine.identity, file, ACCOUNT);

    // then
    expect(again.password).toBe(first.password);
  });

  it('should give the user a new password when the file is gone, and the old one stops working', async () => {
    // given
    const old = JSON.parse(readFileSync(file, 'utf8')) as { username: string; password: string };
    rmSync(file);

    // when
    const renewed = await ensureServiceAccount(engine.server.engine.identity, file, ACCOUNT);

    // then
    expect(existsSync(file)).toBe(true);
    expect(renewed.password).not.toBe(old.password);
    expect((await engine.fetch('/v2/authentication/me', { as: old })).status).toBe(401);
    expect((await engine.fetch('/v2/authentication/me', { as: renewed })).status).toBe(200);
  });

  it('should make a widened file the owner\'s alone again when reusing it', async () => {
    // given
    const before = JSON.parse(readFileSync(file, 'utf8')) as { password: string };
    chmodSync(file, 0o644);

    // when
    const again = await ensureServiceAccount(engine.server.engine.identity, file, ACCOUNT);

    // then
    expect(again.password).toBe(before.password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('should write the new password 0600 over a readable leftover temporary file and a broken main file', async () => {
    // given an interrupted start's leftover, readable by all, and a main file that is not an account
    writeFileSync(`${file}.tmp`, 'leftover', { mode: 0o644 });
    chmodSync(`${file}.tmp`, 0o644);
    writeFileSync(file, '{ broken', { mode: 0o644 });

    // when
    const renewed = await ensureServiceAccount(engine.server.engine.identity, file, ACCOUNT);

    // then
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(renewed);
    expect(existsSync(`${file}.tmp`)).toBe(false);
    expect((await engine.fetch('/v2/authentication/me', { as: renewed })).status).toBe(200);
  });
});

describe('ensureServiceRole', () => {
  it("should create a service role a data directory seeded before it existed lacks, with config/'s authorizations, once", async () => {
    // given a data directory whose first start knew no monitor-reader, and a process it could start
    await deploy(engine.client, [{ name: 'startable.bpmn', content: bpmnProcess('service-startable', `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${flow('f1', 's', 'e')}`) }]);
    const identity = engine.server.engine.identity;
    identity.deleteRole('monitor-reader');

    // when
    ensureServiceRole(identity, 'monitor-reader');
    ensureServiceRole(identity, 'monitor-reader');
    const account = await ensureServiceAccount(identity, join(engine.dataDir, 'monitor-account.json'), {
      username: 'monitor-reader',
      name: '业务监控读取服务账号',
      roles: ['monitor-reader'],
    });

    // then it reads cases and tasks, and changes nothing
    expect(identity.getRole('monitor-reader').name).toBe('业务监控读取（服务账号）');
    const search = await engine.fetch('/v2/process-instances/search', { as: account, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const tasks = await engine.fetch('/v2/user-tasks/search', { as: account, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const start = await engine.fetch('/v2/process-instances', {
      as: account,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ processDefinitionId: 'service-startable' }),
    });
    expect([search.status, tasks.status, start.status]).toEqual([200, 200, 403]);
  });
});
