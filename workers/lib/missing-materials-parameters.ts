/**
 * Settings of the 一次性告知书 from `config/missing-materials-notice.json`: the correction period in working days and
 * the legal-basis sentence. Neither is confirmed by the office, so each carries `verified` and `source`.
 */
import { z } from 'zod';
import { CONFIG_DIR, loadJsonConfig } from './load-json-config.js';
import { verifiedValue } from './versioned-parameters.js';

export const missingMaterialsParametersSchema = z.strictObject({
  $comment: z.string().optional(),
  /** 补正期限: working days after the date of issue. */
  correctionWorkingDays: verifiedValue(z.number().int().min(1).max(60)),
  /** Opens the notice: 「根据……的要求，」 */
  legalBasis: verifiedValue(z.string().min(1)),
});

export type MissingMaterialsParameters = z.output<typeof missingMaterialsParametersSchema>;

export const MISSING_MATERIALS_PARAMETERS_FILE = new URL('missing-materials-notice.json', CONFIG_DIR);

export function loadMissingMaterialsParameters(file: string | URL = MISSING_MATERIALS_PARAMETERS_FILE): MissingMaterialsParameters {
  return loadJsonConfig(file, missingMaterialsParametersSchema);
}
