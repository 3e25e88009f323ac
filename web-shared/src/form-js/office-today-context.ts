/**
 * The context an expression of a form is evaluated in, with FEEL's `today` the office's day (office-today.ts):
 * put in only where the expression names it, and never over a form's own data key named `today` — that field is
 * the form's, and the expression asks for its value.
 */
export type Context = Record<string, unknown>;

export function withOfficeToday(expression: unknown, data: Context, today: () => unknown): Context {
  if (typeof expression !== 'string' || !expression.includes('today')) return data;
  if ('today' in data) return data;
  return { ...data, today };
}
