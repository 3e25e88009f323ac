/**
 * What a page does with the errors of a form-js submit: counts them for its summary (有 N 处内容需要修改) and moves
 * the focus to the first field marked wrong — the summary alone, above a long form, leaves the clerk at the button
 * with nothing to type into — and tells the page that field's label and message, for the summary's live region
 * (form-error-summary.tsx): form-js puts each field's message in a polite live region of its own, but inserts that
 * region together with its text, which a screen reader often does not read out; and a Ctrl+Enter from the first
 * field marked wrong moves no focus, so nothing else would be read. The field's input names its message through
 * `aria-describedby` (form-js's `<id>-error-message`), read as the focus lands there. The task page's 办结 and the
 * 新办件 form's 提交受理 share it.
 */

/** The fields with errors, in form-js's errors by field id (nested where a group or a list repeats fields). */
export function countFormErrors(errors: Record<string, unknown>): number {
  return Object.values(errors).reduce<number>((sum, value) => sum + (Array.isArray(value) ? 1 : value && typeof value === 'object' ? countFormErrors(value as Record<string, unknown>) : 0), 0);
}

/** The first field marked wrong: its label as shown (without the required mark) and its message(s). */
export interface FirstFormError {
  label: string;
  message: string;
}

/** What focusFirstFormError did: the first field marked wrong (where one shows an error) and whether the focus moved to it. */
export interface FirstErrorFocus {
  first?: FirstFormError;
  /**
   * The focus went to that field (it was elsewhere): the screen reader reads its label, its aria-invalid and its
   * message as it lands there, so the summary need not name it again. False when it was in it already (a Ctrl+Enter
   * from that field): nothing is read then but the summary, which names it.
   */
  moved: boolean;
}

/**
 * Focuses the first field form-js marked wrong inside `within` (it scrolls there) and gives its label and message,
 * and whether the focus moved; after this turn, as form-js marks the fields when it renders the errors of the
 * submit. No `first` when no field shows an error by then (the page's summary then says only how many).
 */
export function focusFirstFormError(within: string): Promise<FirstErrorFocus> {
  return new Promise((resolve) =>
    window.setTimeout(() => {
      const input = document.querySelector<HTMLElement>(`${within} .fjs-has-errors :is(input, textarea, select):not([disabled])`);
      // (read before the focus call: afterwards it is always there)
      const moved = input !== null && document.activeElement !== input;
      input?.focus();
      const field = input?.closest('.fjs-has-errors');
      const first = field ? firstErrorOf(field) : undefined;
      resolve({ moved, ...(first && { first }) });
    }, 0),
  );
}

function firstErrorOf(field: Element): FirstFormError | undefined {
  // (form-js's messages end in 。 — 此项为必填项。 —: joined with ；, each without it, and the last given none either)
  const messages = [...field.querySelectorAll('.fjs-form-field-error li')].map((item) => item.textContent?.trim().replace(/。$/, '') ?? '').filter(Boolean);
  if (messages.length === 0) return undefined;
  const label = field.querySelector('.fjs-form-field-label');
  // (the label's text without its required mark, an aria-hidden 「*」)
  const copy = label?.cloneNode(true) as Element | undefined;
  copy?.querySelectorAll('.fjs-asterix, [aria-hidden="true"]').forEach((mark) => mark.remove());
  return { label: copy?.textContent?.trim() ?? '', message: messages.join('；') };
}
