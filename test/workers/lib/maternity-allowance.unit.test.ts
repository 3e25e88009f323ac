import { describe, expect, it } from 'vitest';
import { InvalidInputError, NoEffectiveParametersError } from '../../../workers/lib/errors.js';
import { calculateMaternityAllowance, type MaternityLeaveComponent } from '../../../workers/lib/maternity-allowance.js';
import { loadMaternityParameters, type MaternityParameters } from '../../../workers/lib/maternity-parameters.js';
import { unverifiedParameterPaths } from '../../../workers/lib/versioned-parameters.js';

const parameters: MaternityParameters = {
  parameterSet: 'maternity-allowance',
  poolingRegion: 'test',
  versions: [
    {
      id: 'test-2012',
      effectiveFrom: '2012-04-28',
      dailyDivisor: { value: '30', verified: false, source: 'test' },
      rounding: { value: 'ROUND_HALF_UP', verified: true, source: 'test' },
    },
  ],
};

/** Rows as the decision table maternity-leave-days answers them. */
const row = (component: string, days: number, verified = true): MaternityLeaveComponent => ({ component, days, verified });
const singleBirth = [row('baseLeave', 98), row('provincialExtraLeave', 0, false)];

function allowance(leave: readonly MaternityLeaveComponent[], wage: string, eventDate = '2026-03-02') {
  return calculateMaternityAllowance({ eventDate, leave, employerAverageMonthlyWage: wage }, parameters);
}

describe('calculateMaternityAllowance', () => {
  it('should pay the days of the table rows at the employer average wage', () => {
    // given / when
    const result = allowance(singleBirth, '9000.00');

    // then 9000 ÷ 30 × 98
    expect(result).toMatchObject({ parameterVersion: 'test-2012', days: 98, dailyDivisor: '30', allowanceAmount: '29400.00' });
  });

  it('should add up every row: 产假, 难产 and each additional infant', () => {
    // given twins with difficult labour
    const leave = [row('baseLeave', 98), row('difficultLabour', 15), row('additionalInfants', 15)];

    // when
    const result = allowance(leave, '9000.00');

    // then
    expect(result).toMatchObject({ days: 128, allowanceAmount: '38400.00' });
  });

  it('should list the unverified divisor and every unverified row of the table', () => {
    // given / when
    const result = allowance(singleBirth, '9000.00');

    // then
    expect(result.unverifiedParameters).toEqual(['dailyDivisor', 'maternity-leave-days.provincialExtraLeave']);
  });

  it('should round only the final amount to the fen', () => {
    // given 7654.32 ÷ 30 = 255.144 per day
    // when
    const result = allowance(singleBirth, '7654.32');

    // then 255.144 × 98 = 25004.112
    expect(result.allowanceAmount).toBe('25004.11');
  });

  it('should pay a family-planning operation the days of its row', () => {
    // given / when
    const result = allowance([row('tubalLigation', 21, false)], '9000.00');

    // then
    expect(result).toMatchObject({ days: 21, allowanceAmount: '6300.00' });
    expect(result.unverifiedParameters).toContain('maternity-leave-days.tubalLigation');
  });

  it('should NOT accept a wage that is not a decimal string, no rows, days that are not whole, dates before the parameters', () => {
    // given / when / then
    expect(() => allowance(singleBirth, '9,000')).toThrow(InvalidInputError);
    expect(() => allowance([], '9000')).toThrow(InvalidInputError);
    expect(() => allowance([row('baseLeave', 9.5)], '9000')).toThrow(InvalidInputError);
    expect(() => allowance(singleBirth, '9000', '2011-01-01')).toThrow(NoEffectiveParametersError);
  });
});

describe('shipped config/maternity-parameters.json', () => {
  it('should load with every figure labelled unverified and no leave days (the decision table holds them)', () => {
    // given / when
    const shipped = loadMaternityParameters();

    // then
    for (const version of shipped.versions) {
      const figures = Object.entries(version).filter(([key]) => !['id', 'effectiveFrom', 'effectiveTo'].includes(key));
      expect(figures.map(([key]) => key)).toEqual(['dailyDivisor', 'rounding']);
      expect(unverifiedParameterPaths(Object.fromEntries(figures))).toHaveLength(figures.length);
    }
  });
});
