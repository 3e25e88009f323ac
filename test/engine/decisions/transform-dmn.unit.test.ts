/**
 * DMN XML → executable decision (engine/decisions/transform-dmn): what the compiled table keeps beside what it
 * evaluates. The rule annotations (Camunda Modeler's 「Annotations」 column) carry each row's source in bpmn/*.dmn.
 */
import { describe, expect, it } from 'vitest';
import { evaluateDecision } from '../../../engine/decisions/evaluate-decision.js';
import { transformDmn } from '../../../engine/decisions/transform-dmn.js';
import { decisionTable, dmnDefinitions } from '../../support/dmn.js';

describe('transformDmn', () => {
  it('should keep each rule\'s annotation, trimmed, and leave a rule without one undefined, without changing the result', async () => {
    // given
    const xml = dmnDefinitions('d', [
      decisionTable({
        id: 'limit',
        hitPolicy: 'UNIQUE',
        inputs: [{ expression: 'item', typeRef: 'string' }],
        outputs: [{ name: 'days', typeRef: 'number' }],
        rules: [
          { inputs: ['"a"'], outputs: ['5'], annotation: '  廊坊清单 不超过5个工作日 [national]  ' },
          { inputs: ['"b"'], outputs: ['15'] },
        ],
      }),
    ]);

    // when
    const drg = await transformDmn(xml);
    const result = evaluateDecision(drg, 'limit', { item: 'a' }, Date.parse('2026-03-02T01:00:00Z'));

    // then
    expect(drg.decisions.get('limit')?.table?.rules.map((rule) => rule.annotation)).toEqual(['廊坊清单 不超过5个工作日 [national]', undefined]);
    expect(result.output).toBe(5);
  });
});
