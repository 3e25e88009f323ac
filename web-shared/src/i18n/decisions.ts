/** The decisions the forms record (`<elementId>Decision`), in the words a clerk or manager reads. */
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
