/**
 * Conformance: the decision evaluation history (POST /v2/decision-instances/search, GET /v2/decision-instances/{key})
 * through the SDK's Orchestration Cluster client.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decisionTable, dmnDefinitions } from '../support/dmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { SEARCHES } from '../support/searches.js';
import { problemOf } from '../support/problem-of.js';

const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

const oca = () => engine.camunda.getOrchestrationClusterApiClientLoose();

describe('decision instances', () => {
  it('should list every evaluation, failed ones with their failure, filtered by decision and state', async () => {
    // given
    const decisionId = `days-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'days.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [daysTable(decisionId)]) }]);
    const ok = await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: { kind: '顺产' } });
    await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: { kind: 3 } });
    await expect.poll(async () => (await oca().searchDecisionInstances({ filter: { decisionDefinitionId: decisionId as never } }, NO_WAIT)).page.totalItems).toBe(2);

    // when
    const all = await oca().searchDecisionInstances({ filter: { decisionDefinitionId: decisionId as never }, sort: [{ field: 'evaluationDate' }] }, NO_WAIT);
    const failed = await oca().searchDecisionInstances({ filter: { decisionDefinitionId: decisionId as never, state: 'FAILED' } }, NO_WAIT);

    // then
    expect(all.page.totalItems).toBe(2);
    expect(all.items!.map((i) => i.state).sort()).toEqual(['EVALUATED', 'FAILED']);
    const evaluated = all.items!.find((i) => i.state === 'EVALUATED')!;
    expect(evaluated).toMatchObject({
      decisionEvaluationInstanceKey: ok.decisionInstanceKey,
      decisionEvaluationKey: (ok as unknown as { decisionEvaluationKey: string }).decisionEvaluationKey,
      decisionDefinitionId: decisionId,
      decisionDefinitionName: '生育假天数',
      decisionDefinitionVersion: 1,
      decisionDefinitionType: 'DECISION_TABLE',
      decisionDefinitionKey: ok.decisionDefinitionKey,
      result: '98',
      tenantId: '<default>',
    });
    expect(evaluated.evaluationDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(failed.items).toHaveLength(1);
    expect(failed.items![0]!.evaluationFailure).toMatch(/expected to be of type 'string'/);
  });

  it('should get one decision instance with its evaluated inputs and matched rules', async () => {
    // given
    const decisionId = `days-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'days.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [daysTable(decisionId)]) }]);
    const { decisionInstanceKey } = await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: { kind: '难产' } });

    // when
    const instance = await vi.waitFor(() => oca().getDecisionInstance({ decisionEvaluationInstanceKey: decisionInstanceKey as never }, NO_WAIT), SEARCHES);

    // then
    expect(instance).toMatchObject({
      decisionEvaluationInstanceKey: decisionInstanceKey,
      state: 'EVALUATED',
      result: '113',
      evaluatedInputs: [{ inputId: `${decisionId}_in0`, inputName: '生育类型', inputValue: '"难产"' }],
      matchedRules: [{ ruleId: `${decisionId}_rule2`, ruleIndex: 2, evaluatedOutputs: [{ outputName: 'days', outputValue: '113' }] }],
    });
  });

  it('should answer 404 for an unknown decision instance and 400 for a malformed key', async () => {
    // given
    const unknown = '2251799813999990-1';

    // when
    const missing = await problemOf(engine.client.callApiEndpoint({ method: 'GET', urlPath: `decision-instances/${unknown}` }));
    const malformed = await problemOf(engine.client.callApiEndpoint({ method: 'GET', urlPath: 'decision-instances/abc' }));

    // then
    expect(missing.status).toBe(404);
    expect(malformed.status).toBe(400);
  });
});

// helpers

/** FC18-like: maternity leave days per kind of birth. */
function daysTable(id: string): string {
  return decisionTable({
    id,
    name: '生育假天数',
    inputs: [{ label: '生育类型', expression: 'kind', typeRef: 'string' }],
    outputs: [{ name: 'days', typeRef: 'number' }],
    rules: [
      { inputs: ['"顺产"'], outputs: ['98'] },
      { inputs: ['"难产"'], outputs: ['113'] },
    ],
  });
}
