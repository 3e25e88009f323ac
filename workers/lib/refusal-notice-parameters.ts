/**
 * Settings of the 不予受理告知书 from `config/refusal-notice.json`: the legal-basis sentence and the applicant's
 * remedies (行政复议 within N days to a named body, 行政诉讼 within N months). None is confirmed by the office, so each
 * carries `verified` and `source` (docs/domain/notices.md); while any is unconfirmed the notice is marked provisional.
 */
import { z } from 'zod';
import { CONFIG_DIR, loadJsonConfig } from './load-json-config.js';
import { verifiedValue } from './versioned-parameters.js';

export const refusalNoticeParametersSchema = z.strictObject({
  $comment: z.string().optional(),
  /** The rules whose conditions the application does not meet: 「经审查，你单位的申请不符合……规定的受理条件」. */
  legalBasis: verifiedValue(z.string().min(1)),
  /** 行政复议: days from the day the applicant learns of the decision. */
  reconsiderationDays: verifiedValue(z.number().int().min(1).max(365)),
  /** 复议机关 as printed. */
  reconsiderationBody: verifiedValue(z.string().min(1)),
  /** 行政诉讼: months from the day the applicant learns of the decision. */
  litigationMonths: verifiedValue(z.number().int().min(1).max(24)),
  /** The court, or null: 「向人民法院提起行政诉讼」. */
  court: verifiedValue(z.string().min(1).nullable()),
});

export type RefusalNoticeParameters = z.output<typeof refusalNoticeParametersSchema>;

export const REFUSAL_NOTICE_PARAMETERS_FILE = new URL('refusal-notice.json', CONFIG_DIR);

export function loadRefusalNoticeParameters(file: string | URL = REFUSAL_NOTICE_PARAMETERS_FILE): RefusalNoticeParameters {
  return loadJsonConfig(file, refusalNoticeParametersSchema);
}
