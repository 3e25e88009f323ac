/**
 * A form's date field holding a half-typed date (half-typed-date.ts) is marked wrong — 请输入完整日期，如 2026-12-07 —
 * under the field and in the errors `form.submit()` returns, so the form is not submitted without the date she meant
 * to give: form-js's `validator` decorated (as chinese-validation.ts), its date fields' errors joined by this one
 * while their text is no whole date; and the field checked again as soon as its text became, or stopped being, one
 * (form-js checks a field when its value changes, and a half-typed date changes none when the field had none).
 *
 * What this relies on in @bpmn-io/form-js-viewer 1.23.0 (form-js-version.unit.test.ts): a date field's input id is
 * `fjs-form-<form's _id>-<field id>[_<index>…]-date` (form-js's prefixId, not exported); the injector's `form`,
 * `formFieldRegistry`, `formFieldInstanceRegistry` and `viewerCommands.updateFieldInstanceValidation`.
 */
import { HALF_TYPED_CHANGED, isHalfTypedDate } from './half-typed-date.js';

export const HALF_TYPED_DATE_MESSAGE = '请输入完整日期，如 2026-12-07';

interface FieldInstance {
  id: string;
  valuePath: (string | number)[];
  indexes?: Record<string, number>;
}

interface Validator {
  validateFieldInstance(fieldInstance: FieldInstance, value: unknown): string[];
}

interface FormLike {
  _id: string;
  _getState(): { data: Record<string, unknown> };
}

export class HalfTypedDateValidation {
  static $inject = ['validator', 'form', 'formFieldRegistry', 'formFieldInstanceRegistry', 'viewerCommands', 'eventBus'];

  constructor(
    validator: Validator,
    private readonly form: FormLike,
    private readonly fields: { get(id: string): { type?: string; subtype?: string } | undefined },
    private readonly instances: { getAllKeyed(): FieldInstance[] },
    private readonly commands: { updateFieldInstanceValidation(fieldInstance: FieldInstance, value: unknown): void },
    eventBus: { on(event: string, callback: () => void): void },
  ) {
    const original = validator.validateFieldInstance.bind(validator);
    validator.validateFieldInstance = (fieldInstance, value) => {
      const errors = original(fieldInstance, value);
      const input = this.dateInputOf(fieldInstance);
      return input && isHalfTypedDate(input.value) ? [HALF_TYPED_DATE_MESSAGE, ...errors.filter((error) => error !== HALF_TYPED_DATE_MESSAGE)] : errors;
    };
    const checkAgain = (event: Event) => this.checkAgain(event.target);
    document.addEventListener(HALF_TYPED_CHANGED, checkAgain);
    eventBus.on('form.destroy', () => document.removeEventListener(HALF_TYPED_CHANGED, checkAgain));
  }

  /** The text input of a date field's instance in this form, if it is one. */
  private dateInputOf(fieldInstance: FieldInstance): HTMLInputElement | null {
    const field = this.fields.get(fieldInstance.id);
    if (field?.type !== 'datetime' || field.subtype === 'time') return null;
    const indexes = Object.values(fieldInstance.indexes ?? {})
      .map((index) => `_${index}`)
      .join('');
    return document.getElementById(`fjs-form-${this.form._id}-${fieldInstance.id}${indexes}-date`) as HTMLInputElement | null;
  }

  /** The field whose date input `target` is, checked again with its value (a field of another form: none). */
  private checkAgain(target: EventTarget | null): void {
    const fieldInstance = this.instances.getAllKeyed().find((instance) => this.dateInputOf(instance) === target);
    if (!fieldInstance) return;
    const value = fieldInstance.valuePath.reduce<unknown>((at, key) => (at as Record<string | number, unknown> | undefined)?.[key], this.form._getState().data);
    this.commands.updateFieldInstanceValidation(fieldInstance, value);
  }
}
