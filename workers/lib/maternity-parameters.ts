/**
 * Versioned parameters for the FC18 生育津贴（含计划生育津贴） 核定 (docs/domain/amounts.md), read from
 * `config/maternity-parameters.json`: the daily divisor and the rounding, neither confirmed, so each carries
 * `verified` and `source` and the calculation reports the unverified ones. The leave days per event are not here:
 * they are rows of the decision table bpmn/maternity-leave-days.dmn, which the model looks up.
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

export const maternityParameterVersionSchema = z.strictObject({
  ...parameterVersionFields,
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

export type MaternityParameters = z.output<typeof maternityParametersSchema>;

export const MATERNITY_PARAMETERS_FILE = new URL('maternity-parameters.json', CONFIG_DIR);

export function loadMaternityParameters(file: string | URL = MATERNITY_PARAMETERS_FILE): MaternityParameters {
  return loadJsonConfig(file, maternityParametersSchema);
}
