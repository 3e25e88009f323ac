/**
 * Conformance: POST /v2/deployments (multipart `resources`) through CamundaRestClient.deployResources: processes and
 * forms, versioning, duplicate detection, rejection problems and atomicity, UTF-8 names.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { problemOf } from '../support/problem-of.js';

const KEY = /^\d+$/;

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/deployments', () => {
  it('should deploy a .bpmn with two processes and a .form and answer with string keys and numeric versions', async () => {
    // given
    const first = `first-${randomUUID()}`;
    const second = `second-${randomUUID()}`;
    const formId = `form-${randomUUID()}`;

    // when
    const result = await deploy(engine.client, [
      { name: 'two-processes.bpmn', content: twoProcesses(first, second) },
      { name: 'approve.form', content: form(formId) },
    ]);

    // then
    expect(result.deploymentKey).toMatch(KEY);
    expect(result.tenantId).toBe('<default>');
    expect(result.processes.map((p) => p.processDefinitionId).sort()).toEqual([first, second].sort());
    for (const process of result.processes) {
      expect(process.processDefinitionKey).toMatch(KEY);
      expect(process.processDefinitionVersion).toBe(1);
      expect(process.resourceName).toBe('two-processes.bpmn');
      expect(process.tenantId).toBe('<default>');
    }
    expect(result.processes[0]!.processDefinitionKey).not.toBe(result.processes[1]!.processDefinitionKey);
    expect(result.forms).toHaveLength(1);
    expect(result.forms[0]).toMatchObject({ formId, version: 1, resourceName: 'approve.form', tenantId: '<default>' });
    expect(result.forms[0]!.formKey).toMatch(KEY);
    expect(result.deployments).toHaveLength(3);
  });

  it('should give a changed process a new version and a new key', async () => {
    // given
    const id = `versioned-${randomUUID()}`;
    const v1 = await deploy(engine.client, [{ name: 'versioned.bpmn', content: simpleProcess(id, 'first') }]);

    // when
    const v2 = await deploy(engine.client, [{ name: 'versioned.bpmn', content: simpleProcess(id, 'second') }]);

    // then
    expect(v1.processes[0]!.processDefinitionVersion).toBe(1);
    expect(v2.processes[0]!.processDefinitionVersion).toBe(2);
    expect(v2.processes[0]!.processDefinitionKey).not.toBe(v1.processes[0]!.processDefinitionKey);
  });

  it('should give a changed form a new version', async () => {
    // given
    const formId = `form-${randomUUID()}`;
    const v1 = await deploy(engine.client, [{ name: 'f.form', content: form(formId, 'first') }]);

    // when
    const v2 = await deploy(engine.client, [{ name: 'f.form', content: form(formId, 'second') }]);

    // then
    expect(v1.forms[0]!.version).toBe(1);
    expect(v2.forms[0]!.version).toBe(2);
    expect(v2.forms[0]!.formKey).not.toBe(v1.forms[0]!.formKey);
  });

  it('should NOT make a new version when the same resource name and content are deployed again', async () => {
    // given
    const id = `duplicate-${randomUUID()}`;
    const formId = `form-${randomUUID()}`;
    const resources = [
      { name: 'duplicate.bpmn', content: simpleProcess(id) },
      { name: 'duplicate.form', content: form(formId) },
    ];
    const first = await deploy(engine.client, resources);

    // when
    const again = await deploy(engine.client, resources);

    // then
    expect(again.processes[0]!.processDefinitionVersion).toBe(1);
    expect(again.processes[0]!.processDefinitionKey).toBe(first.processes[0]!.processDefinitionKey);
    expect(again.forms[0]!.version).toBe(1);
    expect(again.forms[0]!.formKey).toBe(first.forms[0]!.formKey);
    const search = await engine.client.searchProcessDefinitions({ filter: { processDefinitionId: id } });
    expect(search.page.totalItems).toBe(1);
  });

  it('should reject invalid XML with a 400 problem naming the resource', async () => {
    // given
    const name = `broken-${randomUUID()}.bpmn`;

    // when
    const problem = await problemOf(deploy(engine.client, [{ name, content: '<bpmn:definitions xmlns:bpmn="x"><oops' }]));

    // then
    expect(problem.status).toBe(400);
    expect(problem.contentType).toMatch(/^application\/problem\+json/);
    expect(problem.body).toMatchObject({ type: 'about:blank', status: 400, title: 'INVALID_ARGUMENT', instance: '/v2/deployments' });
    expect(problem.body.detail).toContain(name);
  });

  // Zeebe 8.8 supports neither element either, so this test stays valid against a real cluster
  it.each([
    ['bpmn:complexGateway', (id: string) => `<bpmn:complexGateway id="${id}"/>`],
    ['bpmn:transaction', (id: string) => `<bpmn:transaction id="${id}"><bpmn:startEvent id="${id}-start"/></bpmn:transaction>`],
  ])('should reject an unsupported %s with a 400 problem naming the element id', async (_type, element) => {
    // given
    const elementId = `Unsupported_${randomUUID().slice(0, 8)}`;
    const xml = bpmnProcess(
      `unsupported-${randomUUID()}`,
      `<bpmn:startEvent id="start"/>${element(elementId)}<bpmn:endEvent id="end"/>
       ${flow('f1', 'start', elementId)}${flow('f2', elementId, 'end')}`,
    );

    // when
    const problem = await problemOf(deploy(engine.client, [{ name: 'unsupported.bpmn', content: xml }]));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.title).toBe('INVALID_ARGUMENT');
    expect(problem.body.detail).toContain(elementId);
    expect(problem.body.detail).toContain('unsupported.bpmn');
  });

  it('should reject a resource type it cannot deploy with a 400 problem naming the resource', async () => {
    // given
    const name = `notes-${randomUUID()}.txt`;

    // when
    const problem = await problemOf(deploy(engine.client, [{ name, content: 'hello' }]));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain(name);
  });

  it('should deploy nothing when one resource of the deployment is invalid (atomic)', async () => {
    // given
    const good = `good-${randomUUID()}`;
    const goodForm = `good-form-${randomUUID()}`;
    const bad = bpmnProcess(`bad-${randomUUID()}`, `<bpmn:startEvent id="start"/><bpmn:complexGateway id="Complex_1"/>${flow('f1', 'start', 'Complex_1')}`);

    // when
    const problem = await problemOf(
      deploy(engine.client, [
        { name: 'good.bpmn', content: simpleProcess(good) },
        { name: 'good.form', content: form(goodForm) },
        { name: 'bad.bpmn', content: bad },
      ]),
    );

    // then
    expect(problem.status).toBe(400);
    const search = await engine.client.searchProcessDefinitions({ filter: { processDefinitionId: good } });
    expect(search.items).toEqual([]);
    expect(search.page.totalItems).toBe(0);
    const retry = await deploy(engine.client, [{ name: 'good.bpmn', content: simpleProcess(good) }]);
    expect(retry.processes[0]!.processDefinitionVersion).toBe(1);
  });

  it('should keep Chinese process names and resource names intact', async () => {
    // given
    const id = `chinese-${randomUUID()}`;
    const name = '职工医保在职转退休补缴审核';
    const resourceName = `在职转退休-${id}.bpmn`;

    // when
    const result = await deploy(engine.client, [{ name: resourceName, content: simpleProcess(id, undefined, name) }]);

    // then
    const definition = await engine.client.getProcessDefinition(result.processes[0]!.processDefinitionKey);
    expect(definition.name).toBe(name);
    expect(definition.resourceName).toBe(resourceName);
    expect(result.processes[0]!.resourceName).toBe(resourceName);
  });

  it('should reject a deployment without resources with a 400 problem', async () => {
    // given
    const { client } = engine;

    // when
    const problem = await problemOf(deploy(client, []));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.status).toBe(400);
  });
});

// helpers

function simpleProcess(id: string, jobType = 'noop', name = id): string {
  return bpmnProcess(
    id,
    `<bpmn:startEvent id="start"/>${serviceTask('task', jobType)}<bpmn:endEvent id="end"/>
     ${flow('f1', 'start', 'task')}${flow('f2', 'task', 'end')}`,
    name,
  );
}

function twoProcesses(first: string, second: string): string {
  const process = (id: string, n: number) => `<bpmn:process id="${id}" name="${id}" isExecutable="true">
    <bpmn:startEvent id="start${n}"/><bpmn:endEvent id="end${n}"/>${flow(`f${n}`, `start${n}`, `end${n}`)}
  </bpmn:process>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  id="definitions-two" targetNamespace="http://bpmn.io/schema/bpmn">
  ${process(first, 1)}
  ${process(second, 2)}
</bpmn:definitions>`;
}

function form(id: string, label = '审核意见'): string {
  return JSON.stringify({
    id,
    type: 'default',
    schemaVersion: 17,
    components: [{ type: 'textfield', id: 'Field_1', key: 'comment', label }],
  });
}
