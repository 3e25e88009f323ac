/**
 * Settings of the notices of a decision made after 受理 that refuses the application (不予办理 / 不予变更 / 不予认定 /
 * 不予备案告知书) from `config/decision-notice.json`: the sentence each decision is stated in. The title and number
 * word of each are the notice type's (config/notices.json), the remedies those of the 不予受理告知书
 * (config/refusal-notice.json). None is confirmed by the office: each carries `verified` and `source`.
 */
import { z } from 'zod';
import { CONFIG_DIR, loadJsonConfig } from './load-json-config.js';
import { verifiedValue } from './versioned-parameters.js';

/**
 * 「经审查，{申请人}的申请不符合{依据}规定的办理条件，决定不予办理」: {申请人} becomes 你 / 你单位 / 你（单位）, {依据}
 * the legal basis of config/refusal-notice.json. Each sentence must state its own decision (决定不予办理 in the
 * 不予办理告知书, not another's: a copied sentence is a typo), and ends without 。, which the notice adds after
 * 「，理由如下表」.
 */
function decisionSentence(decision: string) {
  return z
    .string()
    .min(1)
    .regex(new RegExp(`决定(暂)?${decision}`), `须写明本告知书的决定（决定${decision}……）`)
    .refine((sentence) => !/[。．.]\s*$/.test(sentence), '句末不加「。」（告知书在其后接「，理由如下表。」）');
}

export const decisionNoticeParametersSchema = z.strictObject({
  $comment: z.string().optional(),
  notHandled: verifiedValue(decisionSentence('不予办理')),
  notChanged: verifiedValue(decisionSentence('不予变更')),
  notRecognised: verifiedValue(decisionSentence('不予认定')),
  notRegistered: verifiedValue(decisionSentence('不予备案')),
});

export type DecisionNoticeParameters = z.output<typeof decisionNoticeParametersSchema>;

export const DECISION_NOTICE_PARAMETERS_FILE = new URL('decision-notice.json', CONFIG_DIR);

export function loadDecisionNoticeParameters(file: string | URL = DECISION_NOTICE_PARAMETERS_FILE): DecisionNoticeParameters {
  return loadJsonConfig(file, decisionNoticeParametersSchema);
}
