/**
 * The texts a clerk left in a form's date fields that are no date of the form's — half typed (2026/3), impossible
 * (2026/2/30), outside the days the field takes, or a value another system wrote that is no date — carried in the
 * form's data as the form view hands it on (FormView's onChange: what a task's draft keeps), under a key of their
 * own beside the fields', by each field's path (`treatmentTo`, `bills.0.billDay`). Such a text is no value of the
 * form's (the field keeps its date, or none, meanwhile: half-typed-date.ts), so a draft of the data alone brought
 * the old date back silently when she came back to the task; with them, the form view puts each text back into its
 * field as she left it, with the same error (date-texts-shown.ts). The key is not a field's: form-js submits its
 * fields' values only, and the form view takes the key out before it gives form-js the data.
 */

/** (`$` first: no form's key in the office's forms, and no FEEL name, so never a field's or a variable's) */
export const DATE_TEXTS_KEY = '$dateTextsKept';

/** `data` with the date fields' kept texts (none: `data` as it is). */
export function withDateTexts(data: Record<string, unknown>, texts: Record<string, string>): Record<string, unknown> {
  return Object.keys(texts).length === 0 ? data : { ...data, [DATE_TEXTS_KEY]: texts };
}

/**
 * `data` with the values other systems wrote that are no date put back where their fields still show them as written
 * (`written`, by path): form-js emptied them on import, and a draft would take the empty value for hers — and, brought
 * back, lose the note that the text is the value written (date-values-read.ts). Handed on as they came, they are
 * nothing she typed.
 */
export function withValuesAsWritten(data: Record<string, unknown>, written: Record<string, string>): Record<string, unknown> {
  if (Object.keys(written).length === 0) return data;
  const copy = structuredClone(data);
  for (const [path, text] of Object.entries(written)) {
    const keys = path.split('.');
    const holder = keys.slice(0, -1).reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined), copy);
    if (typeof holder === 'object' && holder !== null) (holder as Record<string, unknown>)[keys[keys.length - 1]!] = text;
  }
  return copy;
}

/** The data for form-js (the key taken out), and the texts it carried (only strings, by path). */
export function takeDateTexts(data: Record<string, unknown>): { data: Record<string, unknown>; texts: Record<string, string> } {
  if (!(DATE_TEXTS_KEY in data)) return { data, texts: {} };
  const { [DATE_TEXTS_KEY]: carried, ...rest } = data;
  const texts: Record<string, string> = {};
  if (carried && typeof carried === 'object' && !Array.isArray(carried)) {
    for (const [path, text] of Object.entries(carried)) if (typeof text === 'string' && text.trim() !== '') texts[path] = text;
  }
  return { data: rest, texts };
}
