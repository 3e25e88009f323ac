/**
 * A date as staff type it, read year first whatever the browser's language: `2026-12-05`, `2026/12/5`,
 * `2026.12.5`, `2026年12月5日` or `20261205`. Month-first (`12/05/2026`) is not read, since 05/12 and 12/05 would
 * be ambiguous.
 */
const SEPARATED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** The ISO date (`2026-12-05`) of what was typed, or undefined when it is no date of the calendar (2026-02-30). */
export function isoDateOfText(text: string): string | undefined {
  const match = SEPARATED.exec(text.trim()) ?? COMPACT.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2199) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
