/**
 * Conformance: process definitions (search, get, BPMN XML, start form) through CamundaRestClient.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { problemOf } from '../support/problem-of.js';

const KEY = /^\d+$/;

let engine: EngineFixture;
const processId = `definitions-${randomUUID()}`;
const formId = `start-form-${randomUUID()}`;
const formSchema = JSON.stringify({ id: formId, type: 'default', schemaVersion: 17, components: [{ type: 'textfield', id: 'F1', key: 'name', label: '申请人姓名' }] });
const xmlV1 = definition(processId, '医保关系转移接续（一）');
const xmlV2 = definition(processId, '医保关系转移接续（二）');
const withStartForm = `definitions-form-${randomUUID()}`;
const keys: string[] = [];
let formProcessKey = '';

beforeAll(async () => {
  engine = await startEngine();
  keys.push((await deploy(engine.client, [{ name: 'transfer.bpmn', content: xmlV1 }])).processes[0]!.processDefinitionKey);
  keys.push((await deploy(engine.client, [{ name: 'transfer.bpmn', content: xmlV2 }])).processes[0]!.processDefinitionKey);
  const formDeployment = await deploy(engine.client, [
    { name: 'start.form', content: formSchema },
    {
      name: 'with-start-form.bpmn',
      content: bpmnProcess(
        withStartForm,
        `<bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:formDefinition formId="${formId}"/></bpmn:extensionElements></bpmn:startEvent>
         <bpmn:endEvent id="end"/>${flow('f1', 'start', 'end')}`,
      ),
    },
  ]);
  formProcessKey = formDeployment.processes[0]!.processDefinitionKey;
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/process-definitions/search', () => {
  it('should find every version of a process id with string keys and numeric versions', async () => {
    // given
    const filter = { processDefinitionId: processId };

    // when
    const result = await engine.client.searchProcessDefinitions({ filter, sort: [{ field: 'version', order: 'ASC' }] });

    // then
    expect(result.page.totalItems).toBe(2);
    expect(result.items.map((d) => [d.version, d.processDefinitionKey, d.name])).toEqual([
      [1, keys[0], '医保关系转移接续（一）'],
      [2, keys[1], '医保关系转移接续（二）'],
    ]);
    for (const item of result.items) {
      expect(item).toMatchObject({ processDefinitionId: processId, resourceName: 'transfer.bpmn', tenantId: '<default>' });
      expect(item.processDefinitionKey).toMatch(KEY);
      expect(typeof item.version).toBe('number');
    }
    expect(typeof result.page.startCursor).toBe('string');
    expect(typeof result.page.endCursor).toBe('string');
  });

  it('should sort by version descending and page with from/limit', async () => {
    // given
    const filter = { processDefinitionId: processId };

    // when
    const first = await engine.client.searchProcessDefinitions({ filter, sort: [{ field: 'version', order: 'DESC' }], page: { from: 0, limit: 1 } });
    const second = await engine.client.searchProcessDefinitions({ filter, sort: [{ field: 'version', order: 'DESC' }], page: { from: 1, limit: 1 } });

    // then
    expect(first.page.totalItems).toBe(2);
    expect(first.items.map((d) => d.version)).toEqual([2]);
    expect(second.items.map((d) => d.version)).toEqual([1]);
  });

  it('should filter the latest version with isLatestVersion', async () => {
    // given
    const filter = { processDefinitionId: processId, isLatestVersion: true } as never;

    // when
    const result = await engine.client.searchProcessDefinitions({ filter });

    // then
    expect(result.items.map((d) => d.processDefinitionKey)).toEqual([keys[1]]);
  });

  it('should report hasStartForm', async () => {
    // given
    const filter = { processDefinitionId: withStartForm };

    // when
    const result = await engine.client.searchProcessDefinitions({ filter });

    // then
    expect((result.items[0] as unknown as { hasStartForm: boolean }).hasStartForm).toBe(true);
    const other = await engine.client.searchProcessDefinitions({ filter: { processDefinitionId: processId } });
    expect((other.items[0] as unknown as { hasStartForm: boolean }).hasStartForm).toBe(false);
  });
});

describe('GET /v2/process-definitions/{key}', () => {
  it('should answer the definition', async () => {
    // given
    const key = keys[0]!;

    // when
    const definition = await engine.client.getProcessDefinition(key);

    // then
    expect(definition).toMatchObject({
      processDefinitionKey: key,
      processDefinitionId: processId,
      name: '医保关系转移接续（一）',
      version: 1,
      resourceName: 'transfer.bpmn',
      tenantId: '<default>',
    });
  });

  it('should answer 404 with a problem for an unknown key', async () => {
    // given
    const unknown = '2251799813999989';

    // when
    const problem = await problemOf(engine.client.getProcessDefinition(unknown));

    // then
    expect(problem.status).toBe(404);
    expect(problem.contentType).toMatch(/^application\/problem\+json/);
    expect(problem.body).toMatchObject({ type: 'about:blank', status: 404, title: 'NOT_FOUND', instance: `/v2/process-definitions/${unknown}` });
  });

  it('should answer 400 with a problem for a non-numeric key', async () => {
    // given
    const key = 'transfer';

    // when
    const problem = await problemOf(engine.client.getProcessDefinition(key));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('processDefinitionKey');
  });
});

describe('GET /v2/process-definitions/{key}/xml', () => {
  it('should answer the deployed XML of each version unchanged', async () => {
    // given
    const [v1, v2] = keys;

    // when
    const xml1 = await engine.client.getProcessDefinitionXML(v1!);
    const xml2 = await engine.client.getProcessDefinitionXML(v2!);

    // then
    expect(xml1).toBe(xmlV1);
    expect(xml2).toBe(xmlV2);
  });

  it('should answer with an XML content type', async () => {
    // given
    const key = keys[1]!;

    // when
    const response = await engine.fetch(`/v2/process-definitions/${key}/xml`);

    // then
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await response.text()).toContain('医保关系转移接续（二）');
  });

  it('should answer 404 for an unknown key', async () => {
    // given
    const unknown = '2251799813999988';

    // when
    const problem = await problemOf(engine.client.getProcessDefinitionXML(unknown));

    // then
    expect(problem.status).toBe(404);
  });
});

describe('GET /v2/process-definitions/{key}/form', () => {
  it('should answer the start form with its schema as a string', async () => {
    // given
    const key = formProcessKey;

    // when
    const form = await engine.client.callApiEndpoint<never, Record<string, unknown>>({ method: 'GET', urlPath: `process-definitions/${key}/form` });

    // then
    expect(form).toMatchObject({ formId, version: 1, tenantId: '<default>' });
    expect(form.formKey).toMatch(KEY);
    expect(form.schema).toBe(formSchema);
  });

  it('should answer 204 when the process has no start form', async () => {
    // given
    const key = keys[0]!;

    // when
    const response = await engine.fetch(`/v2/process-definitions/${key}/form`);

    // then
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});

// helpers

function definition(id: string, name: string): string {
  return bpmnProcess(id, `<bpmn:startEvent id="start" name="开始"/><bpmn:endEvent id="end" name="结束"/>${flow('f1', 'start', 'end')}`, name);
}
