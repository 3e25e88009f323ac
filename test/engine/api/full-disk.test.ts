/**
 * A full disk, made real inside SQLite: the engine's own connection gets `max_page_count` at its current size, so
 * the next write that needs a page fails with SQLITE_FULL exactly as on a full file system. The command is
 * answered 507 with a problem and Retry-After, nothing of it is kept, reads keep working, and once there is room
 * again the same command succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;
type Pragma = (source: string, options?: { simple: boolean }) => unknown;
let pragma: Pragma;

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    {
      name: 'full-disk.bpmn',
      content: bpmnProcess(
        'full-disk',
        `<bpmn:startEvent id="start"/><bpmn:userTask id="wait"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
         <bpmn:endEvent id="end"/>${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`,
      ),
    },
  ]);
  // fault injection: the engine's own connection (a limit set on another connection would not apply to it)
  const db = (engine.server.engine as unknown as { store: { connection: { pragma: Pragma } } }).store.connection;
  pragma = (source, options) => db.pragma(source, options);
});

afterAll(async () => {
  await engine?.stop();
});

const create = (scan: string) =>
  engine.fetch('/v2/process-instances', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ processDefinitionId: 'full-disk', variables: { caseId: 'F-1', scan } }),
  });

async function instances(): Promise<number> {
  const { page } = await engine.client.searchProcessInstances({ filter: { processDefinitionId: 'full-disk' } });
  return Number(page.totalItems);
}

describe('a full disk', () => {
  it('should answer 507 and keep nothing, keep serving reads, and accept the command again once there is room', async () => {
    // given
    const before = await instances();
    const pages = Number(pragma('page_count', { simple: true }));
    pragma(`max_page_count = ${pages}`);

    // when
    const refused = await create('扫描件'.repeat(100_000));
    const problem = (await refused.json()) as { title: string; status: number; detail: string };

    // then
    expect(refused.status).toBe(507);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(problem.status).toBe(507);
    expect(await instances()).toBe(before);
    expect(pragma('integrity_check', { simple: true })).toBe('ok');

    // when there is room again
    pragma('max_page_count = 1073741823');
    const accepted = await create('扫描件'.repeat(100_000));

    // then
    expect(accepted.status).toBe(200);
    expect(await instances()).toBe(before + 1);
  });
});
