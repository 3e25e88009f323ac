/**
 * Conformance: DMN through CamundaRestClient and the SDK's Orchestration Cluster client: deploying .dmn (alone and
 * with BPMN and forms), POST /v2/decision-definitions/evaluation by id and by key for every hit policy, literal
 * expressions, required decisions (DRGs), type checks and allowed values, refusals, and search/get/XML of decision
 * definitions and decision requirements.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { decisionTable, dmnDefinitions, literalDecision, type TableSpec } from '../support/dmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { problemOf } from '../support/problem-of.js';

const KEY = /^\d+$/;
const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

const oca = () => engine.camunda.getOrchestrationClusterApiClientLoose();

describe('POST /v2/deployments with .dmn', () => {
  it('should deploy a DMN with a BPMN and a form and answer decisions and decision requirements as Camunda 8.8 does', async () => {
    // given
    const drgId = `drd-${randomUUID()}`;
    const decisionId = `decision-${randomUUID()}`;
    const processId = `with-dmn-${randomUUID()}`;
    const formId = `form-${randomUUID()}`;

    // when
    const result = await deploy(engine.client, [
      { name: 'process.bpmn', content: bpmnProcess(processId, `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${flow('f', 's', 'e')}`) },
      { name: '审核规则.dmn', content: dmnDefinitions(drgId, [nameTable(decisionId)], '审核规则') },
      { name: 'form.form', content: JSON.stringify({ id: formId, type: 'default', components: [] }) },
    ]);

    // then
    expect(result.deployments).toHaveLength(4);
    expect(result.processes).toHaveLength(1);
    expect(result.forms).toHaveLength(1);
    expect(result.decisions).toHaveLength(1);
    const [decision] = result.decisions;
    expect(decision).toMatchObject({ decisionDefinitionId: decisionId, version: 1, name: decisionId, tenantId: '<default>', decisionRequirementsId: drgId });
    expect(decision!.decisionDefinitionKey).toMatch(KEY);
    expect(decision!.decisionRequirementsKey).toMatch(KEY);
    expect(result.decisionRequirements).toHaveLength(1);
    expect(result.decisionRequirements[0]).toMatchObject({
      decisionRequirementsId: drgId,
      version: 1,
      decisionRequirementsName: '审核规则',
      resourceName: '审核规则.dmn',
      tenantId: '<default>',
      decisionRequirementsKey: decision!.decisionRequirementsKey,
    });
  });

  it('should deploy a DMN alone, version a changed one and keep the version of an unchanged one', async () => {
    // given
    const drgId = `drd-${randomUUID()}`;
    const decisionId = `decision-${randomUUID()}`;
    const first = await deploy(engine.client, [{ name: 'rules.dmn', content: dmnDefinitions(drgId, [nameTable(decisionId)]) }]);

    // when
    const same = await deploy(engine.client, [{ name: 'rules.dmn', content: dmnDefinitions(drgId, [nameTable(decisionId)]) }]);
    const changed = await deploy(engine.client, [{ name: 'rules.dmn', content: dmnDefinitions(drgId, [nameTable(decisionId, '"changed"')]) }]);

    // then
    expect(same.decisions[0]!.decisionDefinitionKey).toBe(first.decisions[0]!.decisionDefinitionKey);
    expect(same.decisions[0]!.version).toBe(1);
    expect(changed.decisions[0]!.version).toBe(2);
    expect(changed.decisionRequirements[0]!.version).toBe(2);
    expect(changed.decisions[0]!.decisionDefinitionKey).not.toBe(first.decisions[0]!.decisionDefinitionKey);
  });

  it('should reject a DMN with a FEEL syntax error with 400 naming the resource and the decision, and deploy nothing', async () => {
    // given
    const decisionId = `broken-${randomUUID()}`;
    const processId = `not-deployed-${randomUUID()}`;
    const broken = dmnDefinitions(`drd-${randomUUID()}`, [
      decisionTable({ id: decisionId, inputs: [{ expression: 'x' }], outputs: [{ typeRef: 'string' }], rules: [{ inputs: ['<<<'], outputs: ['"a"'] }] }),
    ]);

    // when
    const problem = await problemOf(
      deploy(engine.client, [
        { name: 'ok.bpmn', content: bpmnProcess(processId, `<bpmn:startEvent id="s"/>`) },
        { name: 'broken.dmn', content: broken },
      ]),
    );

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('broken.dmn');
    expect(problem.body.detail).toContain(decisionId);
    const { items } = await engine.client.searchProcessDefinitions({ filter: { processDefinitionId: processId } });
    expect(items).toEqual([]);
  });

  it.each([
    ['an unsupported decision logic', `<decision id="ctx"><context id="c1"/></decision>`, /decision logic/],
    ['a missing required decision', decisionTable({ id: 'needs', requires: ['missing'], inputs: [], outputs: [{}], rules: [] }), /required decision 'missing'/],
    ['an aggregation without COLLECT', decisionTable({ id: 'agg', hitPolicy: 'FIRST', aggregation: 'SUM', inputs: [], outputs: [{}], rules: [] }), /COLLECT/],
    ['two outputs without names', decisionTable({ id: 'two', inputs: [], outputs: [{}, {}], rules: [] }), /needs a name/],
  ])('should reject %s with 400', async (_, decision, detail) => {
    // given
    const content = dmnDefinitions(`drd-${randomUUID()}`, [decision]);

    // when
    const problem = await problemOf(deploy(engine.client, [{ name: 'bad.dmn', content }]));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toMatch(detail);
  });

  it('should reject a required-decision cycle and a decision id owned by another DRG', async () => {
    // given
    const a = `a-${randomUUID()}`;
    const b = `b-${randomUUID()}`;
    const cycle = dmnDefinitions(`drd-${randomUUID()}`, [
      literalDecision({ id: a, expression: b, requires: [b] }),
      literalDecision({ id: b, expression: a, requires: [a] }),
    ]);
    const owned = `owned-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'one.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [literalDecision({ id: owned, expression: '1' })]) }]);

    // when
    const cycleProblem = await problemOf(deploy(engine.client, [{ name: 'cycle.dmn', content: cycle }]));
    const ownedProblem = await problemOf(
      deploy(engine.client, [{ name: 'two.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [literalDecision({ id: owned, expression: '2' })]) }]),
    );

    // then
    expect(cycleProblem.status).toBe(400);
    expect(cycleProblem.body.detail).toMatch(/cycle/);
    expect(ownedProblem.status).toBe(400);
    expect(ownedProblem.body.detail).toMatch(/but it belongs to/);
  });
});

describe('POST /v2/decision-definitions/evaluation', () => {
  it('should evaluate the latest version by id with the complete result DTO', async () => {
    // given
    const decisionId = `decision-${randomUUID()}`;
    const drgId = `drd-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'test-drd.dmn', content: dmnDefinitions(drgId, [nameTable(decisionId)], 'Test DRD') }]);

    // when
    const output = await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: { name: 'camunda' } });

    // then
    expect(output).toMatchObject({
      decisionDefinitionId: decisionId,
      decisionDefinitionName: decisionId,
      decisionDefinitionVersion: 1,
      decisionRequirementsId: drgId,
      output: '"valid"',
      failedDecisionDefinitionId: '',
      failureMessage: '',
      tenantId: '<default>',
    });
    for (const key of [output.decisionDefinitionKey, output.decisionRequirementsKey]) expect(key).toMatch(KEY);
    expect(output.decisionInstanceKey).toMatch(/^\d+-1$/);
    expect(output.evaluatedDecisions).toHaveLength(1);
    const [evaluated] = output.evaluatedDecisions;
    expect(evaluated).toMatchObject({
      decisionDefinitionId: decisionId,
      decisionDefinitionVersion: 1,
      decisionDefinitionType: 'DECISION_TABLE',
      output: '"valid"',
      tenantId: '<default>',
      evaluatedInputs: [{ inputId: `${decisionId}_in0`, inputName: 'name', inputValue: '"camunda"' }],
      matchedRules: [{ ruleId: `${decisionId}_rule1`, ruleIndex: 1, evaluatedOutputs: [{ outputId: `${decisionId}_out0`, outputValue: '"valid"' }] }],
    });
  });

  it('should evaluate a given version by key, and through callApiEndpoint', async () => {
    // given
    const decisionId = `decision-${randomUUID()}`;
    const drgId = `drd-${randomUUID()}`;
    const v1 = await deploy(engine.client, [{ name: 'v.dmn', content: dmnDefinitions(drgId, [nameTable(decisionId, '"v1"')]) }]);
    await deploy(engine.client, [{ name: 'v.dmn', content: dmnDefinitions(drgId, [nameTable(decisionId, '"v2"')]) }]);

    // when
    const byKey = await engine.client.evaluateDecision({ decisionDefinitionKey: v1.decisions[0]!.decisionDefinitionKey, variables: { name: 'camunda' } });
    const raw = (await engine.client.callApiEndpoint({
      urlPath: 'decision-definitions/evaluation',
      method: 'POST',
      body: { decisionDefinitionId: decisionId, variables: { name: 'camunda' }, tenantId: '<default>' },
    })) as { output: string; decisionDefinitionVersion: number };

    // then
    expect(byKey.output).toBe('"v1"');
    expect(byKey.decisionDefinitionVersion).toBe(1);
    expect(raw.output).toBe('"v2"');
    expect(raw.decisionDefinitionVersion).toBe(2);
  });

  const hitPolicyTable = (hitPolicy: string, aggregation?: string): Omit<TableSpec, 'id'> => ({
    hitPolicy,
    aggregation,
    inputs: [{ label: '天数', expression: 'days', typeRef: 'number' }],
    outputs: [{ name: 'level', typeRef: 'string', values: '"high","medium","low"' }],
    rules: [
      { inputs: ['> 10'], outputs: ['"low"'] },
      { inputs: ['> 20'], outputs: ['"high"'] },
      { inputs: ['> 5'], outputs: ['"medium"'] },
      { inputs: ['> 100'], outputs: ['"high"'] },
    ],
  });
  const numberTable = (aggregation: string): Omit<TableSpec, 'id'> => ({
    hitPolicy: 'COLLECT',
    aggregation,
    inputs: [{ expression: 'days', typeRef: 'number' }],
    outputs: [{ name: 'allowance', typeRef: 'number' }],
    rules: [
      { inputs: ['> 10'], outputs: ['98'] },
      { inputs: ['> 20'], outputs: ['15'] },
      { inputs: ['> 5'], outputs: ['30'] },
    ],
  });

  it.each([
    ['UNIQUE with one match', { ...hitPolicyTable('UNIQUE') }, 7, '"medium"', [3]],
    ['UNIQUE with no match', { ...hitPolicyTable('UNIQUE') }, 1, 'null', []],
    ['FIRST', hitPolicyTable('FIRST'), 25, '"low"', [1]],
    ['PRIORITY', hitPolicyTable('PRIORITY'), 25, '"high"', [2]],
    ['ANY with equal outputs', hitPolicyTable('ANY'), 150, undefined, undefined],
    ['COLLECT', hitPolicyTable('COLLECT'), 25, '["low","high","medium"]', [1, 2, 3]],
    ['COLLECT with no match', hitPolicyTable('COLLECT'), 1, '[]', []],
    ['RULE ORDER', hitPolicyTable('RULE ORDER'), 25, '["low","high","medium"]', [1, 2, 3]],
    ['OUTPUT ORDER', hitPolicyTable('OUTPUT ORDER'), 25, '["high","medium","low"]', [2, 3, 1]],
    ['COLLECT SUM', numberTable('SUM'), 25, '143', [1, 2, 3]],
    ['COLLECT MIN', numberTable('MIN'), 25, '15', [1, 2, 3]],
    ['COLLECT MAX', numberTable('MAX'), 25, '98', [1, 2, 3]],
    ['COLLECT COUNT', numberTable('COUNT'), 25, '3', [1, 2, 3]],
    ['COLLECT SUM with no match', numberTable('SUM'), 1, 'null', []],
  ])('should apply the hit policy %s', async (_, table, days, expected, rules) => {
    // given
    const decisionId = `hit-${randomUUID()}`;
    const spec = table as Omit<TableSpec, 'id'>;
    // ANY: rules 2 and 4 both say "high" for days > 100, rules 1 and 3 say otherwise, so only a consistent table is used
    const anyTable = spec.hitPolicy === 'ANY' ? { ...spec, rules: [spec.rules[1]!, spec.rules[3]!] } : spec;
    await deploy(engine.client, [{ name: 'hit.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [decisionTable({ id: decisionId, ...anyTable })]) }]);

    // when
    const result = await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: { days } });

    // then
    expect(result.failureMessage).toBe('');
    if (spec.hitPolicy === 'ANY') {
      expect(result.output).toBe('"high"');
      return;
    }
    expect(result.output).toBe(expected);
    expect(result.evaluatedDecisions[0]!.matchedRules.map((r) => r.ruleIndex)).toEqual(rules);
  });

  it.each([
    ['UNIQUE with two matches', 'UNIQUE', 25, /hit policy UNIQUE: 3 rules matched/],
    ['ANY with different outputs', 'ANY', 25, /hit policy ANY/],
  ])('should fail the evaluation for %s with the failure in the result', async (_, hitPolicy, days, message) => {
    // given
    const decisionId = `violated-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'v.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [decisionTable({ id: decisionId, ...hitPolicyTable(hitPolicy) })]) }]);

    // when
    const result = await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: { days } });

    // then
    expect(result.failedDecisionDefinitionId).toBe(decisionId);
    expect(result.failureMessage).toMatch(message);
    expect(result.output).toBe('null');
  });

  it('should answer a table with several outputs as a context per rule', async () => {
    // given
    const decisionId = `multi-${randomUUID()}`;
    const table = decisionTable({
      id: decisionId,
      inputs: [{ expression: 'reason', typeRef: 'string' }],
      outputs: [
        { name: 'proofs', typeRef: 'string' },
        { name: 'days', typeRef: 'number' },
      ],
      rules: [
        { inputs: ['"出国定居"'], outputs: ['"护照、定居证明"', '20'] },
        { inputs: ['"死亡"'], outputs: ['"死亡证明、继承人身份证明"', '15'] },
      ],
    });
    await deploy(engine.client, [{ name: 'multi.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [table]) }]);

    // when
    const result = await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: { reason: '死亡' } });

    // then
    expect(JSON.parse(result.output)).toEqual({ proofs: '死亡证明、继承人身份证明', days: 15 });
  });

  it('should evaluate a literal expression and the decisions it requires, required ones first', async () => {
    // given
    // required results are variables named by the decision ids, so these ids are FEEL names (no '-')
    const suffix = randomUUID().replace(/-/g, '_');
    const base = `base_${suffix}`;
    const rate = `rate_${suffix}`;
    const total = `total_${suffix}`;
    const drg = dmnDefinitions(`drd-${randomUUID()}`, [
      literalDecision({ id: total, expression: `${base} * ${rate}`, typeRef: 'number', requires: [base, rate] }),
      literalDecision({ id: base, expression: 'wage * 12', typeRef: 'number' }),
      decisionTable({
        id: rate,
        inputs: [{ expression: 'kind', typeRef: 'string' }],
        outputs: [{ typeRef: 'number' }],
        rules: [
          { inputs: ['"在职"'], outputs: ['0.02'] },
          { inputs: ['"退休"'], outputs: ['0'] },
        ],
      }),
    ]);
    await deploy(engine.client, [{ name: 'drg.dmn', content: drg }]);

    // when
    const result = await engine.client.evaluateDecision({ decisionDefinitionId: total, variables: { wage: 5000, kind: '在职' } });

    // then
    expect(result.output).toBe('1200');
    expect(result.evaluatedDecisions.map((d) => [d.decisionDefinitionId, d.decisionDefinitionType, d.output])).toEqual([
      [base, 'LITERAL_EXPRESSION', '60000'],
      [rate, 'DECISION_TABLE', '0.02'],
      [total, 'LITERAL_EXPRESSION', '1200'],
    ]);
    expect(result.evaluatedDecisions.map((d) => (d as unknown as { decisionEvaluationInstanceKey: string }).decisionEvaluationInstanceKey)).toEqual(
      [1, 2, 3].map((n) => `${result.decisionEvaluationKey}-${n}`),
    );
  });

  it.each([
    ['an input of the wrong type', { name: 42 }, /input 'name' .* expected to be of type 'string', but was 42$/],
    ['an input outside its allowed values', { name: 'other' }, /not one of its allowed values/],
  ])('should fail the evaluation for %s', async (_, variables, message) => {
    // given
    const decisionId = `typed-${randomUUID()}`;
    const table = decisionTable({
      id: decisionId,
      inputs: [{ expression: 'name', typeRef: 'string', allowed: '"camunda","zeebe"' }],
      outputs: [{ typeRef: 'string' }],
      rules: [{ inputs: ['-'], outputs: ['"ok"'] }],
    });
    await deploy(engine.client, [{ name: 'typed.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [table]) }]);

    // when
    const result = await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables });

    // then
    expect(result.failedDecisionDefinitionId).toBe(decisionId);
    expect(result.failureMessage).toMatch(message);
  });

  it('should fail the evaluation when an output does not fit its type', async () => {
    // given
    const decisionId = `out-typed-${randomUUID()}`;
    await deploy(engine.client, [
      { name: 'o.dmn', content: dmnDefinitions(`drd-${randomUUID()}`, [literalDecision({ id: decisionId, expression: '"not a number"', typeRef: 'number' })]) },
    ]);

    // when
    const result = await engine.client.evaluateDecision({ decisionDefinitionId: decisionId, variables: {} });

    // then
    expect(result.failureMessage).toMatch(/expected to be of type 'number'/);
  });

  it('should answer 404 for an unknown decision id or key, and 400 without either', async () => {
    // given
    const unknownId = `unknown-${randomUUID()}`;

    // when
    const byId = await problemOf(engine.client.evaluateDecision({ decisionDefinitionId: unknownId, variables: {} }));
    const byKey = await problemOf(engine.client.evaluateDecision({ decisionDefinitionKey: '2251799813999991', variables: {} }));
    const neither = await problemOf(engine.client.callApiEndpoint({ urlPath: 'decision-definitions/evaluation', method: 'POST', body: { variables: {} } }));

    // then
    expect(byId.status).toBe(404);
    expect(byId.body.detail).toContain(unknownId);
    expect(byKey.status).toBe(404);
    expect(neither.status).toBe(400);
  });
});

describe('decision definitions and decision requirements: search, get, XML', () => {
  it('should find decision definitions and requirements, get them by key and return the DMN XML', async () => {
    // given
    const drgId = `drd-${randomUUID()}`;
    const decisionId = `decision-${randomUUID()}`;
    const content = dmnDefinitions(drgId, [nameTable(decisionId)], '规则');
    const { decisions, decisionRequirements } = await deploy(engine.client, [{ name: 'search.dmn', content }]);
    const decisionKey = decisions[0]!.decisionDefinitionKey;
    const requirementsKey = decisionRequirements[0]!.decisionRequirementsKey;

    // when
    const definitions = await oca().searchDecisionDefinitions({ filter: { decisionDefinitionId: decisionId as never } }, NO_WAIT);
    const definition = await oca().getDecisionDefinition({ decisionDefinitionKey: decisionKey }, NO_WAIT);
    const definitionXml = await oca().getDecisionDefinitionXml({ decisionDefinitionKey: decisionKey }, NO_WAIT);
    const requirements = await oca().searchDecisionRequirements({ filter: { decisionRequirementsId: drgId } }, NO_WAIT);
    const requirementsXml = await oca().getDecisionRequirementsXml({ decisionRequirementsKey: requirementsKey }, NO_WAIT);
    const requirementsByKey = await oca().getDecisionRequirements({ decisionRequirementsKey: requirementsKey }, NO_WAIT);

    // then
    expect(definitions.items).toEqual([
      {
        decisionDefinitionKey: decisionKey,
        decisionDefinitionId: decisionId,
        name: decisionId,
        version: 1,
        decisionRequirementsId: drgId,
        decisionRequirementsKey: requirementsKey,
        tenantId: '<default>',
      },
    ]);
    expect(definitions.page.totalItems).toBe(1);
    expect(definition).toEqual(definitions.items![0]);
    expect(definitionXml).toBe(content);
    expect(requirements.items).toEqual([
      { decisionRequirementsKey: requirementsKey, decisionRequirementsId: drgId, decisionRequirementsName: '规则', version: 1, resourceName: 'search.dmn', tenantId: '<default>' },
    ]);
    expect(requirementsByKey).toEqual(requirements.items![0]);
    expect(requirementsXml).toBe(content);
  });

  it('should answer 404 for unknown keys', async () => {
    // given
    const unknown = '2251799813999993';

    // when
    const definition = await problemOf(engine.client.callApiEndpoint({ method: 'GET', urlPath: `decision-definitions/${unknown}` }));
    const xml = await problemOf(engine.client.callApiEndpoint({ method: 'GET', urlPath: `decision-requirements/${unknown}/xml` }));

    // then
    expect(definition.status).toBe(404);
    expect(xml.status).toBe(404);
  });
});

// helpers

/** The SDK suite's test decision: `name` = "camunda" → `output`. */
function nameTable(id: string, output = '"valid"'): string {
  return decisionTable({
    id,
    inputs: [{ expression: 'name', typeRef: 'string' }],
    outputs: [{ typeRef: 'string' }],
    rules: [{ inputs: ['"camunda"'], outputs: [output] }],
  });
}
