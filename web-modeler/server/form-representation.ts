/**
 * Whether a form the modeler sends differs from the saved one only in how form-js writes it down.
 *
 * form-js-editor 1.23 writes a schema back with its own key order (`type`, `id`, `key` after the other keys of a
 * component, the form's own keys last), stamps its `exporter` and `schemaVersion`, and fills in the values it gives
 * a container it reads without them (`showOutline` …, see IMPORT_DEFAULTS). Opening a hand-written form and saving
 * it unchanged would otherwise record a version that changes nothing a clerk sees.
 *
 * The comparison is exact apart from that: every other key, value, string (to the character) and the order of the
 * components and of every array must be equal. `schemaVersion` only says which form-js wrote the file: the viewer
 * reads every 1.x schema alike.
 */

/** True when `sent` is `saved` written differently by form-js (key order, exporter, schemaVersion, defaults). */
export function differsOnlyInFormRepresentation(saved: string, sent: string): boolean {
  if (saved === sent) return false;
  const a = canonicalForm(saved);
  return a !== undefined && a === canonicalForm(sent);
}

/**
 * The form as one canonical JSON text — keys sorted, `exporter` and `schemaVersion` left out, form-js's import
 * defaults filled in — or undefined when the text is no JSON object (or too deeply nested to walk). Two texts with the same canonical form show and
 * submit the same in form-js; the version comparison shows this text, so it names real changes only.
 */
export function canonicalForm(text: string): string | undefined {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(schema)) return undefined;
  const { exporter: _exporter, schemaVersion: _schemaVersion, ...form } = schema;
  try {
    return `${JSON.stringify(sorted(withDefaults(form)), null, 2)}\n`;
  } catch (failure) {
    // nested deeper than the stack goes (a hand-made file thousands of levels deep): not compared — the save is then
    // taken as a change and recorded, instead of failing with a 500
    if (failure instanceof RangeError) return undefined;
    throw failure;
  }
}

// helpers

/**
 * What form-js-viewer 1.23 gives a component of these types that lacks the key, when it reads a form (its
 * `config.create`, applied on import as on creation): the task list shows the form so, and the editor writes them.
 * Only values that never depend on the rest of the component are here (not labels, not option lists).
 */
const IMPORT_DEFAULTS: Record<string, Record<string, unknown>> = {
  group: { showOutline: true },
  dynamiclist: { showOutline: true, isRepeating: true, allowAddRemove: true, defaultRepetitions: 1 },
};

function withDefaults(component: Record<string, unknown>): Record<string, unknown> {
  const defaults = typeof component.type === 'string' && Object.hasOwn(IMPORT_DEFAULTS, component.type) ? IMPORT_DEFAULTS[component.type] : {};
  const filled = { ...defaults, ...component };
  if (Array.isArray(component.components)) filled.components = component.components.map((child) => (isObject(child) ? withDefaults(child) : child));
  return filled;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted(value[key])]),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
