/**
 * Validation messages in Chinese at their source: decorates form-js's `validator` service so that both the
 * messages under the fields and the errors `form.submit()` returns are Chinese. Messages a form author wrote
 * (`patternErrorMessage`) are Chinese already and pass through unchanged.
 */
import { translateFormJsText } from './form-js-translations.js';

interface Validator {
  validateField(field: unknown, value: unknown): string[];
  validateFieldInstance(fieldInstance: unknown, value: unknown): string[];
}

export class ChineseValidation {
  static $inject = ['validator'];

  constructor(validator: Validator) {
    for (const method of ['validateField', 'validateFieldInstance'] as const) {
      const original = validator[method].bind(validator);
      validator[method] = (...args: [unknown, unknown]) => original(...args).map(translateFormJsText);
    }
  }
}
