/**
 * Conformance: POST /v2/resources/{key}/deletion through CamundaRestClient.deleteResource: process definitions
 * (refused while instances run), decision requirements with their decisions, forms; start events handed back to
 * the previous version.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { dmnDefinitions, literalDecision } from '../support/dmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { problemOf } from '../support/problem-of.js';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/resources/{key}/deletion', () => {
  it('should delete a process definition so that it can no longer be started, keeping its finished instances', async () => {
    // given
    const processId = `delete-${randomUUID()}`;
    const { processes } = await deploy(engine.client, [
      { name: 'delete.bpmn', content: bpmnProcess(processId, `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${flow('f', 's', 'e')}`) },
    ]);
    const key = processes[0]!.processDefinitionKey;
    const finished = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });

    // when
    await engine.client.deleteResource({ resourceKey: key });

    // then
    const problem = await problemOf(engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} }));
    expect(problem.status).toBe(404);
    expect((await problemOf(engine.client.getProcessDefinition(key))).status).toBe(404);
    await expect.poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey: finished.processInstanceKey } })).items.map((i) => i.state)).toEqual(['COMPLETED']);
  });

  it('should refuse to delete a process definition with running instances (409), and delete it once they ended', async () => {
    // given
    const processId = `running-${randomUUID()}`;
    const { processes } = await deploy(engine.client, [
      { name: 'running.bpmn', content: bpmnProcess(processId, `<bpmn:startEvent id="s"/>${serviceTask('t', `t-${randomUUID()}`)}${flow('f', 's', 't')}`) },
    ]);
    const key = processes[0]!.processDefinitionKey;
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });

    // when
    const refused = await problemOf(engine.client.deleteResource({ resourceKey: key }));
    await engine.client.cancelProcessInstance({ processInstanceKey });
    await engine.client.deleteResource({ resourceKey: key });

    // then
    expect(refused.status).toBe(409);
    expect(refused.body.title).toBe('INVALID_STATE');
    expect(refused.body.detail).toMatch(/1 running instance/);
    expect((await problemOf(engine.client.getProcessDefinition(key))).status).toBe(404);
  });

  it('should hand the start events back to the previous version when the latest one is deleted', async () => {
    // given
    const processId = `versions-${randomUUID()}`;
    const message = `start-${randomUUID()}`;
    const model = (label: string) =>
      bpmnProcess(processId, `<bpmn:startEvent id="s" name="${label}"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:startEvent id="none"/><bpmn:endEvent id="e"/>${flow('f', 's', 'e')}${flow('g', 'none', 'e')}`).replace(
        '</bpmn:definitions>',
        `<bpmn:message id="m" name="${message}"/></bpmn:definitions>`,
      );
    const v1 = await deploy(engine.client, [{ name: 'v.bpmn', content: model('v1') }]);
    const v2 = await deploy(engine.client, [{ name: 'v.bpmn', content: model('v2') }]);

    // when
    await engine.client.deleteResource({ resourceKey: v2.processes[0]!.processDefinitionKey });
    await engine.client.publishMessage({ name: message, correlationKey: '', variables: {} });
    const byId = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });

    // then
    expect(byId.processDefinitionKey).toBe(v1.processes[0]!.processDefinitionKey);
    await expect.poll(async () => (await engine.client.searchProcessInstances({ filter: { processDefinitionId: processId } })).items.map((i) => i.processDefinitionVersion)).toEqual([1, 1]);
  });

  it('should never give a new version the number of a deleted one', async () => {
    // given
    const processId = `renumber-${randomUUID()}`;
    const model = (label: string) => bpmnProcess(processId, `<bpmn:startEvent id="s" name="${label}"/><bpmn:endEvent id="e"/>${flow('f', 's', 'e')}`);
    await deploy(engine.client, [{ name: 'r.bpmn', content: model('v1') }]);
    const v2 = await deploy(engine.client, [{ name: 'r.bpmn', content: model('v2') }]);
    await engine.client.deleteResource({ resourceKey: v2.processes[0]!.processDefinitionKey });

    // when
    const v3 = await deploy(engine.client, [{ name: 'r.bpmn', content: model('v3') }]);

    // then
    expect(v3.processes[0]!.processDefinitionVersion).toBe(3);
  });

  it('should delete decision requirements with all their decisions and keep the evaluation history', async () => {
    // given
    const decisionId = `days_${randomUUID().replace(/-/g, '_')}`;
    const { decisionRequirements } = await deploy(engine.client, [
      { name: 'days.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [literalDecision({ id: decisionId, expression: '98', typeRef: 'number' })]) },
    ]);
    const evaluated = await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: {} });

    // when
    await engine.client.deleteResource({ resourceKey: decisionRequirements[0]!.decisionRequirementsKey });

    // then
    expect((await problemOf(engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: {} }))).status).toBe(404);
    const oca = engine.camunda.getOrchestrationClusterApiClientLoose();
    const wait = { consistency: { waitUpToMs: 0 } };
    expect((await oca.searchDecisionDefinitions({ filter: { decisionDefinitionId: decisionId as never } }, wait)).items).toEqual([]);
    await expect
      .poll(async () => (await oca.searchDecisionInstances({ filter: { decisionDefinitionId: decisionId as never } }, wait)).items!.map((i) => i.decisionEvaluationInstanceKey))
      .toEqual([evaluated.decisionInstanceKey]);
  });

  it('should delete a form, and answer 404 for a key that is no resource (any more)', async () => {
    // given
    const formId = `form-${randomUUID()}`;
    const { forms } = await deploy(engine.client, [{ name: 'f.form', content: JSON.stringify({ id: formId, type: 'default', components: [] }) }]);

    // when
    await engine.client.deleteResource({ resourceKey: forms[0]!.formKey });
    const again = await problemOf(engine.client.deleteResource({ resourceKey: forms[0]!.formKey }));
    const malformed = await problemOf(engine.client.deleteResource({ resourceKey: 'abc' }));

    // then
    expect(again.status).toBe(404);
    expect(again.body.detail).toContain(forms[0]!.formKey);
    expect(malformed.status).toBe(400);
  });
});
