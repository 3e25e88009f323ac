/**
 * Versioned regional parameters for the FC3 补缴 check (docs/domain/amounts.md), read from `config/top-up-parameters.json`.
 * No Qinghai text has been found for these figures yet, so each carries `verified` and `source`; the calculation
 * reports the unverified ones so a notice can be marked as provisional.
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

const monthsSchema = verifiedValue(z.number().int().min(0));
const countsSchema = verifiedValue(z.boolean());

export const topUpParameterVersionSchema = z.strictObject({
  ...parameterVersionFields,
  /** 累计缴费 minimum (实际 + 转入 + 视同 + 军龄, as counted below), by sex, in months. */
  minTotalMonths: z.strictObject({ male: monthsSchema, female: monthsSchema }),
  /** Minimum months actually paid in this pooling region (本地实际缴费), by sex. */
  minLocalActualMonths: z.strictObject({ male: monthsSchema, female: monthsSchema }),
  /** Which non-local kinds count towards the total; local actual months always count. */
  countedKinds: z.strictObject({ transferred: countsSchema, deemed: countsSchema, military: countsSchema }),
  /** 补缴基数 per month, in yuan. */
  monthlyBase: verifiedValue(decimalStringSchema),
  /** 补缴费率 as a fraction (0.08 = 8 %). */
  rate: verifiedValue(decimalStringSchema),
  /** How the amount is rounded to the fen. */
  rounding: verifiedValue(z.enum(ROUNDING_MODES)),
});

export const topUpParametersSchema = z.strictObject({
  $comment: z.string().optional(),
  parameterSet: z.literal('top-up'),
  poolingRegion: z.string().min(1),
  versions: versionListSchema(topUpParameterVersionSchema),
});

export type TopUpParameters = z.output<typeof topUpParametersSchema>;

export const TOP_UP_PARAMETERS_FILE = new URL('top-up-parameters.json', CONFIG_DIR);

export function loadTopUpParameters(file: string | URL = TOP_UP_PARAMETERS_FILE): TopUpParameters {
  return loadJsonConfig(file, topUpParametersSchema);
}
