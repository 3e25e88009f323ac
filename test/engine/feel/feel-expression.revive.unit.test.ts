/**
 * Compiled FEEL crosses from the deployment parser's thread as a structured clone (engine/processor/
 * deployment-parser.ts): the clone keeps every field but no prototype, and reviveFeel puts it back wherever the
 * expressions sit — in objects, arrays, Maps and Sets, shared and in cycles — so they evaluate as before.
 */
import { describe, expect, it } from 'vitest';
import { compileFeel, compileFeelText, compileUnaryTests, reviveFeel, type FeelExpression, type FeelTextExpression, type FeelUnaryTests } from '../../../engine/feel/feel-expression.js';

const NOW = Date.parse('2026-12-04T08:00:00Z');

describe('reviveFeel', () => {
  it('should restore cloned expressions, unary tests and DMN text in nested Maps, Sets, arrays, shared references and cycles', () => {
    // given
    const shared = compileFeel('=amount * 2');
    const graph: Record<string, unknown> = {
      flows: new Map([['f1', { condition: shared }]]),
      mapping: [{ source: shared }, { source: compileFeel('static text') }, { source: compileFeel('=for i in 1..3 return i') }],
      inputs: new Set([compileUnaryTests('> 10'), compileUnaryTests('-')]),
      output: compileFeelText('days + 1'),
    };
    graph.self = graph;

    // when
    const clone = structuredClone(graph);
    const evaluateBeforeRevive = () => ((clone.flows as Map<string, { condition: FeelExpression }>).get('f1')!.condition.evaluate({ amount: 1 }, NOW));
    expect(evaluateBeforeRevive).toThrow(TypeError);
    reviveFeel(clone);

    // then
    const flows = clone.flows as Map<string, { condition: FeelExpression }>;
    const mapping = clone.mapping as { source: FeelExpression }[];
    const [entry, any] = [...(clone.inputs as Set<FeelUnaryTests>)];
    expect(flows.get('f1')!.condition.evaluate({ amount: 21 }, NOW)).toBe(42);
    expect(flows.get('f1')!.condition).toBe(mapping[0]!.source);
    expect(mapping[1]!.source.evaluate({}, NOW)).toBe('static text');
    expect(mapping[2]!.source.evaluate({}, NOW)).toEqual([1, 2, 3]);
    expect(entry!.test(11, {}, NOW)).toBe(true);
    expect(entry!.test(9, {}, NOW)).toBe(false);
    expect(any!.matchesAnything && any!.test('x', {}, NOW)).toBe(true);
    expect((clone.output as FeelTextExpression).evaluateRaw({ days: 2 }, NOW)).toBe(3);
    expect(clone.self).toBe(clone);
  });
});
