/**
 * FC18 生育津贴（含计划生育津贴） 核定 (docs/domain/amounts.md): leave days from the event — a birth, a miscarriage
 * or a family-planning operation — then 津贴 = 用人单位上年度职工月平均工资 ÷ dailyDivisor × 享受天数 (《社会保险法》
 * 第五十六条), rounded once, to the fen. Rounding only the final amount keeps the result independent of how the
 * daily figure would be displayed.
 */
import { Decimal } from 'decimal.js';
import { InvalidInputError } from './errors.js';
import { parseIsoDate, type IsoDate } from './iso-date.js';
import type { MaternityEvent } from './maternity-event.js';
import type { MaternityParameters, MaternityParameterVersion } from './maternity-parameters.js';
import { decimalStringSchema, selectEffectiveVersion, unverifiedParameterPaths } from './versioned-parameters.js';

export type { MaternityEvent } from './maternity-event.js';

export interface MaternityAllowanceInput {
  /** Date of birth or miscarriage; selects the parameter version in force. */
  readonly eventDate: IsoDate;
  readonly event: MaternityEvent;
  /** 用人单位上年度职工月平均工资 in yuan, as a decimal string. */
  readonly employerAverageMonthlyWage: string;
}

export interface LeaveDayComponent {
  readonly reason:
    | 'baseLeave'
    | 'difficultLabour'
    | 'additionalInfants'
    | 'provincialExtraLeave'
    | 'miscarriageBeforeFourMonths'
    | 'miscarriageFromFourMonths'
    | 'iudInsertion'
    | 'iudRemoval'
    | 'tubalLigation'
    | 'vasectomy';
  readonly days: number;
}

export interface MaternityLeaveDays {
  readonly days: number;
  readonly components: readonly LeaveDayComponent[];
}

export interface MaternityAllowance extends MaternityLeaveDays {
  readonly parameterVersion: string;
  readonly dailyDivisor: string;
  /** Amount in yuan with two decimals. */
  readonly allowanceAmount: string;
  readonly unverifiedParameters: readonly string[];
}

/**
 * Days the allowance pays for: 产假 for a birth or a miscarriage (国务院令第619号第七条, plus the provincial extra for
 * births), the leave of a family-planning operation (计划生育手术假, provincial rules) for an operation. An induced
 * abortion (人工流产、引产) gets the miscarriage days by completed months, as 第七条 does not tell the two apart.
 */
export function maternityLeaveDays(event: MaternityEvent, version: MaternityParameterVersion): MaternityLeaveDays {
  const components: LeaveDayComponent[] = [];
  switch (event.kind) {
    case 'birth': {
      if (!Number.isInteger(event.infants) || event.infants < 1) {
        throw new InvalidInputError('infants', 'must be a whole number ≥ 1');
      }
      components.push({ reason: 'baseLeave', days: version.baseLeaveDays.value });
      if (event.difficultLabour) {
        components.push({ reason: 'difficultLabour', days: version.difficultLabourExtraDays.value });
      }
      if (event.infants > 1) {
        components.push({
          reason: 'additionalInfants',
          days: (event.infants - 1) * version.extraDaysPerAdditionalInfant.value,
        });
      }
      // 奖励假 is granted for births under the provincial population regulation, not for miscarriages. [GUESS]
      if (version.provincialExtraLeaveDays.value > 0) {
        components.push({ reason: 'provincialExtraLeave', days: version.provincialExtraLeaveDays.value });
      }
      break;
    }
    case 'miscarriage':
    case 'inducedAbortion': {
      if (!Number.isInteger(event.completedPregnancyMonths) || event.completedPregnancyMonths < 0) {
        throw new InvalidInputError('completedPregnancyMonths', 'must be a whole number ≥ 0');
      }
      components.push(
        event.completedPregnancyMonths < 4
          ? { reason: 'miscarriageBeforeFourMonths', days: version.miscarriageBeforeFourMonthsDays.value }
          : { reason: 'miscarriageFromFourMonths', days: version.miscarriageFromFourMonthsDays.value },
      );
      break;
    }
    case 'iudInsertion':
      components.push({ reason: 'iudInsertion', days: version.iudInsertionDays.value });
      break;
    case 'iudRemoval':
      components.push({ reason: 'iudRemoval', days: version.iudRemovalDays.value });
      break;
    case 'tubalLigation':
      components.push({ reason: 'tubalLigation', days: version.tubalLigationDays.value });
      break;
    case 'vasectomy':
      components.push({ reason: 'vasectomy', days: version.vasectomyDays.value });
      break;
  }
  return { days: components.reduce((sum, c) => sum + c.days, 0), components };
}

export function calculateMaternityAllowance(
  input: MaternityAllowanceInput,
  parameters: MaternityParameters,
): MaternityAllowance {
  parseIsoDate(input.eventDate);
  if (!decimalStringSchema.safeParse(input.employerAverageMonthlyWage).success) {
    throw new InvalidInputError('employerAverageMonthlyWage', 'expected a decimal string such as "7500.00"');
  }
  const version = selectEffectiveVersion('maternity-allowance', parameters.versions, input.eventDate);
  const leave = maternityLeaveDays(input.event, version);
  const allowanceAmount = new Money(input.employerAverageMonthlyWage)
    .dividedBy(version.dailyDivisor.value)
    .times(leave.days)
    .toDecimalPlaces(2, Decimal[version.rounding.value])
    .toFixed(2);
  return {
    parameterVersion: version.id,
    days: leave.days,
    components: leave.components,
    dailyDivisor: version.dailyDivisor.value,
    allowanceAmount,
    unverifiedParameters: relevantUnverified(version, leave),
  };
}

// helpers

/** Own Decimal constructor, so a global `Decimal.set` elsewhere cannot change our precision. */
const Money = Decimal.clone({ precision: 40 });

const COMPONENT_PARAMETER: Record<LeaveDayComponent['reason'], keyof MaternityParameterVersion> = {
  baseLeave: 'baseLeaveDays',
  difficultLabour: 'difficultLabourExtraDays',
  additionalInfants: 'extraDaysPerAdditionalInfant',
  provincialExtraLeave: 'provincialExtraLeaveDays',
  miscarriageBeforeFourMonths: 'miscarriageBeforeFourMonthsDays',
  miscarriageFromFourMonths: 'miscarriageFromFourMonthsDays',
  iudInsertion: 'iudInsertionDays',
  iudRemoval: 'iudRemovalDays',
  tubalLigation: 'tubalLigationDays',
  vasectomy: 'vasectomyDays',
};

/** The unverified figures this result depends on; for births the provincial extra always matters, even when 0. */
function relevantUnverified(version: MaternityParameterVersion, leave: MaternityLeaveDays): string[] {
  const used = new Set<keyof MaternityParameterVersion>(['dailyDivisor', 'rounding']);
  for (const component of leave.components) used.add(COMPONENT_PARAMETER[component.reason]);
  if (leave.components.some((c) => c.reason === 'baseLeave')) used.add('provincialExtraLeaveDays');
  return unverifiedParameterPaths(Object.fromEntries([...used].map((key) => [key, version[key]])));
}
