/**
 * What a page does with the errors of a form-js submit: counts them for its summary (有 N 处内容需要修改) and moves
 * the focus to the first field marked wrong — the summary alone, above a long form, leaves the clerk at the button
 * with nothing to type into. The task page's 办结 and the 新办件 form's 提交受理 share it.
 */

/** The fields with errors, in form-js's errors by field id (nested where a group or a list repeats fields). */
export function countFormErrors(errors: Record<string, unknown>): number {
  return Object.values(errors).reduce<number>((sum, value) => sum + (Array.isArray(value) ? 1 : value && typeof value === 'object' ? countFormErrors(value as Record<string, unknown>) : 0), 0);
}

/**
 * Focuses the first field form-js marked wrong inside `within` (it scrolls there); after this turn, as form-js
 * marks the fields when it renders the errors of the submit.
 */
export function focusFirstFormError(within: string): void {
  window.setTimeout(() => document.querySelector<HTMLElement>(`${within} .fjs-has-errors :is(input, textarea, select):not([disabled])`)?.focus(), 0);
}
