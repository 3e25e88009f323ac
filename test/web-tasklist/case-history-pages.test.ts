/**
 * The 办理记录 reads all of a long case's completed tasks, page after page (case-data.ts `caseHistory`: the search's
 * `page.after` cursor), up to its cap, the newest kept and the rest said to be left out: a real embedded engine with
 * a case of 250 completed tasks (a multi-instance user task, all completed within a few milliseconds: many share a
 * completion time, the cursor's tie-breaker tells them apart), read through the web apps' /v2 client. The client
 * talks to a small HTTP server that hands its requests on to the engine with the demo admin's HTTP Basic (as the web
 * apps' session layer does with the clerk's session) and counts the searches. Cap and page size are scaled down
 * beside the real ones (1,000 and 200) so a test case stays small.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserTask } from '../../web-shared/src/api/camunda-types.js';
import { V2Client } from '../../web-shared/src/api/v2-client.js';
import { caseHistory } from '../../web-tasklist/src/case-data.js';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { startEngine, type EngineFixture } from '../support/engine-fixture.js';

const TASKS = 250;
const PROCESS_ID = 'long-case';

let engine: EngineFixture;
let proxy: Server;
let client: V2Client;
let caseKey = '';
/** The case's completed tasks as the engine lists them, newest first (read in one page). */
let newestFirst: UserTask[] = [];
let searches: { limit?: number; after?: string }[] = [];

beforeAll(async () => {
  engine = await startEngine();
  const bpmn = bpmnProcess(
    PROCESS_ID,
    `<bpmn:startEvent id="start"/>
     <bpmn:userTask id="step" name="复核"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements>
       <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=for i in 1..${TASKS} return i" inputElement="round"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
     </bpmn:userTask>
     <bpmn:endEvent id="end"/>${flow('f1', 'start', 'step')}${flow('f2', 'step', 'end')}`,
  );
  const form = new FormData();
  form.append('resources', new Blob([bpmn], { type: 'application/xml' }), `${PROCESS_ID}.bpmn`);
  expect((await engine.fetch('/v2/deployments', { method: 'POST', body: form })).status).toBe(200);
  caseKey = ((await (await post('/v2/process-instances', { processDefinitionId: PROCESS_ID })).json()) as { processInstanceKey: string }).processInstanceKey;
  // every round's task completed, as a clerk would
  const open = await searchTasks('CREATED');
  expect(open).toHaveLength(TASKS);
  for (const task of open) expect((await post(`/v2/user-tasks/${task.userTaskKey}/completion`, {})).status).toBe(204);
  // (expect.poll works inside a test only)
  await vi.waitFor(async () => expect(await searchTasks('COMPLETED'), 'the completions did not show in the search').toHaveLength(TASKS), { timeout: 30_000 });
  newestFirst = await searchTasks('COMPLETED', [{ field: 'completionDate', order: 'desc' }]);

  proxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.url === '/v2/user-tasks/search') searches.push((JSON.parse(body.toString()) as { page: { limit?: number; after?: string } }).page);
      engine
        .fetch(request.url!, { method: request.method, headers: { 'content-type': request.headers['content-type'] ?? 'application/json' }, ...(body.length > 0 && { body }) })
        .then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  client = new V2Client(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
}, 120_000);

afterAll(async () => {
  // (not started when the set-up failed before it: a close of none would never call back, and the hook time out)
  if (proxy) await new Promise((resolve) => proxy.close(resolve));
  await engine?.stop();
});

describe('the 办理记录 of a long case', { timeout: 60_000 }, () => {
  it('should show every completed task, read a page at a time, oldest first', async () => {
    // given a case with 250 completed tasks
    searches = [];

    // when the task page reads its 办理记录 (cap 1,000, pages of 200)
    const read = await caseHistory(client, caseKey);

    // then all 250 are there, each once, oldest first, and nothing is said left out
    expect(read.entries.map((entry) => entry.task.userTaskKey)).toEqual(newestFirst.map((task) => task.userTaskKey).reverse());
    expect(read.leftOut).toBeUndefined();
    // read in two pages, the second after the first's last task
    expect(searches.map(({ limit, after }) => [limit, after !== undefined])).toEqual([
      [200, false],
      [200, true],
    ]);
  });

  it('should show the newest up to the cap, and say how many were left out', async () => {
    // given the same case, read with a cap of 120 in pages of 50
    searches = [];
    const read = await caseHistory(client, caseKey, undefined, { cap: 120, page: 50 });

    // then the newest 120 are shown, oldest of them first, and the page is told 120 of 250
    expect(read.entries.map((entry) => entry.task.userTaskKey)).toEqual(
      newestFirst
        .slice(0, 120)
        .map((task) => task.userTaskKey)
        .reverse(),
    );
    expect(read.leftOut).toEqual({ shown: 120, total: 250 });
    // no more read than shown
    expect(searches.map(({ limit }) => limit)).toEqual([50, 50, 20]);
  });

  it('should say nothing left out when the case has exactly as many as the cap', async () => {
    const read = await caseHistory(client, caseKey, undefined, { cap: TASKS, page: 100 });
    expect(read.entries).toHaveLength(TASKS);
    expect(read.leftOut).toBeUndefined();
  });
});

function post(path: string, body: unknown): Promise<Response> {
  return engine.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function searchTasks(state: string, sort?: { field: string; order: string }[]): Promise<UserTask[]> {
  const answer = await post('/v2/user-tasks/search', { filter: { processInstanceKey: caseKey, state }, ...(sort && { sort }), page: { limit: 1000 } });
  return ((await answer.json()) as { items: UserTask[] }).items;
}
