/**
 * A date as staff type it, read year first whatever the browser's language: `2026-12-05`, `2026/12/5`,
 * `2026.12.5`, `2026年12月5日` (or 5号), `2026 / 12 / 5`, `2026 12 5` or `20261205`; full-width digits and signs
 * (an input method's `２０２６／１２／５`) as their ASCII ones, and a time after the date (`2026-12-05 10:00`,
 * `2026-12-05T10:00`, `…T10:00:00.000`: pasted from a system that keeps one) left out — a time with a zone (`…Z`,
 * `+08:00`) is not read, since its day may be another in Xining. Month-first (`12/05/2026`) is not read, since 05/12
 * and 12/05 would be ambiguous.
 */
const SEPARATED = /^(\d{4})(?:\s*[-/.年]\s*|\s+)(\d{1,2})(?:\s*[-/.月]\s*|\s+)(\d{1,2})\s*[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** A time of day after the date, apart by a space or a `T`. */
const TIME = /(?:\s*T\s*|\s+)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?$/;

/** The year, month and day numbers of a text written as a date, whether or not they make one of the calendar. */
export function dateTextParts(text: string): { year: number; month: number; day: number } | undefined {
  const written = text.normalize('NFKC').trim().replace(TIME, '');
  const match = SEPARATED.exec(written) ?? COMPACT.exec(written);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * Whether a text that is no date as a whole begins with one, apart from what follows by a space or a `T` — a time
 * with a zone (`2026-12-05T10:00Z`, `2026-12-05 10:00 CST`), words —: the date is whole, the rest is what is not
 * taken.
 */
export function startsWithWholeDate(text: string): boolean {
  const written = text.normalize('NFKC').trim();
  return dateTextParts(written) === undefined && DATE_THEN_MORE.test(written);
}

const DATE_THEN_MORE = /^(?:\d{4}(?:\s*[-/.年]\s*|\s+)\d{1,2}(?:\s*[-/.月]\s*|\s+)\d{1,2}\s*[日号]?|\d{8})(?:\s+|\s*T)\S/i;

/** The ISO date (`2026-12-05`) of what was typed, or undefined when it is no date of the calendar (2026-02-30). */
export function isoDateOfText(text: string): string | undefined {
  const parts = dateTextParts(text);
  if (!parts) return undefined;
  const { year, month, day } = parts;
  if (year < 1900 || year > 2199) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
