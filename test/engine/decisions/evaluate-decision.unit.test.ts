/**
 * DMN evaluation without a server (engine/decisions): hit policies on edge cases, FEEL in entries, temporal input
 * types, allowed output values and required decisions.
 */
import { describe, expect, it } from 'vitest';
import { evaluateDecision } from '../../../engine/decisions/evaluate-decision.js';
import { transformDmn } from '../../../engine/decisions/transform-dmn.js';
import { decisionTable, dmnDefinitions, literalDecision } from '../../support/dmn.js';

const NOW = Date.parse('2026-03-02T01:00:00Z');

describe('evaluateDecision', () => {
  it('should keep rule order among rules of equal priority (PRIORITY, OUTPUT ORDER)', async () => {
    // given
    const table = (hitPolicy: string) =>
      decisionTable({
        id: 'p',
        hitPolicy,
        inputs: [{ expression: 'x', typeRef: 'number' }],
        outputs: [
          { name: 'level', typeRef: 'string', values: '"high","low"' },
          { name: 'rule', typeRef: 'number' },
        ],
        rules: [
          { inputs: ['-'], outputs: ['"low"', '1'] },
          { inputs: ['-'], outputs: ['"high"', '2'] },
          { inputs: ['-'], outputs: ['"high"', '3'] },
        ],
      });

    // when
    const priority = evaluateDecision(await transformDmn(dmnDefinitions('d', [table('PRIORITY')])), 'p', { x: 1 }, NOW);
    const ordered = evaluateDecision(await transformDmn(dmnDefinitions('d', [table('OUTPUT ORDER')])), 'p', { x: 1 }, NOW);

    // then
    expect(priority.output).toEqual({ level: 'high', rule: 2 });
    expect(ordered.output).toEqual([
      { level: 'high', rule: 2 },
      { level: 'high', rule: 3 },
      { level: 'low', rule: 1 },
    ]);
  });

  it('should compare date inputs given as ISO strings with FEEL dates, and use variables in entries', async () => {
    // given
    const drg = await transformDmn(
      dmnDefinitions('d', [
        decisionTable({
          id: 'window',
          hitPolicy: 'FIRST',
          inputs: [{ expression: 'birthDate', typeRef: 'date' }],
          outputs: [{ typeRef: 'boolean' }],
          rules: [
            { inputs: ['>= date(applicationDate) - duration("P3M")'], outputs: ['true'] },
            { inputs: ['-'], outputs: ['false'] },
          ],
        }),
      ]),
    );

    // when
    const inTime = evaluateDecision(drg, 'window', { birthDate: '2026-01-10', applicationDate: '2026-03-01' }, NOW);
    const late = evaluateDecision(drg, 'window', { birthDate: '2025-10-01', applicationDate: '2026-03-01' }, NOW);
    const notADate = evaluateDecision(drg, 'window', { birthDate: '十月', applicationDate: '2026-03-01' }, NOW);

    // then
    expect(inTime.output).toBe(true);
    expect(late.output).toBe(false);
    expect(notADate.failure?.message).toMatch(/expected to be of type 'date'/);
    expect(inTime.evaluatedDecisions[0]!.evaluatedInputs[0]!.inputValue).toBe('2026-01-10');
  });

  it('should fail when a rule answers a value outside the output’s allowed values', async () => {
    // given
    const drg = await transformDmn(
      dmnDefinitions('d', [
        decisionTable({ id: 'o', inputs: [], outputs: [{ typeRef: 'string', values: '"通过","退回"' }], rules: [{ inputs: [], outputs: ['"待定"'] }] }),
      ]),
    );

    // when
    const result = evaluateDecision(drg, 'o', {}, NOW);

    // then
    expect(result.failure).toEqual({ decisionId: 'o', message: expect.stringMatching(/of type 'STRING'\) is not one of its allowed values/) });
    expect(result.output).toBeNull();
  });

  it('should stop at a failing required decision and report the decisions evaluated up to it', async () => {
    // given
    const drg = await transformDmn(
      dmnDefinitions('d', [
        literalDecision({ id: 'total', expression: 'base + 1', requires: ['base'] }),
        literalDecision({ id: 'base', expression: 'x', typeRef: 'number' }),
      ]),
    );

    // when
    const result = evaluateDecision(drg, 'total', { x: 'not a number' }, NOW);

    // then
    expect(result.failure?.decisionId).toBe('base');
    expect(result.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['base']);
  });

  it('should give null for an empty output entry and answer a single-output table by value', async () => {
    // given
    const drg = await transformDmn(
      dmnDefinitions('d', [decisionTable({ id: 'e', hitPolicy: 'COLLECT', inputs: [], outputs: [{ typeRef: 'string' }], rules: [{ inputs: [], outputs: [''] }, { inputs: [], outputs: ['"x"'] }] })]),
    );

    // when
    const result = evaluateDecision(drg, 'e', {}, NOW);

    // then
    expect(result.output).toEqual([null, 'x']);
  });
});
