/**
 * FEEL that loops, recurses or backtracks is stopped after a second and becomes an incident; the deployment of
 * such a model is not held up, and the engine keeps serving other cases meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEL_TIME_LIMIT_MS, FeelTimeLimitExceeded, mayRunLong, withinTimeLimit } from '../../../engine/feel/evaluation-time-limit.js';
import { bpmnProcess, escapeXml, flow } from '../../support/bpmn.js';
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
