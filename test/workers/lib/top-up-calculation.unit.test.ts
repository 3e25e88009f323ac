import { describe, expect, it } from 'vitest';
import {
  InvalidContributionPeriodError,
  InvalidInputError,
  NoEffectiveParametersError,
} from '../../../workers/lib/errors.js';
import {
  calculateTopUp,
  compareTopUp,
  countContributionMonths,
  type ContributionPeriod,
} from '../../../workers/lib/top-up-calculation.js';
import { loadTopUpParameters, type TopUpParameters } from '../../../workers/lib/top-up-parameters.js';
import { unverifiedParameterPaths } from '../../../workers/lib/versioned-parameters.js';
import { toMonths } from '../../../workers/lib/year-month.js';

const guess = (value: number) => ({ value, verified: false, source: 'test' });
const counts = { value: true, verified: true, source: 'test' };

/** Deterministic test parameters (the shipped file holds unconfirmed placeholders). */
const parameters: TopUpParameters = {
  parameterSet: 'top-up',
  poolingRegion: 'test',
  versions: [
    {
      id: 'test-2025',
      effectiveFrom: '2025-01-01',
      minTotalMonths: { male: guess(300), female: guess(240) },
      minLocalActualMonths: { male: guess(120), female: guess(120) },
      countedKinds: { transferred: counts, deemed: counts, military: counts },
      monthlyBase: { value: '7500.00', verified: true, source: 'test' },
      rate: { value: '0.08', verified: true, source: 'test' },
      rounding: { value: 'ROUND_HALF_UP', verified: true, source: 'test' },
    },
  ],
};

function withVersion(patch: Partial<TopUpParameters['versions'][number]>): TopUpParameters {
  const [base] = parameters.versions;
  if (!base) throw new Error('test parameters have no version');
  return { ...parameters, versions: [{ ...base, ...patch }] };
}

describe('countContributionMonths', () => {
  it('should count overlapping months once, under the actual payment', () => {
    // given deemed years that overlap six months of actual payments, plus transfer and military service
    const periods: ContributionPeriod[] = [
      { from: '1985-01', to: '1989-12', kind: 'military' },
      { from: '1990-01', to: '2000-06', kind: 'deemed' },
      { from: '2000-01', to: '2009-12', kind: 'actual' },
      { from: '2010-01', to: '2012-12', kind: 'transferred' },
    ];
    // when
    const count = countContributionMonths(periods);
    // then
    expect(count.monthsByKind).toEqual({ actual: 120, transferred: 36, military: 60, deemed: 120 });
    expect(count.totalMonths).toBe(336);
    expect(count.localActualMonths).toBe(120);
  });

  it('should count a period listed twice only once', () => {
    // given the same local months reported by two sources
    const periods: ContributionPeriod[] = [
      { from: '2015-01', to: '2015-12', kind: 'actual' },
      { from: '2015-07', to: '2016-06', kind: 'actual' },
      { from: '2015-01', to: '2015-03', kind: 'transferred' },
    ];
    // when
    const count = countContributionMonths(periods);
    // then
    expect(count.totalMonths).toBe(18);
    expect(count.monthsByKind.transferred).toBe(0);
  });

  it('should leave uncounted kinds out of the total but keep them in the breakdown', () => {
    // given deemed months that the region does not count
    const periods: ContributionPeriod[] = [
      { from: '2000-01', to: '2000-12', kind: 'deemed' },
      { from: '2001-01', to: '2001-12', kind: 'actual' },
    ];
    // when
    const count = countContributionMonths(periods, new Set(['transferred', 'military']));
    // then
    expect(count.totalMonths).toBe(12);
    expect(count.monthsByKind.deemed).toBe(12);
  });

  it.each([
    [{ from: '2001-12', to: '2001-01', kind: 'actual' }, 'from after to'],
    [{ from: '2001-13', to: '2002-01', kind: 'actual' }, 'month 13'],
    [{ from: '2001-1', to: '2002-01', kind: 'actual' }, 'one-digit month'],
    [{ from: '2001-01', to: '2002-01', kind: 'pension' }, 'unknown kind'],
  ])('should reject a malformed period (%o, %s)', (period) => {
    // given / when / then
    expect(() => countContributionMonths([period as ContributionPeriod])).toThrow(InvalidContributionPeriodError);
  });
});

describe('calculateTopUp', () => {
  it('should need no top-up when both minimums are met', () => {
    // given a man with 336 counted months, 120 of them local
    const periods: ContributionPeriod[] = [
      { from: '1985-01', to: '1989-12', kind: 'military' },
      { from: '1990-01', to: '2000-06', kind: 'deemed' },
      { from: '2000-01', to: '2009-12', kind: 'actual' },
      { from: '2010-01', to: '2012-12', kind: 'transferred' },
    ];
    // when
    const result = calculateTopUp({ sex: 'male', retirementDate: '2026-03-01', periods }, parameters);
    // then
    expect(result).toMatchObject({
      topUpMonths: 0,
      topUpAmount: '0.00',
      shortTotalMonths: 0,
      shortLocalActualMonths: 0,
    });
  });

  it('should take the larger of the total and local shortfalls and price it with decimals', () => {
    // given a woman with 114 local months and deemed years overlapping them (236 counted months)
    const periods: ContributionPeriod[] = [
      { from: '1995-01', to: '2005-06', kind: 'deemed' },
      { from: '2005-03', to: '2014-08', kind: 'actual' },
    ];
    // when
    const result = calculateTopUp({ sex: 'female', retirementDate: '2026-03-01', periods }, parameters);
    // then 240 − 236 = 4 total, 120 − 114 = 6 local → 6 months × 7500 × 8 %
    expect(result).toMatchObject({
      parameterVersion: 'test-2025',
      totalMonths: 236,
      localActualMonths: 114,
      monthsByKind: { actual: 114, transferred: 0, military: 0, deemed: 122 },
      requiredTotalMonths: 240,
      requiredLocalActualMonths: 120,
      shortTotalMonths: 4,
      shortLocalActualMonths: 6,
      topUpMonths: 6,
      topUpAmount: '3600.00',
    });
  });

  it('should use the minimum for the person\'s sex', () => {
    // given 250 local months: enough for a woman (240), short for a man (300)
    const periods: ContributionPeriod[] = [{ from: '2005-01', to: '2025-10', kind: 'actual' }];
    // when
    const man = calculateTopUp({ sex: 'male', retirementDate: '2026-03-01', periods }, parameters);
    const woman = calculateTopUp({ sex: 'female', retirementDate: '2026-03-01', periods }, parameters);
    // then
    expect(man.topUpMonths).toBe(50);
    expect(man.topUpAmount).toBe('30000.00');
    expect(woman.topUpMonths).toBe(0);
  });

  it('should round to the fen with the configured mode, not with binary floats', () => {
    // given base × rate = 10.005 for one missing month
    const periods: ContributionPeriod[] = [{ from: '2000-01', to: '2019-11', kind: 'actual' }];
    const halfUp = withVersion({
      monthlyBase: { value: '100.05', verified: true, source: 'test' },
      rate: { value: '0.1', verified: true, source: 'test' },
    });
    const halfEven = withVersion({
      monthlyBase: { value: '100.05', verified: true, source: 'test' },
      rate: { value: '0.1', verified: true, source: 'test' },
      rounding: { value: 'ROUND_HALF_EVEN', verified: true, source: 'test' },
    });
    // when
    const up = calculateTopUp({ sex: 'female', retirementDate: '2026-03-01', periods }, halfUp);
    const even = calculateTopUp({ sex: 'female', retirementDate: '2026-03-01', periods }, halfEven);
    // then
    expect(up.topUpMonths).toBe(1);
    expect(up.topUpAmount).toBe('10.01');
    expect(even.topUpAmount).toBe('10.00');
  });

  it('should report which figures it used unverified, for the person\'s sex only', () => {
    // given test parameters whose minimums are unverified
    // when
    const result = calculateTopUp({ sex: 'female', retirementDate: '2026-03-01', periods: [] }, parameters);
    // then
    expect(result.unverifiedParameters).toEqual(['minTotalMonths.female', 'minLocalActualMonths.female']);
  });

  it('should pick the parameter version in force on the retirement date', () => {
    // given a second version from 2026-07-01 with a higher rate
    const [first] = parameters.versions;
    if (!first) throw new Error('no version');
    const twoVersions: TopUpParameters = {
      ...parameters,
      versions: [
        { ...first, effectiveTo: '2026-06-30' },
        {
          ...first,
          id: 'test-2026-07',
          effectiveFrom: '2026-07-01',
          rate: { value: '0.1', verified: true, source: 'test' },
        },
      ],
    };
    const periods: ContributionPeriod[] = [{ from: '2000-01', to: '2019-11', kind: 'actual' }];
    // when
    const june = calculateTopUp({ sex: 'female', retirementDate: '2026-06-30', periods }, twoVersions);
    const july = calculateTopUp({ sex: 'female', retirementDate: '2026-07-01', periods }, twoVersions);
    // then
    expect(june).toMatchObject({ parameterVersion: 'test-2025', topUpAmount: '600.00' });
    expect(july).toMatchObject({ parameterVersion: 'test-2026-07', topUpAmount: '750.00' });
  });

  it('should fail when no parameters are in force on the retirement date', () => {
    // given / when / then
    expect(() => calculateTopUp({ sex: 'male', retirementDate: '2024-12-31', periods: [] }, parameters)).toThrow(
      NoEffectiveParametersError,
    );
  });
});

describe('compareTopUp', () => {
  const periods: ContributionPeriod[] = [
    { from: '1995-01', to: '2005-06', kind: 'deemed' },
    { from: '2005-03', to: '2014-08', kind: 'actual' },
  ];
  const system = calculateTopUp({ sex: 'female', retirementDate: '2026-03-01', periods }, parameters);

  it('should match when the manual months equal the system months', () => {
    // given the first reviewer's 0 years 6 months
    // when
    const comparison = compareTopUp(system, toMonths(0, 6));
    // then
    expect(comparison).toEqual({ outcome: 'match', topUpMonths: 6 });
  });

  it('should return the difference and the system breakdown on a mismatch', () => {
    // given the first reviewer counted the overlap twice and only saw the total shortfall (4 months)
    // when
    const comparison = compareTopUp(system, 4);
    // then
    expect(comparison).toEqual({
      outcome: 'mismatch',
      systemTopUpMonths: 6,
      manualTopUpMonths: 4,
      differenceMonths: -2,
      breakdown: {
        parameterVersion: 'test-2025',
        monthsByKind: { actual: 114, transferred: 0, military: 0, deemed: 122 },
        totalMonths: 236,
        localActualMonths: 114,
        requiredTotalMonths: 240,
        requiredLocalActualMonths: 120,
        shortTotalMonths: 4,
        shortLocalActualMonths: 6,
      },
    });
  });

  it('should reject a manual figure that is not a whole number of months', () => {
    // given / when / then
    expect(() => compareTopUp(system, 5.5)).toThrow(InvalidInputError);
    expect(() => toMonths(1, 12)).toThrow(InvalidInputError);
  });
});

describe('shipped config/top-up-parameters.json', () => {
  it('should load and label every Qinghai figure as unverified with a source', () => {
    // given the repository file
    // when
    const shipped = loadTopUpParameters();
    // then every figure is an unconfirmed placeholder
    for (const version of shipped.versions) {
      const figures = Object.entries(version).filter(([key]) => !['id', 'effectiveFrom', 'effectiveTo'].includes(key));
      const unverified = unverifiedParameterPaths(Object.fromEntries(figures));
      expect(unverified).toEqual([
        'minTotalMonths.male',
        'minTotalMonths.female',
        'minLocalActualMonths.male',
        'minLocalActualMonths.female',
        'countedKinds.transferred',
        'countedKinds.deemed',
        'countedKinds.military',
        'monthlyBase',
        'rate',
        'rounding',
      ]);
    }
  });

  it('should produce a provisional result from the shipped placeholders', () => {
    // given
    const shipped = loadTopUpParameters();
    // when
    const result = calculateTopUp(
      { sex: 'male', retirementDate: '2026-03-01', periods: [{ from: '2006-01', to: '2025-12', kind: 'actual' }] },
      shipped,
    );
    // then
    expect(result.topUpMonths).toBe(60);
    expect(result.unverifiedParameters).toContain('monthlyBase');
  });
});
