/**
 * The deploy dialog's count of cases on older versions, against a real engine: Camunda 8.8 answers a search the
 * user may read nothing of with an empty page, so "may not read the definitions" must be told from "no older
 * version" by the version just deployed missing from the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { olderVersions, VersionsUnreadable } from '../../../web-modeler/src/views/older-versions.js';
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
});
