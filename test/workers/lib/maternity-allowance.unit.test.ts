import { describe, expect, it } from 'vitest';
import { InvalidInputError, NoEffectiveParametersError } from '../../../workers/lib/errors.js';
import { calculateMaternityAllowance, type MaternityEvent } from '../../../workers/lib/maternity-allowance.js';
import { loadMaternityParameters, type MaternityParameters } from '../../../workers/lib/maternity-parameters.js';
import { unverifiedParameterPaths } from '../../../workers/lib/versioned-parameters.js';

const confirmed = (value: number) => ({ value, verified: true, source: 'test' });

const parameters: MaternityParameters = {
  parameterSet: 'maternity-allowance',
  poolingRegion: 'test',
  versions: [
    {
      id: 'test-2012',
      effectiveFrom: '2012-04-28',
      baseLeaveDays: confirmed(98),
      difficultLabourExtraDays: confirmed(15),
      extraDaysPerAdditionalInfant: confirmed(15),
      provincialExtraLeaveDays: { value: 0, verified: false, source: 'test' },
      miscarriageBeforeFourMonthsDays: confirmed(15),
      miscarriageFromFourMonthsDays: confirmed(42),
      iudInsertionDays: confirmed(2),
      iudRemovalDays: confirmed(1),
      tubalLigationDays: confirmed(21),
      vasectomyDays: confirmed(7),
      dailyDivisor: { value: '30', verified: false, source: 'test' },
      rounding: { value: 'ROUND_HALF_UP', verified: true, source: 'test' },
    },
  ],
};

const singleBirth: MaternityEvent = { kind: 'birth', infants: 1, difficultLabour: false };

function allowance(event: MaternityEvent, wage: string, params = parameters, eventDate = '2026-03-02') {
  return calculateMaternityAllowance({ eventDate, event, employerAverageMonthlyWage: wage }, params);
}

describe('calculateMaternityAllowance', () => {
  it('should pay 98 days of the employer average wage for a normal single birth', () => {
    // given / when
    const result = allowance(singleBirth, '9000.00');
    // then 9000 ÷ 30 × 98
    expect(result).toMatchObject({ parameterVersion: 'test-2012', days: 98, allowanceAmount: '29400.00' });
    expect(result.unverifiedParameters).toEqual(['dailyDivisor', 'provincialExtraLeaveDays']);
  });

  it('should add 15 days for 难产 and 15 per additional infant', () => {
    // given twins with difficult labour
    // when
    const result = allowance({ kind: 'birth', infants: 2, difficultLabour: true }, '9000.00');
    // then
    expect(result.days).toBe(128);
    expect(result.components.map((c) => c.reason)).toEqual(['baseLeave', 'difficultLabour', 'additionalInfants']);
    expect(result.allowanceAmount).toBe('38400.00');
  });

  it('should add the provincial extra leave to births only', () => {
    // given a province granting 60 extra days
    const [base] = parameters.versions;
    if (!base) throw new Error('no version');
    const extra: MaternityParameters = {
      ...parameters,
      versions: [{ ...base, provincialExtraLeaveDays: confirmed(60) }],
    };
    // when
    const birth = allowance(singleBirth, '6000', extra);
    const miscarriage = allowance({ kind: 'miscarriage', completedPregnancyMonths: 5 }, '6000', extra);
    // then
    expect(birth.days).toBe(158);
    expect(miscarriage.days).toBe(42);
  });

  it('should give 15 days before four full months of pregnancy and 42 from four months', () => {
    // given / when
    const early = allowance({ kind: 'miscarriage', completedPregnancyMonths: 3 }, '6000');
    const late = allowance({ kind: 'miscarriage', completedPregnancyMonths: 4 }, '6000');
    // then
    expect(early).toMatchObject({ days: 15, allowanceAmount: '3000.00' });
    expect(late).toMatchObject({ days: 42, allowanceAmount: '8400.00' });
  });

  it('should round only the final amount to the fen', () => {
    // given 7654.32 ÷ 30 = 255.144 per day
    // when
    const result = allowance(singleBirth, '7654.32');
    // then 255.144 × 98 = 25004.112
    expect(result.allowanceAmount).toBe('25004.11');
  });

  it('should reject a wage that is not a decimal string, zero infants and dates before the parameters', () => {
    // given / when / then
    expect(() => allowance(singleBirth, '9,000')).toThrow(InvalidInputError);
    expect(() => allowance({ ...singleBirth, infants: 0 }, '9000')).toThrow(InvalidInputError);
    expect(() => allowance(singleBirth, '9000', parameters, '2011-01-01')).toThrow(NoEffectiveParametersError);
  });
});

describe('shipped config/maternity-parameters.json', () => {
  it('should load with every figure labelled unverified', () => {
    // given / when
    const shipped = loadMaternityParameters();
    // then
    for (const version of shipped.versions) {
      const figures = Object.entries(version).filter(([key]) => !['id', 'effectiveFrom', 'effectiveTo'].includes(key));
      expect(unverifiedParameterPaths(Object.fromEntries(figures))).toHaveLength(figures.length);
    }
  });
});

describe('calculateMaternityAllowance for family-planning operations (计划生育津贴)', () => {
  it.each([
    [{ kind: 'iudInsertion' } as const, 2, '600.00', 'iudInsertion'],
    [{ kind: 'iudRemoval' } as const, 1, '300.00', 'iudRemoval'],
    [{ kind: 'tubalLigation' } as const, 21, '6300.00', 'tubalLigation'],
    [{ kind: 'vasectomy' } as const, 7, '2100.00', 'vasectomy'],
    [{ kind: 'inducedAbortion', completedPregnancyMonths: 2 } as const, 15, '4500.00', 'miscarriageBeforeFourMonths'],
    [{ kind: 'inducedAbortion', completedPregnancyMonths: 5 } as const, 42, '12600.00', 'miscarriageFromFourMonths'],
  ])('should pay %j the days of its parameter (%i days, %s yuan)', (event, days, amount, reason) => {
    // given / when
    const result = allowance(event, '9000.00');
    // then 9000 ÷ 30 × days, no provincial 奖励假
    expect(result).toMatchObject({ days, allowanceAmount: amount });
    expect(result.components).toEqual([{ reason, days }]);
    expect(result.unverifiedParameters).toEqual(['dailyDivisor']);
  });

  it('should list an operation\'s days as unverified in the shipped parameters', () => {
    // given the shipped config (no Qinghai source for the operation days)
    // when
    const result = calculateMaternityAllowance({ eventDate: '2026-03-02', event: { kind: 'tubalLigation' }, employerAverageMonthlyWage: '9000.00' }, loadMaternityParameters());
    // then
    expect(result.days).toBe(21);
    expect(result.unverifiedParameters).toContain('tubalLigationDays');
  });
});

