import { optionLabel, type VariableLabels } from '../format/variable-labels.js';

/**
 * The decisions the forms record (`<elementId>Decision`), in the words a clerk or manager reads when the forms do
 * not say (see {@link decisionOfStep}: a process's own form words `rejected` 不予受理 at 初审, 不予办理 at 复审).
 */
export const DECISION_WORDS: Readonly<Record<string, string>> = {
  approved: '同意',
  rejected: '不予办理',
  returned: '退回',
  extensionRequested: '申请延长办理时限',
  refused: '不同意',
  paid: '已发放',
  unpaid: '未发放',
};

/** A decision value in words (the value itself when unknown). */
export function decisionInWords(value: unknown): string {
  return typeof value === 'string' ? (DECISION_WORDS[value] ?? value) : JSON.stringify(value);
}

/**
 * A step's decision in the process's own term for it: where the form that recorded it words the option as a
 * refusal (不予受理, 不符合支取条件，不予办理, 不予变更 …), that refusal (不予受理 at 初审, 不予办理 at 复审), as the
 * clerk chose it; otherwise the shared short word ({@link decisionInWords}: 同意, 退回), the form's longer option
 * text (资料齐备，予以受理) being no shorter way to say it.
 */
export function decisionOfStep(labels: VariableLabels, variableName: string, value: unknown, processId: string | undefined): string {
  const own = typeof value === 'string' ? optionLabel(labels, variableName, value, processId) : undefined;
  return (own && REFUSAL.exec(own)?.[0]) || decisionInWords(value);
}

/** A refusal in the forms' words: 不予 and what is refused (受理, 办理, 变更, 认定, 备案, 延长). */
const REFUSAL = /不予[\u4e00-\u9fff]{2}/;
