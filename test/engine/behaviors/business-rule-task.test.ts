/**
 * Business rule task with `zeebe:calledDecision`, black-box through @camunda8/sdk (Zeebe's BusinessRuleTaskTest):
 * evaluation into the result variable, binding types, CALLED_DECISION_ERROR and DECISION_EVALUATION_ERROR
 * incidents that are resolved after the cause is fixed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { decisionTable, dmnDefinitions } from '../../support/dmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';
import { problemOf } from '../../support/problem-of.js';

let engine: EngineFixture;
const { events, lifecycleOf, stateOf, variablesIn, activeIncidents } = instanceProbes(() => engine);
const { startInstance, activateJob } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('business rule task with a called decision', () => {
  it('should evaluate the latest decision with the visible variables and propagate the result variable', async () => {
    // given
    const { processId, decisionId } = await deployRuleProcess();

    // when
    const key = await startInstance(processId, { reason: '出国定居' });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ reason: '出国定居', proofs: ['护照', '定居证明'] });
    expect(lifecycleOf(key, 'rules')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(events(key).filter((e) => e.valueType === 'JOB')).toEqual([]);
    const evaluation = events(key).find((e) => e.valueType === 'DECISION_EVALUATION');
    expect(evaluation?.intent).toBe('EVALUATED');
    const { items } = await engine.camunda
      .getOrchestrationClusterApiClientLoose()
      .searchDecisionInstances({ filter: { processInstanceKey: key as never } }, { consistency: { waitUpToMs: 0 } });
    expect(items!.map((i) => [i.decisionDefinitionId, i.state, i.result])).toEqual([[decisionId, 'EVALUATED', '["护照","定居证明"]']]);
  });

  it("should use the decision deployed with the process for bindingType 'deployment', and the tagged one for 'versionTag'", async () => {
    // given
    const decisionId = `proofs_${randomUUID().replace(/-/g, '_')}`;
    const drgId = `drd-${randomUUID()}`;
    const deploymentBound = `deployment-${randomUUID()}`;
    const tagBound = `tag-${randomUUID()}`;
    await deploy(engine.client, [
      { name: 'p.bpmn', content: ruleProcess(deploymentBound, decisionId, `bindingType="deployment"`) },
      { name: 'r.dmn', content: dmnDefinitions(drgId, [proofsTable(decisionId, '"v1"', 'release-1')]) },
    ]);
    await deploy(engine.client, [
      { name: 't.bpmn', content: ruleProcess(tagBound, decisionId, `bindingType="versionTag" versionTag="release-1"`) },
      { name: 'r.dmn', content: dmnDefinitions(drgId, [proofsTable(decisionId, '"v2"', 'release-2')]) },
    ]);

    // an unchanged DMN deployed with a new process is no new version, but still "the one of this deployment"
    const withUnchanged = `unchanged-${randomUUID()}`;
    await deploy(engine.client, [
      { name: 'u.bpmn', content: ruleProcess(withUnchanged, decisionId, `bindingType="deployment"`) },
      { name: 'r.dmn', content: dmnDefinitions(drgId, [proofsTable(decisionId, '"v2"', 'release-2')]) },
    ]);

    // when
    const byDeployment = await startInstance(deploymentBound, { reason: '出国定居' });
    const byTag = await startInstance(tagBound, { reason: '出国定居' });
    const byUnchanged = await startInstance(withUnchanged, { reason: '出国定居' });
    const latest = await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: { reason: '出国定居' } });

    // then
    expect((await variablesIn(byDeployment)).proofs).toEqual(['v1']);
    expect((await variablesIn(byUnchanged)).proofs).toEqual(['v2']);
    expect((await variablesIn(byTag)).proofs).toEqual(['v1']);
    expect(latest.output).toBe('["v2"]');
  });

  it('should raise CALLED_DECISION_ERROR when the decision is not deployed, and continue once it is and the incident is resolved', async () => {
    // given
    const decisionId = `later_${randomUUID().replace(/-/g, '_')}`;
    const processId = `missing-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'm.bpmn', content: ruleProcess(processId, decisionId) }]);
    const key = await startInstance(processId, { reason: '死亡' });
    const [incident] = await activeIncidents(key);

    // when
    await deploy(engine.client, [{ name: 'later.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [proofsTable(decisionId, '"死亡证明"')]) }]);
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(incident).toMatchObject({ errorType: 'CALLED_DECISION_ERROR', elementId: 'rules' });
    expect(incident!.errorMessage).toContain(decisionId);
    expect(await stateOf(key)).toBe('COMPLETED');
    expect((await variablesIn(key)).proofs).toEqual(['死亡证明']);
  });

  it('should raise DECISION_EVALUATION_ERROR for a failed evaluation, and evaluate again after the variable is fixed and the incident resolved', async () => {
    // given
    const { processId } = await deployRuleProcess();
    const key = await startInstance(processId, { reason: 42 });
    const [incident] = await activeIncidents(key);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { reason: '死亡' } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(incident).toMatchObject({ errorType: 'DECISION_EVALUATION_ERROR', elementId: 'rules' });
    expect(incident!.errorMessage).toMatch(/expected to be of type 'string', but was 42$/);
    expect(await stateOf(key)).toBe('COMPLETED');
    expect((await variablesIn(key)).proofs).toEqual(['死亡证明', '继承人身份证明']);
    expect(events(key).filter((e) => e.valueType === 'DECISION_EVALUATION').map((e) => e.intent)).toEqual(['FAILED', 'EVALUATED']);
  });

  it('should still hand a business rule task without a called decision to a job worker', async () => {
    // given
    const processId = `job-rule-${randomUUID()}`;
    const type = `rule-job-${randomUUID()}`;
    await deploy(engine.client, [
      {
        name: 'job.bpmn',
        content: bpmnProcess(
          processId,
          `<bpmn:startEvent id="s"/><bpmn:businessRuleTask id="rules"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements></bpmn:businessRuleTask>
           <bpmn:endEvent id="e"/>${flow('f1', 's', 'rules')}${flow('f2', 'rules', 'e')}`,
        ),
      },
    ]);

    // when
    const key = await startInstance(processId);
    const job = await activateJob(type, key);

    // then
    expect(job.elementId).toBe('rules');
  });

  it('should reject a business rule task with neither a called decision nor a job type at deployment', async () => {
    // given
    const content = bpmnProcess(`bad-${randomUUID()}`, `<bpmn:startEvent id="s"/><bpmn:businessRuleTask id="rules"/>${flow('f', 's', 'rules')}`);

    // when
    const problem = await problemOf(deploy(engine.client, [{ name: 'bad.bpmn', content }]));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toMatch(/rules.*zeebe:calledDecision/);
  });
});

// helpers

async function deployRuleProcess() {
  const decisionId = `proofs_${randomUUID().replace(/-/g, '_')}`;
  const processId = `rule-${randomUUID()}`;
  await deploy(engine.client, [
    { name: 'rule.bpmn', content: ruleProcess(processId, decisionId) },
    { name: 'proofs.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [proofsTable(decisionId)]) },
  ]);
  return { processId, decisionId };
}

function ruleProcess(processId: string, decisionId: string, binding = ''): string {
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="s"/>
     <bpmn:businessRuleTask id="rules" name="确定所需材料"><bpmn:extensionElements>
       <zeebe:calledDecision decisionId="${decisionId}" resultVariable="proofs" ${binding}/>
     </bpmn:extensionElements></bpmn:businessRuleTask>
     <bpmn:endEvent id="e"/>${flow('f1', 's', 'rules')}${flow('f2', 'rules', 'e')}`,
  );
}

/** FC10-like: which proofs a withdrawal reason needs (COLLECT). */
function proofsTable(decisionId: string, override?: string, versionTag?: string): string {
  return decisionTable({
    id: decisionId,
    hitPolicy: 'COLLECT',
    versionTag,
    inputs: [{ label: '支取原因', expression: 'reason', typeRef: 'string' }],
    outputs: [{ name: 'proof', typeRef: 'string' }],
    rules: override
      ? [{ inputs: ['-'], outputs: [override] }]
      : [
          { inputs: ['"出国定居"'], outputs: ['"护照"'] },
          { inputs: ['"出国定居"'], outputs: ['"定居证明"'] },
          { inputs: ['"死亡"'], outputs: ['"死亡证明"'] },
          { inputs: ['"死亡"'], outputs: ['"继承人身份证明"'] },
        ],
  });
}
