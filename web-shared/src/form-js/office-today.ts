/**
 * FEEL's `today()` in the forms is the office's day: the date in Asia/Shanghai of the server's clock (its answers'
 * HTTP `Date`: the embedded engine's own clock, pinned in tests and training), the day the task list's due dates
 * are counted from — not the PC's local date. feelin's built-in is the browser's local midnight (luxon's system
 * zone and clock) while `date("2026-03-02")` is UTC midnight: on a PC in China a 送达日期 or 出院日期 of today read as
 * a future day (8 hours after its midnight), and on a PC in another zone, or with a wrong clock, the forms'
 * 「⚠ …晚于今天，请核对。」 warnings (FC17, FC18, FC20, FC22) went by another day than the page's other dates.
 *
 * form-js's own expression language with a `today` function put into every expression's context (a context
 * function stands in for a FEEL built-in of the same name), returning the office day as FEEL's `date("…")` does —
 * a date the forms compare with `date(field)`. The forms are unchanged: in Camunda's Tasklist they keep the
 * built-in. Text templates (`{{…}}`, feelers) get the same day: office-today-templating.ts.
 *
 * Whose clock: `officeNow`, the app's server's (`serverNow()`) unless the form's viewer is given another — the
 * modeler's Play panel gives its sandbox's, the clock the analyst moves days ahead (FormView's `now`): office-day.ts.
 */
import { FeelExpressionLanguage } from '@bpmn-io/form-js-viewer';
import type { OfficeDay } from './office-day.js';
import type { Context } from './office-today-context.js';

export class OfficeTodayExpressionLanguage extends FeelExpressionLanguage {
  static override $inject = ['eventBus', 'officeDay'];

  constructor(
    eventBus: unknown,
    private readonly officeDay: OfficeDay,
  ) {
    super(eventBus);
  }

  override evaluate(expression: string, data: Context = {}): unknown {
    return super.evaluate(expression, this.officeDay.contextOf(expression, data));
  }

  override evaluateUnaryTest(expression: string, data: Context = {}): boolean | null {
    return super.evaluateUnaryTest(expression, this.officeDay.contextOf(expression, data));
  }
}
