/**
 * The deploy dialog's count of cases on older versions, against a real engine: Camunda 8.8 answers a search the
 * user may read nothing of with an empty page, so "may not read the definitions" must be told from "no older
 * version" by the version just deployed missing from the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { olderVersions, readsEveryCase, VersionsUnreadable } from '../../../web-modeler/src/views/older-versions.js';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const PROCESS_ID = 'older-versions';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
  const waiting = (name: string) =>
    bpmnProcess(PROCESS_ID, `<bpmn:startEvent id="s"/><bpmn:userTask id="wait" name="${name}"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>${flow('f1', 's', 'wait')}`);
  await deploy(engine.client, [{ name: 'v1.bpmn', content: waiting('初审') }]);
  await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: {} });
  await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: {} });
  await deploy(engine.client, [{ name: 'v2.bpmn', content: waiting('复审') }]);
  await engine.client.createUser({ username: 'no-reader', password: 'no-reader-secret', name: '无权限', email: '' });
  // reads the definitions (so sees the versions) but no case: counts 0 running, which is not "none"
  await engine.client.createUser({ username: 'definitions-reader', password: 'definitions-reader-secret', name: '只读流程定义', email: '' });
  const granted = await engine.fetch('/v2/authorizations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ownerId: 'definitions-reader', ownerType: 'USER', resourceType: 'PROCESS_DEFINITION', resourceId: '*', permissionTypes: ['READ_PROCESS_DEFINITION'] }),
  });
  expect(granted.status).toBe(201);
});

afterAll(async () => {
  await engine?.stop();
});

/** The dialog's client over real HTTP, as one user. */
const clientAs = (as: { username: string; password: string }) => ({
  async json<T>(method: string, path: string, body: unknown): Promise<T> {
    const response = await engine.fetch(path, { as, method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  },
});

describe('olderVersions', () => {
  it('should count the running cases of each older version for a user who may read them', async () => {
    // when
    const older = await olderVersions(clientAs({ username: 'demo', password: 'demo' }), PROCESS_ID, 2);

    // then
    expect(older.map(({ version, running }) => ({ version, running }))).toEqual([{ version: 1, running: 2 }]);
  });

  it('should report the counts unknown, not zero, to a user whose definitions search comes back empty', async () => {
    // when
    const outcome = olderVersions(clientAs({ username: 'no-reader', password: 'no-reader-secret' }), PROCESS_ID, 2);

    // then
    await expect(outcome).rejects.toBeInstanceOf(VersionsUnreadable);
  });

  it('should count 0 for a user who reads the definitions but not the cases, and know from /v2/authentication/me that this is not "none"', async () => {
    // given
    const reader = { username: 'definitions-reader', password: 'definitions-reader-secret' };
    const me = async (as: { username: string; password: string }) => (await (await engine.fetch('/v2/authentication/me', { as })).json()) as { roles: string[]; authorizedComponents: string[] };

    // when
    const older = await olderVersions(clientAs(reader), PROCESS_ID, 2);

    // then: the same 0 a search gives whether no case runs or none may be read; only the admin reads every case
    expect(older.map(({ version, running }) => ({ version, running }))).toEqual([{ version: 1, running: 0 }]);
    expect(readsEveryCase(await me(reader))).toBe(false);
    expect(readsEveryCase(await me({ username: 'demo', password: 'demo' }))).toBe(true);
  });

  it('should not take access to every component (authorizedComponents *) for reading every case', () => {
    expect(readsEveryCase({ roles: ['clerk'], authorizedComponents: ['*'] })).toBe(false);
    expect(readsEveryCase({ roles: ['analyst'], authorizedComponents: ['modeler'] })).toBe(true);
  });
});
