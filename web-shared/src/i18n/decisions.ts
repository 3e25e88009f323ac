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
 * A step's decision in the words of the form that recorded it (its option's label: 不予受理, 不予变更, 不符合支取条件，
 * 不予办理 …), as the clerk chose it; {@link decisionInWords} where no form words it.
 */
export function decisionOfStep(labels: VariableLabels, variableName: string, value: unknown, processId: string | undefined): string {
  return (typeof value === 'string' ? optionLabel(labels, variableName, value, processId) : undefined) ?? decisionInWords(value);
}
