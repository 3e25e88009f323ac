/**
 * Property-based hostile input over every body-taking route of /v2 (POST, PUT, PATCH, as the router mounts them),
 * through real HTTP as the admin (so validation, not authorization, answers): arbitrary JSON values, objects of
 * the API's own field names with values of the wrong types and unknown keys, long strings, nesting around the
 * limit, malformed JSON text, bytes that are not UTF-8, and odd path keys. For every input:
 * - no 5xx: an error is a 4xx RFC 7807 problem (`application/problem+json`, `title`, `status` equal to the
 *   answer's, `detail`);
 * - a refused input keeps nothing (the rows of every table a command writes, and the stored documents, unchanged);
 * and afterwards the engine still serves and its SQLite file passes the integrity check.
 * The count of generated inputs is printed (FUZZ_RUNS scales it).
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteReadonly } from '../../../engine/store/sqlite-file.js';
import { bpmnProcess, flow, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { assertProperty, countAnswer, countInput, printInputCounts } from '../../support/fuzz-inputs.js';

let engine: EngineFixture;
let db: ReturnType<typeof openSqliteReadonly>;
let routes: { method: string; path: string }[];
const realKeys: string[] = [];

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    {
      name: 'hostile-bodies.bpmn',
      content: bpmnProcess(
        'hostile-bodies',
        `<bpmn:startEvent id="start"/>${serviceTask('work', 'hostile-work')}
         <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
         <bpmn:endEvent id="end"/>${flow('f1', 'start', 'work')}${flow('f2', 'work', 'review')}${flow('f3', 'review', 'end')}`,
      ),
    },
  ]);
  const instance = await engine.client.createProcessInstance({ processDefinitionId: 'hostile-bodies', variables: { caseId: 'H-1' } } as never);
  realKeys.push(String(instance.processInstanceKey), String(instance.processDefinitionKey));
  db = openSqliteReadonly(join(engine.dataDir, 'engine.sqlite'));
  routes = engine.server.routes.filter((route) => ['POST', 'PUT', 'PATCH'].includes(route.method));
});

afterAll(async () => {
  db?.close();
  await engine?.stop();
  printInputCounts('hostile-bodies.property');
});

const WRITTEN_TABLES = [
  'deployments', 'process_definitions', 'process_instances', 'element_instances', 'variables', 'jobs', 'user_tasks', 'incidents',
  'timers', 'messages', 'message_subscriptions', 'signal_subscriptions', 'identity_users', 'identity_groups', 'identity_roles',
  'identity_group_members', 'identity_role_members', 'identity_authorizations', 'decision_definitions', 'decision_instances',
];

/** Every row of every table a command writes, hashed, and the stored documents. */
function snapshot(): string {
  // this connection reads the file, so the rows the engine's projection still holds are written first
  engine.server.engine.projectHeld();
  const hash = createHash('sha256');
  for (const table of WRITTEN_TABLES) hash.update(`${table}:${JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).raw().all())}\n`);
  hash.update(readdirSync(join(engine.dataDir, 'documents')).filter((name) => !name.startsWith('.')).sort().join(','));
  return hash.digest('hex');
}

// generators

/** The API's own field names, so that wrong types reach the validation of real fields. */
const FIELD = fc.constantFrom(
  'processDefinitionId', 'processDefinitionKey', 'processInstanceKey', 'variables', 'filter', 'page', 'sort', 'type', 'worker',
  'timeout', 'maxJobsToActivate', 'requestTimeout', 'retries', 'errorCode', 'errorMessage', 'name', 'correlationKey', 'messageId',
  'timeToLive', 'signalName', 'assignee', 'action', 'changeset', 'username', 'password', 'email', 'groupId', 'roleId', 'ownerId',
  'ownerType', 'resourceType', 'resourceId', 'permissionTypes', 'decisionDefinitionId', 'tenantId', 'elementId', 'local',
  'activateInstructions', 'terminateInstructions', 'mappingInstructions', 'targetProcessDefinitionKey', 'timestamp', 'limit', 'from',
  'operationReference', 'startInstructions', 'awaitCompletion', 'fetchVariables', 'candidateGroups', 'dueDate', 'priority',
);
const ODD_VALUE = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53 + 1, 1.5, '', ' ', '0', '-1', '9'.repeat(40), 'null', 'true', '\u0000', '<x/>', '=1/0', '\ud800'),
  fc.string({ minLength: 10_000, maxLength: 60_000 }),
);
const API_SHAPED = fc.dictionary(fc.oneof(FIELD, fc.string({ maxLength: 20 })), ODD_VALUE, { maxKeys: 6 });
const NESTED = fc.integer({ min: 990, max: 1_010 }).map((depth) => `{"variables":{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}}`);
const MALFORMED_TEXT = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).chain((value) => {
    const text = JSON.stringify(value) ?? 'null';
    return fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut));
  }),
  fc.constantFrom('{', '{"a":}', '[1,]', "{'a':1}", '{"a":NaN}', '{"a":1}{"b":2}', '\ufeff{"a":1}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}'),
);
const NOT_UTF8 = fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.concat([Buffer.from('{"name":"'), Buffer.from(bytes), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
const PATH_KEY = fc.oneof(
  fc.constantFrom('1', '0', '-1', '2251799813685249', '99999999999999999999999999', 'abc', 'null', '..', '%00', '%E4%B8', '张三', 'a'.repeat(300)),
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(s)),
  fc.constant('REAL'),
);

function routeWith(key: string, path: string): string {
  return `/v2${path.replace(/:[A-Za-z]+/g, () => (key === 'REAL' ? (realKeys[Math.floor(Math.random() * realKeys.length)] ?? '1') : key))}`;
}

async function send(method: string, path: string, body: string | Buffer, contentType = 'application/json') {
  const response = await engine.fetch(path, { method, headers: { 'content-type': contentType }, body: body as BodyInit, signal: AbortSignal.timeout(15_000) });
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  return { status: response.status, type, text };
}

/** The property every answer must have. */
async function answersWithoutHarm(target: string, method: string, path: string, body: string | Buffer, contentType?: string): Promise<void> {
  countInput(target);
  const before = snapshot();
  const answer = await send(method, path, body, contentType);
  countAnswer(answer.status);
  const where = `${method} ${path} → ${answer.status}: ${answer.text.slice(0, 300)}`;
  expect(answer.status, where).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(answer.type, where).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(answer.text) as { title?: unknown; status?: unknown; detail?: unknown };
    expect(typeof problem.title, where).toBe('string');
    expect(problem.status, where).toBe(answer.status);
    expect(typeof problem.detail, where).toBe('string');
    expect(snapshot(), `${where}: a refused request changed the data`).toBe(before);
  }
}

const ROUTE = () => fc.constantFrom(...routes);

describe('hostile bodies on every route (property-based)', () => {
  it('should answer arbitrary JSON values without harm', async () => {
    await assertProperty(
      fc.asyncProperty(ROUTE(), PATH_KEY, fc.jsonValue({ maxDepth: 4 }), async (route, key, value) =>
        answersWithoutHarm('arbitrary JSON', route.method, routeWith(key, route.path), JSON.stringify(value) ?? 'null'),
      ),
      250,
    );
  }, 240_000);

  it("should answer the API's field names with wrong types, unknown keys and long strings without harm", async () => {
    await assertProperty(
      fc.asyncProperty(ROUTE(), PATH_KEY, API_SHAPED, async (route, key, body) => answersWithoutHarm('wrong types and unknown keys', route.method, routeWith(key, route.path), JSON.stringify(body))),
      250,
    );
  }, 240_000);

  it('should answer malformed JSON text without harm', async () => {
    await assertProperty(
      fc.asyncProperty(ROUTE(), PATH_KEY, MALFORMED_TEXT, async (route, key, text) => answersWithoutHarm('malformed JSON', route.method, routeWith(key, route.path), text)),
      150,
    );
  }, 240_000);

  it('should answer bodies that are not UTF-8, and nesting around the 1,000-level limit, without harm', async () => {
    await assertProperty(
      fc.asyncProperty(ROUTE(), NOT_UTF8, async (route, bytes) => answersWithoutHarm('invalid UTF-8', route.method, routeWith('1', route.path), bytes)),
      100,
    );
    await assertProperty(
      fc.asyncProperty(ROUTE(), NESTED, async (route, text) => answersWithoutHarm('deep nesting', route.method, routeWith('1', route.path), text)),
      60,
    );
  }, 240_000);

  it('should answer bodies over 4 MB with 413 whatever the route', async () => {
    const huge = JSON.stringify({ variables: { scan: 'x'.repeat(4 * 1024 * 1024 + 1) } });
    await assertProperty(
      fc.asyncProperty(ROUTE(), async (route) => {
        countInput('over 4 MB');
        const answer = await send(route.method, routeWith('1', route.path), huge);
        const multipart = route.path.startsWith('/documents') || route.path === '/deployments';
        if (!multipart) expect(answer.status, `${route.method} ${route.path}`).toBe(413);
        else expect(answer.status, `${route.method} ${route.path}`).toBeLessThan(500);
        expect(answer.type).toMatch(/^application\/problem\+json/);
      }),
      12,
    );
  }, 240_000);

  it('should keep serving, with an intact database, after all of it', async () => {
    const topology = await engine.fetch('/v2/topology');
    expect(topology.status).toBe(200);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
