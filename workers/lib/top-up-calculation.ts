/**
 * FC3 在职转退休: contribution months, shortfall against the regional minimums, the one-off 补缴 amount, and the
 * 复审 comparison of the system's months with the first reviewer's manual figure (docs/domain/amounts.md).
 *
 * Months are integers throughout and the amount uses decimal arithmetic, because the process branches on exact
 * equality of months and the notice prints the amount to the fen.
 */
import { Decimal } from 'decimal.js';
import { InvalidContributionPeriodError, InvalidInputError } from './errors.js';
import { parseIsoDate, type IsoDate } from './iso-date.js';
import type { Sex } from './sex.js';
import type { TopUpParameters } from './top-up-parameters.js';
import { selectEffectiveVersion, unverifiedParameterPaths } from './versioned-parameters.js';
import { isYearMonth, monthIndexOf, type YearMonth } from './year-month.js';

/**
 * - `actual`: paid in this pooling region (本地实际缴费);
 * - `transferred`: paid elsewhere and carried over by a 关系转移接续 (FC11);
 * - `deemed`: 视同缴费年限 recognised in the retirement approval;
 * - `military`: 军人服现役年限, counted like deemed years by the 2021 暂行办法.
 */
export const CONTRIBUTION_KINDS = ['actual', 'transferred', 'military', 'deemed'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** A run of contribution months, both ends included. */
export interface ContributionPeriod {
  readonly from: YearMonth;
  readonly to: YearMonth;
  readonly kind: ContributionKind;
}

export interface TopUpInput {
  readonly sex: Sex;
  /** Retirement date from the 退休审批; selects the parameter version in force. */
  readonly retirementDate: IsoDate;
  readonly periods: readonly ContributionPeriod[];
}

/** Everything the first reviewer needs to redo the count by hand (returned with a mismatch). */
export interface TopUpBreakdown {
  readonly parameterVersion: string;
  /** Distinct months per kind; a month covered by several kinds is listed once, under the first of
   * {@link CONTRIBUTION_KINDS} (an actual payment outranks a recognised one). */
  readonly monthsByKind: Readonly<Record<ContributionKind, number>>;
  /** Distinct months of the kinds that count. */
  readonly totalMonths: number;
  readonly localActualMonths: number;
  readonly requiredTotalMonths: number;
  readonly requiredLocalActualMonths: number;
  readonly shortTotalMonths: number;
  readonly shortLocalActualMonths: number;
}

export interface TopUpCalculation extends TopUpBreakdown {
  /** systemTopUpMonths: months to pay; 0 means no 补缴 and no notice. */
  readonly topUpMonths: number;
  readonly monthlyBase: string;
  readonly rate: string;
  /** topUpAmount in yuan with exactly two decimals, e.g. "12345.60". */
  readonly topUpAmount: string;
  /** Parameters used that the office has not confirmed (dotted paths into the version). */
  readonly unverifiedParameters: readonly string[];
}

export type TopUpComparison =
  | { readonly outcome: 'match'; readonly topUpMonths: number }
  | {
      readonly outcome: 'mismatch';
      readonly systemTopUpMonths: number;
      readonly manualTopUpMonths: number;
      /** manual − system: positive when the first reviewer asked for more months than the system. */
      readonly differenceMonths: number;
      readonly breakdown: TopUpBreakdown;
    };

export interface ContributionMonthCount {
  readonly monthsByKind: Readonly<Record<ContributionKind, number>>;
  readonly totalMonths: number;
  readonly localActualMonths: number;
}

/**
 * Counts distinct months. Overlapping periods (a deemed span that also shows actual payments, a transfer record
 * that repeats local months) are counted once, under the highest-ranked kind.
 */
export function countContributionMonths(
  periods: readonly ContributionPeriod[],
  countedKinds: ReadonlySet<ContributionKind> = new Set(CONTRIBUTION_KINDS),
): ContributionMonthCount {
  const kindOfMonth = new Map<number, ContributionKind>();
  for (const [index, period] of periods.entries()) {
    const { first, last } = periodBounds(index, period);
    for (let month = first; month <= last; month += 1) {
      const existing = kindOfMonth.get(month);
      if (existing === undefined || rank(period.kind) < rank(existing)) kindOfMonth.set(month, period.kind);
    }
  }
  const monthsByKind: Record<ContributionKind, number> = { actual: 0, transferred: 0, military: 0, deemed: 0 };
  for (const kind of kindOfMonth.values()) monthsByKind[kind] += 1;
  const totalMonths = CONTRIBUTION_KINDS.filter((kind) => kind === 'actual' || countedKinds.has(kind)).reduce(
    (sum, kind) => sum + monthsByKind[kind],
    0,
  );
  return { monthsByKind, totalMonths, localActualMonths: monthsByKind.actual };
}

/** The system's 补缴 figure and amount with the parameters in force on the retirement date. */
export function calculateTopUp(input: TopUpInput, parameters: TopUpParameters): TopUpCalculation {
  parseIsoDate(input.retirementDate);
  const version = selectEffectiveVersion('top-up', parameters.versions, input.retirementDate);
  const countedKinds = new Set<ContributionKind>(['actual']);
  if (version.countedKinds.transferred.value) countedKinds.add('transferred');
  if (version.countedKinds.deemed.value) countedKinds.add('deemed');
  if (version.countedKinds.military.value) countedKinds.add('military');

  const count = countContributionMonths(input.periods, countedKinds);
  const requiredTotalMonths = version.minTotalMonths[input.sex].value;
  const requiredLocalActualMonths = version.minLocalActualMonths[input.sex].value;
  const shortTotalMonths = Math.max(0, requiredTotalMonths - count.totalMonths);
  const shortLocalActualMonths = Math.max(0, requiredLocalActualMonths - count.localActualMonths);
  // [GUESS, docs/domain/amounts.md] Months paid as 补缴 are local actual months, so they close both gaps at once and the
  // larger gap decides; confirm with the office before relying on it.
  const topUpMonths = Math.max(shortTotalMonths, shortLocalActualMonths);

  const monthlyBase = version.monthlyBase.value;
  const rate = version.rate.value;
  const topUpAmount = new Money(monthlyBase)
    .times(rate)
    .times(topUpMonths)
    .toDecimalPlaces(2, Decimal[version.rounding.value])
    .toFixed(2);

  return {
    parameterVersion: version.id,
    monthsByKind: count.monthsByKind,
    totalMonths: count.totalMonths,
    localActualMonths: count.localActualMonths,
    requiredTotalMonths,
    requiredLocalActualMonths,
    shortTotalMonths,
    shortLocalActualMonths,
    topUpMonths,
    monthlyBase,
    rate,
    topUpAmount,
    unverifiedParameters: relevantUnverified(version, input.sex),
  };
}

/**
 * The 复审 gateway (FC3 step 4): months must be exactly equal; on a mismatch the case goes back to the first
 * reviewer with the system's breakdown so the difference can be traced to a period.
 */
export function compareTopUp(system: TopUpCalculation, manualTopUpMonths: number): TopUpComparison {
  if (!Number.isInteger(manualTopUpMonths) || manualTopUpMonths < 0) {
    throw new InvalidInputError('manualTopUpMonths', 'must be a whole number of months ≥ 0');
  }
  if (manualTopUpMonths === system.topUpMonths) return { outcome: 'match', topUpMonths: system.topUpMonths };
  return {
    outcome: 'mismatch',
    systemTopUpMonths: system.topUpMonths,
    manualTopUpMonths,
    differenceMonths: manualTopUpMonths - system.topUpMonths,
    breakdown: {
      parameterVersion: system.parameterVersion,
      monthsByKind: system.monthsByKind,
      totalMonths: system.totalMonths,
      localActualMonths: system.localActualMonths,
      requiredTotalMonths: system.requiredTotalMonths,
      requiredLocalActualMonths: system.requiredLocalActualMonths,
      shortTotalMonths: system.shortTotalMonths,
      shortLocalActualMonths: system.shortLocalActualMonths,
    },
  };
}

// helpers

/** Own Decimal constructor, so a global `Decimal.set` elsewhere cannot change our precision. */
const Money = Decimal.clone({ precision: 40 });

function rank(kind: ContributionKind): number {
  return CONTRIBUTION_KINDS.indexOf(kind);
}

function periodBounds(index: number, period: ContributionPeriod): { first: number; last: number } {
  if (!CONTRIBUTION_KINDS.includes(period.kind)) {
    throw new InvalidContributionPeriodError(index, `unknown kind '${String(period.kind)}'`);
  }
  if (!isYearMonth(period.from) || !isYearMonth(period.to)) {
    throw new InvalidContributionPeriodError(index, `expected YYYY-MM months, got ${period.from}..${period.to}`);
  }
  const first = monthIndexOf(period.from);
  const last = monthIndexOf(period.to);
  if (last < first) throw new InvalidContributionPeriodError(index, `${period.from} is after ${period.to}`);
  return { first, last };
}

/** Only the figures that went into this person's calculation (the other sex's minimums are irrelevant). */
function relevantUnverified(version: TopUpParameters['versions'][number], sex: Sex): string[] {
  const { minTotalMonths, minLocalActualMonths, countedKinds, monthlyBase, rate, rounding } = version;
  return unverifiedParameterPaths({
    [`minTotalMonths.${sex}`]: minTotalMonths[sex],
    [`minLocalActualMonths.${sex}`]: minLocalActualMonths[sex],
    countedKinds,
    monthlyBase,
    rate,
    rounding,
  });
}
