/**
 * Versioned parameters for the FC18 生育津贴（含计划生育津贴） 核定 (docs/domain/amounts.md), read from
 * `config/maternity-parameters.json`. National leave days come from 国务院令第619号; the Qinghai 奖励假, the leave
 * of each family-planning operation and the daily divisor are not confirmed, so every figure carries `verified`
 * and `source` and the calculation reports the unverified ones.
 */
import { z } from 'zod';
import { CONFIG_DIR, loadJsonConfig } from './load-json-config.js';
import {
  decimalStringSchema,
  parameterVersionFields,
  ROUNDING_MODES,
  verifiedValue,
  versionListSchema,
} from './versioned-parameters.js';

const daysSchema = verifiedValue(z.number().int().min(0));

export const maternityParameterVersionSchema = z.strictObject({
  ...parameterVersionFields,
  /** 产假 for a birth (98 days nationally). */
  baseLeaveDays: daysSchema,
  /** Extra days for 难产. */
  difficultLabourExtraDays: daysSchema,
  /** Extra days for each additional infant of a multiple birth. */
  extraDaysPerAdditionalInfant: daysSchema,
  /** Provincial 奖励假 (延长产假) added to a birth. */
  provincialExtraLeaveDays: daysSchema,
  /** Leave for a miscarriage before four full months of pregnancy. */
  miscarriageBeforeFourMonthsDays: daysSchema,
  /** Leave for a miscarriage at or after four full months of pregnancy. */
  miscarriageFromFourMonthsDays: daysSchema,
  /** Leave after fitting an intrauterine device (放置宫内节育器). */
  iudInsertionDays: daysSchema,
  /** Leave after removing an intrauterine device (取出宫内节育器). */
  iudRemovalDays: daysSchema,
  /** Leave after a tubal ligation (输卵管结扎). */
  tubalLigationDays: daysSchema,
  /** Leave after a vasectomy (输精管结扎). */
  vasectomyDays: daysSchema,
  /** Divisor turning the monthly average wage into a daily allowance (30 or 30.4 by locality). */
  dailyDivisor: verifiedValue(decimalStringSchema),
  rounding: verifiedValue(z.enum(ROUNDING_MODES)),
});

export const maternityParametersSchema = z.strictObject({
  $comment: z.string().optional(),
  parameterSet: z.literal('maternity-allowance'),
  poolingRegion: z.string().min(1),
  versions: versionListSchema(maternityParameterVersionSchema),
});

export type MaternityParameterVersion = z.output<typeof maternityParameterVersionSchema>;
export type MaternityParameters = z.output<typeof maternityParametersSchema>;

export const MATERNITY_PARAMETERS_FILE = new URL('maternity-parameters.json', CONFIG_DIR);

export function loadMaternityParameters(file: string | URL = MATERNITY_PARAMETERS_FILE): MaternityParameters {
  return loadJsonConfig(file, maternityParametersSchema);
}
