/**
 * The office's day as a FEEL date — the date in Asia/Shanghai of `officeNow` (the app's server's clock, or the
 * Play sandbox's: FormView's `now`) — what FEEL's `today()` gives in a form's expressions (office-today.ts) and in
 * its text templates (office-today-templating.ts) alike, so a text view and a warning never go by two days.
 */
import { FeelExpressionLanguage } from '@bpmn-io/form-js-viewer';
import { formatDate } from '../format/dates.js';
import { type Context, withOfficeToday } from './office-today-context.js';

export class OfficeDay {
  static $inject = ['officeNow'];

  /** (FEEL's own `date("…")`, the value the forms compare with `date(field)`; it never fails on an ISO date) */
  private readonly feel = new FeelExpressionLanguage(null);

  /** The office day, by its ISO text (one evaluation per day, not per expression). */
  private day: { iso: string; value: unknown } | undefined;

  /** (the clock is the form's `officeNow`: the module's, index.ts, or the one FormView's `now` puts over it) */
  constructor(private readonly officeNow: () => number) {}

  /** The office day as ISO text (2026-03-02), the one {@link today} is the FEEL date of. */
  iso(): string {
    return formatDate(this.officeNow());
  }

  today(): unknown {
    const iso = this.iso();
    if (this.day?.iso !== iso) this.day = { iso, value: this.feel.evaluate(`=date("${iso}")`, {}) };
    return this.day.value;
  }

  /** The context an expression or a template of the form is evaluated in, with `today` this day where it asks. */
  contextOf(expression: unknown, data: Context): Context {
    return withOfficeToday(expression, data, () => this.today());
  }
}
