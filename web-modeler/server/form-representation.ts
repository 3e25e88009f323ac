/**
 * Whether a form the modeler sends differs from the saved one only in how form-js writes it down.
 *
 * form-js-editor 1.23 writes a schema back with its own key order (`type`, `id`, `key` after the other keys of a
 * component, the form's own keys last), stamps its `exporter` and `schemaVersion`, and fills in what it gives a
 * component it reads without it: the values of IMPORT_DEFAULTS (a field's English default label such as
 * `Text field`, a group's outline …) and, for a component without an `id`, an id it makes up at random
 * (`Field_0abc123`). Opening a hand-written or imported form and saving it unchanged would otherwise record a version
 * that changes nothing a clerk sees — the task list's form-js fills in the same on reading. The form's own id is
 * another matter: a form without one cannot be linked from a model (the lint's error), so the `Form_…` id form-js
 * makes up for it is written down and recorded, and the live lint the analyst saw (on form-js's schema) stays true.
 *
 * The comparison is exact apart from that: every other key, value, string (to the character) and the order of the
 * components and of every array must be equal. An id counts as made up only where the other text has no id for the
 * component at the same place (same type): an id renamed, or written where the file had one, is a change; so is a
 * label typed where there was none (unless it is form-js's own default, which the clerk saw already). A missing
 * `key` or dynamic list `path` is not taken for unchanged: form-js binds such a field to a random variable each time
 * it reads the form, and the saved one fixes it. `schemaVersion` only says which form-js wrote the file: the viewer
 * reads every 1.x schema alike.
 */

/** True when `sent` is `saved` written differently by form-js (key order, exporter, schemaVersion, defaults). */
export function differsOnlyInFormRepresentation(saved: string, sent: string): boolean {
  if (saved === sent) return false;
  const pair = canonicalForms(saved, sent);
  return pair !== undefined && pair[0] === pair[1];
}

/**
 * Two versions of a form as canonicalForm writes them, each without the ids form-js made up for a component the
 * other has without one (see above), or undefined when either is no JSON object. The version comparison shows these,
 * so an imported form's first real save shows what the analyst changed, not every id form-js gave it.
 */
export function canonicalForms(older: string, newer: string): [string, string] | undefined {
  const [a, b] = [parsedForm(older), parsedForm(newer)];
  if (a === undefined || b === undefined) return undefined;
  try {
    withoutMadeUpIds(a, b, true);
  } catch (failure) {
    if (failure instanceof RangeError) return undefined;
    throw failure;
  }
  const pair = [canonical(a), canonical(b)];
  return pair[0] !== undefined && pair[1] !== undefined ? [pair[0], pair[1]] : undefined;
}

/**
 * The form as one canonical JSON text — keys sorted, `exporter` and `schemaVersion` left out, form-js's import
 * defaults filled in — or undefined when the text is no JSON object (or too deeply nested to walk). Two texts with
 * the same canonical form show and submit the same in form-js.
 */
export function canonicalForm(text: string): string | undefined {
  const schema = parsedForm(text);
  return schema === undefined ? undefined : canonical(schema);
}

// helpers

function parsedForm(text: string): Record<string, unknown> | undefined {
  try {
    const schema: unknown = JSON.parse(text);
    return isObject(schema) ? schema : undefined;
  } catch {
    return undefined;
  }
}

function canonical(schema: Record<string, unknown>): string | undefined {
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

/**
 * What form-js-viewer 1.23 gives a component of these types that lacks the key, when it reads a form (its
 * `config.create`, applied on import as on creation): the task list shows the form so, and the editor writes them
 * (seen in Chromium: a form of every type without labels and ids, opened in the modeler and saved). A table is
 * {@link tableAsImported}: what form-js gives it depends on its columns and its id.
 */
const IMPORT_DEFAULTS: Record<string, Record<string, unknown>> = {
  textfield: { label: 'Text field' },
  textarea: { label: 'Text area' },
  number: { label: 'Number' },
  datetime: { subtype: 'date' },
  checkbox: { label: 'Checkbox' },
  checklist: { label: 'Checkbox group' },
  radio: { label: 'Radio group' },
  select: { label: 'Select' },
  taglist: { label: 'Tag list' },
  filepicker: { label: 'File picker' },
  documentPreview: { label: 'Document preview' },
  button: { label: 'Button', action: 'submit' },
  iframe: { label: 'iFrame', security: { allowScripts: true } },
  text: { text: '# Text' },
  html: { content: '' },
  spacer: { height: 60 },
  expression: { computeOn: 'change' },
  group: { label: 'Group', showOutline: true },
  dynamiclist: { label: 'Dynamic list', showOutline: true, isRepeating: true, allowAddRemove: true, defaultRepetitions: 1 },
};

/** The option list form-js gives these types when they have none and take none from a variable or expression. */
const OPTIONS_DEFAULT = { types: ['checklist', 'radio', 'select', 'taglist'], values: [{ label: 'Value', value: 'value' }] };

/**
 * The id form-js makes up for a component read without one: `nextPrefixed('Field_')` of ids 3 (`new Ids([32, 36, 1])`
 * in form-js-viewer), 32 random bits in base 36 by `hat` — always 7 characters, six random ones after a leading digit
 * (0 or 1; a few more bits after a collision still give 7, led by a digit). An id an analyst typed in that prefix —
 * `Field_applicant`, `Field_address` — is not that shape, and is hers: never dropped.
 */
const MADE_UP_ID = /^Field_[0-9][0-9a-z]{6}$/;

/**
 * What a made-up id is replaced with for the comparison: JSON.stringify leaves a symbol-valued key out, as if the
 * component had no id, while {@link tableAsImported} still sees that form-js gave it one (a table's `rowCount` stays
 * only with an id).
 */
const MADE_UP = Symbol('id made up by form-js');

/**
 * Leaves out, in place, an id that one of two components at the same place has in form-js's made-up shape and the
 * other lacks; then the same for their children, pairwise by position. Not the form's own id (see above).
 */
function withoutMadeUpIds(a: Record<string, unknown>, b: Record<string, unknown>, root = false): void {
  if (a.type !== b.type) return;
  if (!root && !Object.hasOwn(a, 'id') && typeof b.id === 'string' && MADE_UP_ID.test(b.id)) b.id = MADE_UP;
  if (!root && !Object.hasOwn(b, 'id') && typeof a.id === 'string' && MADE_UP_ID.test(a.id)) a.id = MADE_UP;
  if (!Array.isArray(a.components) || !Array.isArray(b.components)) return;
  const [children, others] = [a.components as unknown[], b.components as unknown[]];
  children.forEach((child, index) => {
    const other = others[index];
    if (isObject(child) && isObject(other)) withoutMadeUpIds(child, other);
  });
}

/**
 * A table as form-js-viewer 1.23's `Table.config.create` makes it on import (the editor imports through the
 * viewer's field factory, so it writes what the task list shows): its columns or its columns expression kept; a
 * `rowCount` only with an id of the file's own (a table read without one loses it, and gets a made-up id); and a
 * table with neither columns that each have a label and a key nor an expression replaced by form-js's demo table —
 * label `Table`, ten rows, columns ID, Name, Date — without its id (form-js makes one up: the file's own id, if it
 * had one, is gone, which stays a change).
 */
function tableAsImported(component: Record<string, unknown>): Record<string, unknown> {
  const { id, columnsExpression, columns, rowCount, ...rest } = component;
  const kept = id !== undefined && typeof rowCount === 'number' ? { ...rest, rowCount } : rest;
  const identified = id === undefined ? {} : { id };
  if (typeof columnsExpression === 'string') return { ...kept, ...identified, columnsExpression };
  if (Array.isArray(columns) && columns.every((column) => isObject(column) && typeof column.label === 'string' && typeof column.key === 'string')) {
    return { ...kept, ...identified, columns };
  }
  return { ...kept, label: 'Table', rowCount: 10, columns: DEMO_TABLE_COLUMNS };
}

const DEMO_TABLE_COLUMNS = [
  { label: 'ID', key: 'id' },
  { label: 'Name', key: 'name' },
  { label: 'Date', key: 'date' },
];

function withDefaults(component: Record<string, unknown>): Record<string, unknown> {
  if (component.type === 'table') return tableAsImported(component);
  const type = typeof component.type === 'string' ? component.type : '';
  const defaults: Record<string, unknown> = { ...(Object.hasOwn(IMPORT_DEFAULTS, type) ? IMPORT_DEFAULTS[type] : {}) };
  if (OPTIONS_DEFAULT.types.includes(type) && !component.valuesKey && !component.valuesExpression) defaults.values = OPTIONS_DEFAULT.values;
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
