/**
 * Deployments are read and checked on the parser thread (engine/processor/deployment-parser.ts): while a model of
 * 10,000 elements deploys over real HTTP, the engine answers other requests; a deployment over its time limit is
 * refused with a 400 problem and the next one deploys. Ordering, not time, is asserted: keys are handed out in
 * command order, so a case created while the big model was being read has a key below the deployment's.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, longProcess, serviceTask } from '../../support/bpmn.js';
import { basicAuth, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const PING = bpmnProcess(
  'parser-ping',
  `<bpmn:startEvent id="start"/>${serviceTask('work', 'parser-ping')}<bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>`,
);

/** A multipart deployment body, as fetch would send it. */
async function deploymentBody(files: { name: string; content: string }[]) {
  const form = new FormData();
  for (const file of files) form.append('resources', new Blob([file.content]), file.name);
  const encoded = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get('content-type')! };
}

/** Posts a deployment; `sent` settles once the whole body is handed to the socket, `answer` with the reply. */
function postDeployment(engine: EngineFixture, { body, type }: { body: Buffer; type: string }) {
  let markSent!: () => void;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    const req = request(new URL('/v2/deployments', engine.url), { method: 'POST', headers: { 'content-type': type, 'content-length': body.length, authorization: basicAuth() } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body, markSent);
  });
  return { sent, answer };
}

async function post(engine: EngineFixture, path: string, body: unknown) {
  const response = await engine.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, path).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function deploymentCount(engine: EngineFixture): Promise<number> {
  return ((await post(engine, '/v2/process-definitions/search', { page: { limit: 1 } })) as { page: { totalItems: number } }).page.totalItems;
}

describe('deployment parser thread', () => {
  let engine: EngineFixture;

  beforeAll(async () => {
    engine = await startEngine();
    const { status } = await postDeployment(engine, await deploymentBody([{ name: 'parser-ping.bpmn', content: PING }])).answer;
    expect(status).toBe(200);
  });

  afterAll(async () => {
    await engine?.stop();
  });

  it('should answer topology, case creations and job activations while a 10,000-element model deploys', async () => {
    // given
    const big = await deploymentBody([{ name: 'parser-big.bpmn', content: longProcess('parser-big', 'parser-big', 5_000) }]);

    // when: rounds of other requests, each after the one before, from the moment the body is sent until the answer
    const deployment = postDeployment(engine, big);
    let deployed: { status: number; json: Record<string, unknown> } | undefined;
    const answered = deployment.answer.then((answer) => (deployed = answer));
    await deployment.sent;
    const rounds: { instanceKey: bigint; jobs: number; beforeDeployment: boolean }[] = [];
    while (deployed === undefined) {
      const topology = await engine.fetch('/v2/topology');
      expect(topology.status).toBe(200);
      const instance = await post(engine, '/v2/process-instances', { processDefinitionId: 'parser-ping' });
      const activated = (await post(engine, '/v2/jobs/activation', { type: 'parser-ping', worker: 'parser-test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 })) as { jobs: unknown[] };
      rounds.push({ instanceKey: BigInt(instance.processInstanceKey as string), jobs: activated.jobs.length, beforeDeployment: deployed === undefined });
    }
    const answer = await answered;

    // then: the deployment succeeded, and whole rounds were answered while its model was read (their commands
    // ran before the deployment's: smaller keys)
    expect(answer.status, JSON.stringify(answer.json).slice(0, 300)).toBe(200);
    const deploymentKey = BigInt(answer.json.deploymentKey as string);
    const duringParse = rounds.filter((r) => r.beforeDeployment && r.instanceKey < deploymentKey);
    console.log(`[parser] ${duringParse.length} of ${rounds.length} rounds (topology, case, job activation) answered while the 10,000-element model was read`);
    expect(duringParse.length).toBeGreaterThanOrEqual(3);
    expect(duringParse.every((r) => r.jobs === 1)).toBe(true);
    const definitions = (await post(engine, '/v2/process-definitions/search', { filter: { processDefinitionId: 'parser-big' } })) as { items: unknown[] };
    expect(definitions.items).toHaveLength(1);
  }, 240_000);
});

describe('deployment parser time limit', () => {
  let engine: EngineFixture;

  beforeAll(async () => {
    engine = await startEngine({ engine: { deploymentParseTimeout: 200 } });
  });

  afterAll(async () => {
    await engine?.stop();
  });

  it('should refuse a deployment that takes longer than the limit with a 400 problem and deploy the next one', async () => {
    // given
    const before = await deploymentCount(engine);

    // when
    const refused = await postDeployment(engine, await deploymentBody([{ name: 'parser-slow.bpmn', content: longProcess('parser-slow', 'parser-slow', 5_000) }])).answer;

    // then
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ title: 'INVALID_ARGUMENT', status: 400 });
    expect(refused.json.detail).toMatch(/took longer than 0\.2 s and was stopped/);
    expect(await deploymentCount(engine)).toBe(before);

    // and: the thread was replaced, the next deployment is read and written
    const next = await postDeployment(engine, await deploymentBody([{ name: 'parser-ping.bpmn', content: PING }])).answer;
    expect(next.status).toBe(200);
    expect(await deploymentCount(engine)).toBe(before + 1);
  }, 120_000);
});
