/**
 * FEEL that loops, recurses or backtracks is stopped after a second and becomes an incident; the deployment of
 * such a model is not held up, and the engine keeps serving other cases meanwhile. The same holds for a DMN
 * decision table's input expressions, input entries (unary tests) and output entries: a decision evaluated
 * through the API answers its failure, a business rule task gets an incident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEL_TIME_LIMIT_MS, FeelTimeLimitExceeded, mayRunLong, withinTimeLimit } from '../../../engine/feel/evaluation-time-limit.js';
import { bpmnProcess, escapeXml, flow } from '../../support/bpmn.js';
import { decisionTable, dmnDefinitions } from '../../support/dmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;

const EXPRESSIONS = {
  loop: '=count(for i in 1..100000000 return i)',
  recursion: '={f: function(n) if n > 0 then f(n - 1) + f(n - 1) else 1, r: f(60)}.r',
  deepRecursion: '={f: function(n) if n > 0 then f(n - 1) else 0, r: f(10000000)}.r',
  backtracking: '=matches(text, "^(a+)+$")',
};

function scriptProcess(id: string, expression: string): string {
  return bpmnProcess(
    id,
    `<bpmn:startEvent id="start"/>
     <bpmn:scriptTask id="compute"><bpmn:extensionElements><zeebe:script expression="${escapeXml(expression)}" resultVariable="result"/></bpmn:extensionElements></bpmn:scriptTask>
     <bpmn:endEvent id="end"/>${flow('f1', 'start', 'compute')}${flow('f2', 'compute', 'end')}`,
  );
}

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine?.stop();
});

describe('FEEL evaluation time limit', () => {
  it('should deploy models with unbounded expressions at once', async () => {
    // when
    const started = performance.now();
    await deploy(
      engine.client,
      Object.entries(EXPRESSIONS).map(([name, expression]) => ({ name: `feel-${name}.bpmn`, content: scriptProcess(`feel-${name}`, expression) })),
    );

    // then
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  for (const name of Object.keys(EXPRESSIONS) as (keyof typeof EXPRESSIONS)[]) {
    it(`should stop the ${name} expression and raise an incident, serving other requests after it`, async () => {
      // when
      const started = performance.now();
      const { processInstanceKey } = await engine.client.createProcessInstance({
        processDefinitionId: `feel-${name}`,
        variables: { text: `${'a'.repeat(40)}!` },
      });
      const incidentOf = async () => (await engine.client.searchIncidents({ filter: { processInstanceKey } })).items[0];
      await expect.poll(incidentOf, { message: `an incident of feel-${name}`, timeout: 15_000 }).toBeDefined();
      const incident = (await incidentOf())!;
      const elapsed = performance.now() - started;

      // then
      expect(incident.elementId).toBe('compute');
      expect(incident.errorMessage).toMatch(/longer than 1000 ms|Maximum call stack/);
      expect(elapsed).toBeLessThan(FEEL_TIME_LIMIT_MS + 4_000);
      expect((await engine.client.getTopology()).clusterSize).toBe(1);
    });
  }
});

const LOOP = 'count(for i in 1..100000000 return i)';

/** One decision per place FEEL runs in a table, each looping there and plain elsewhere. */
const TABLES = {
  'input entry': { expression: 'days', entry: `? < ${LOOP}`, output: '"long"' },
  'input expression': { expression: `days + ${LOOP}`, entry: '> 0', output: '"long"' },
  'output entry': { expression: 'days', entry: '> 0', output: `${LOOP}` },
};

function loopingTable(id: string, spec: (typeof TABLES)[keyof typeof TABLES]): string {
  return decisionTable({
    id,
    inputs: [{ expression: spec.expression, typeRef: 'number' }],
    outputs: [{ name: 'result' }],
    rules: [{ inputs: [spec.entry], outputs: [spec.output] }],
  });
}

describe('FEEL evaluation time limit in decision tables', () => {
  beforeAll(async () => {
    const decisions = Object.entries(TABLES).map(([place, spec]) => loopingTable(`loop-${place.replace(' ', '-')}`, spec));
    await deploy(engine.client, [
      { name: 'feel-loops.dmn', content: dmnDefinitions('feel-loops', decisions) },
      {
        name: 'feel-loop-rule-task.bpmn',
        content: bpmnProcess(
          'feel-loop-rule-task',
          `<bpmn:startEvent id="start"/>
           <bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision decisionId="loop-input-entry" resultVariable="result"/></bpmn:extensionElements></bpmn:businessRuleTask>
           <bpmn:endEvent id="end"/>${flow('f1', 'start', 'decide')}${flow('f2', 'decide', 'end')}`,
        ),
      },
    ]);
  });

  for (const place of Object.keys(TABLES)) {
    it(`should stop a loop in an ${place} and answer the failed evaluation`, async () => {
      // when
      const result = await engine.client.evaluateDecision({ decisionDefinitionId: `loop-${place.replace(' ', '-')}`, variables: { days: 3 } });

      // then
      expect(result.failedDecisionDefinitionId).toBe(`loop-${place.replace(' ', '-')}`);
      expect(result.failureMessage).toMatch(/longer than 1000 ms/);
      expect(result.output).toBe('null');
      expect((await engine.client.getTopology()).clusterSize).toBe(1);
    });
  }

  it('should stop a loop in an input entry of a called decision and raise an incident on the business rule task', async () => {
    // when
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: 'feel-loop-rule-task', variables: { days: 3 } });
    const incidentOf = async () => (await engine.client.searchIncidents({ filter: { processInstanceKey } })).items[0];
    await expect.poll(incidentOf, { message: 'an incident of feel-loop-rule-task', timeout: 15_000 }).toBeDefined();

    // then
    const incident = (await incidentOf())!;
    expect(incident.elementId).toBe('decide');
    expect(incident.errorType).toBe('DECISION_EVALUATION_ERROR');
    expect(incident.errorMessage).toMatch(/longer than 1000 ms/);
  });
});

describe('mayRunLong', () => {
  it('should bound loops, quantifiers, functions, ranges and regular expressions, and nothing plain', () => {
    // then
    for (const risky of ['for x in xs return x', 'some x in xs satisfies x > 1', 'every x in xs satisfies x', 'function(a) a', '[1..10]', 'matches(a, b)', 'replace(a, "x", "y")', 'split(a, ",")']) {
      expect(mayRunLong(risky), risky).toBe(true);
    }
    for (const plain of ['amount > 1000', 'personName', 'date(receivedOn) + duration("P15D")', 'if approved then "通过" else "退回"', 'string length(idNumber) = 18']) {
      expect(mayRunLong(plain), plain).toBe(false);
    }
  });

  it('should stop a busy loop and pass other failures through', () => {
    // then
    expect(() => withinTimeLimit(() => {
      for (;;) {
        // spin
      }
    }, 50)).toThrow(FeelTimeLimitExceeded);
    expect(() => withinTimeLimit(() => {
      throw new TypeError('bad');
    })).toThrow(TypeError);
    expect(withinTimeLimit(() => 42)).toBe(42);
  });
});
