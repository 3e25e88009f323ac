/**
 * A limit computed from other fields (`validate.max: "=… number(totalExpenses) - number(seriousIllnessPayment) …"`)
 * checked again when those fields change. form-js 1.23 checks a field only when it changes, when it is first left,
 * and on submit: of two fund payments that together pass the total only the one typed last was marked, and once 办结
 * had marked both, correcting one left the other's message standing though it fitted again. After each change of the
 * form, every field with a FEEL `min` or `max` and a value is checked again — once the form has rendered the change,
 * as a field's FEEL reads the data of the last render — and only a field whose messages differ is updated, so the
 * update's own change ends there.
 */

interface FieldInstance {
  id: string;
  valuePath: (string | number)[];
  indexes?: Record<string, number>;
}

interface Field {
  disabled?: unknown;
  validate?: { min?: unknown; max?: unknown };
}

interface FormState {
  data: Record<string, unknown>;
  errors: Record<string, unknown>;
  properties: { readOnly?: boolean; disabled?: boolean };
}

interface EventBus {
  on(event: string, callback: () => void): void;
}

export class ComputedLimits {
  static $inject = ['eventBus', 'form', 'formFieldRegistry', 'formFieldInstanceRegistry', 'viewerCommands', 'validator'];

  constructor(
    eventBus: EventBus,
    form: { _getState(): FormState },
    formFieldRegistry: { get(id: string): Field | undefined },
    instances: { getAllKeyed(): FieldInstance[] },
    viewerCommands: { updateFieldInstanceValidation(instance: FieldInstance, value: unknown): void },
    validator: { validateFieldInstance(instance: FieldInstance, value: unknown): string[] },
  ) {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const checkAgain = () => {
      pending = undefined;
      const { data, errors, properties } = form._getState();
      if (properties.readOnly || properties.disabled) return;
      for (const instance of instances.getAllKeyed()) {
        const field = formFieldRegistry.get(instance.id);
        if (!field || field.disabled === true || !hasComputedLimit(field)) continue;
        const value = valueAt(data, instance.valuePath);
        if (value === undefined || value === null || value === '') continue;
        const shown = valueAt(errors, [instance.id, ...Object.values(instance.indexes ?? {})]) ?? [];
        const now = validator.validateFieldInstance(instance, value);
        if (JSON.stringify(now) !== JSON.stringify(shown)) viewerCommands.updateFieldInstanceValidation(instance, value);
      }
    };
    // after the render the change causes (preact renders in a microtask; a timer runs after it)
    eventBus.on('changed', () => {
      pending ??= setTimeout(checkAgain, 0);
    });
    eventBus.on('form.destroy', () => clearTimeout(pending));
  }
}

function hasComputedLimit(field: Field): boolean {
  const isFeel = (bound: unknown) => typeof bound === 'string' && bound.startsWith('=');
  return isFeel(field.validate?.min) || isFeel(field.validate?.max);
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let value = root;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}
