/**
 * Validation messages in Chinese at their source: decorates form-js's `validator` service so that both the
 * messages under the fields and the errors `form.submit()` returns are Chinese. Messages a form author wrote
 * (`patternErrorMessage`) are Chinese already and pass through unchanged.
 *
 * form-js compares a value with its `min`/`max` through Big, and when that throws it blames the limit ("Max validation
 * value is not a valid number.") even when it is the value that is no number (「1,000」): the clerk then reads
 * 「最大值设置不是有效数字。」 beside the field's own pattern message. That message is dropped for a value that is
 * no number; for a numeric value it stays, as then the limit is at fault.
 */
import { translateFormJsText } from './form-js-translations.js';

interface Validator {
  validateField(field: unknown, value: unknown): string[];
  validateFieldInstance(fieldInstance: unknown, value: unknown): string[];
}

const LIMIT_NOT_A_NUMBER = new Set(['Max validation value is not a valid number.', 'Min validation value is not a valid number.']);

const isNumeric = (value: unknown) => typeof value === 'number' || (typeof value === 'string' && /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value));

export class ChineseValidation {
  static $inject = ['validator'];

  constructor(validator: Validator) {
    for (const method of ['validateField', 'validateFieldInstance'] as const) {
      const original = validator[method].bind(validator);
      validator[method] = (...args: [unknown, unknown]) =>
        original(...args)
          .filter((message) => !(LIMIT_NOT_A_NUMBER.has(message) && !isNumeric(args[1])))
          .map(translateFormJsText);
    }
  }
}
