/**
 * FEEL's `today()` in a form's text templates (`{{ … }}` in a text view, an HTML view, a label: form-js's
 * `templating` service, feelers on the same feelin) is the office's day, as in its expressions (office-today.ts):
 * feelers' own is the PC's local date, so a text that shows today, or counts days from it, on a PC in another zone
 * or with a wrong clock went by another day than the forms' 晚于今天 warnings. Put into the template's context as for an
 * expression (office-today-context.ts: only where the template names it, never over a field named `today`). Inside
 * a `{{#loop}}` the context is the list item's (feelers), where the built-in would answer: there each `today()` is
 * written as the office day's `date("…")` before the template is evaluated (office-today-in-loops.ts).
 */
import { FeelersTemplating } from '@bpmn-io/form-js-viewer';
import type { OfficeDay } from './office-day.js';
import type { Context } from './office-today-context.js';
import { officeTodayInLoops } from './office-today-in-loops.js';

export class OfficeTodayTemplating extends FeelersTemplating {
  static override $inject = ['officeDay'];

  constructor(private readonly officeDay: OfficeDay) {
    super();
  }

  override evaluate(template: string, context: Context = {}, options: Parameters<FeelersTemplating['evaluate']>[2] = {}): string {
    const looped = typeof template === 'string' && template.includes('today') ? officeTodayInLoops(template, this.officeDay.iso()) : template;
    return super.evaluate(looped, this.officeDay.contextOf(template, context), options);
  }
}
