/**
 * Example start data from a start form's fields, for Play: each field's key with a value of its kind (the first
 * option of a choice, today for a date, 1 for a number, 示例 or a text its pattern accepts); the analyst edits it
 * before starting.
 */
interface Component {
  type?: string;
  key?: string;
  path?: string;
  values?: { value: unknown }[];
  components?: Component[];
  validate?: { pattern?: string };
}

export function exampleData(schema: { components?: Component[] }): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const visit = (components: Component[] = []) => {
    for (const component of components) {
      if (component.components && component.type !== 'dynamiclist') visit(component.components);
      if (!component.key) continue;
      const value = exampleOf(component);
      if (value !== undefined) data[component.key] = value;
    }
  };
  visit(schema.components);
  return data;
}

function exampleOf(component: Component): unknown {
  switch (component.type) {
    case 'textfield':
    case 'textarea':
      return component.key?.toLowerCase().includes('idnumber') ? '630103196503152014' : textMatching(component.validate?.pattern);
    case 'number':
      return 1;
    case 'datetime':
      return new Date().toISOString().slice(0, 10);
    case 'checkbox':
      return true;
    case 'radio':
    case 'select':
      return component.values?.[0]?.value;
    case 'checklist':
    case 'taglist':
      return component.values?.[0] ? [component.values[0].value] : [];
    default:
      return undefined;
  }
}

/** A text the field's pattern accepts (an amount, a number, a phone number …), else 示例 for the analyst to edit. */
function textMatching(pattern: string | undefined): string {
  const candidates = ['示例', '100.00', '1', '13800000000', '2026-01-01', '630100'];
  if (!pattern) return candidates[0]!;
  try {
    const accepts = new RegExp(pattern);
    return candidates.find((candidate) => accepts.test(candidate)) ?? candidates[0]!;
  } catch {
    return candidates[0]!;
  }
}
