/**
 * A form saved back by form-js-editor unchanged — its key order, its `exporter` and `schemaVersion`, the outline it
 * gives a dynamic list read without one — is no change: not written, no version. Every real change (a label, a key,
 * a rule, the order of components, also inside a dynamic list, or of options, a removed default, the form's id) is
 * one, also when written the form-js way at the same time. On the real FC03 application form (it has a dynamic list).
 * A form of every component type without labels and ids, as a new or imported one may be, saved back with what
 * form-js gave it on reading (its English default labels, made-up ids `Field_…`; seen in Chromium, kept in
 * fixtures/) is no change either; an id renamed, a label typed, the components reordered, or the form's own id made
 * up for a form without one (it is what a model links to) is one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalForm, canonicalForms, differsOnlyInFormRepresentation } from '../../../web-modeler/server/form-representation.js';
import { describeSaveRoundTrip } from '../../support/modeler-save-round-trip.js';

const FORM = 'forms/fc03-application.form';
const saved = readFileSync(fileURLToPath(new URL(`../../../${FORM}`, import.meta.url)), 'utf8');

type Json = Record<string, unknown>;

/**
 * As form-js-editor 1.23 writes a form it read (seen in the modeler): a component's `type`, `id`, `key` after its
 * other keys, the form's own keys after its components, its exporter and schema version, a container's outline.
 */
function asFormJsWrites(text: string): string {
  const component = (field: Json): Json => {
    const { type, id, key, components, ...rest } = field;
    const outline = (type === 'group' || type === 'dynamiclist') && rest.showOutline === undefined ? { showOutline: true } : {};
    return {
      ...rest,
      ...outline,
      ...(Array.isArray(components) ? { components: (components as Json[]).map(component) } : {}),
      type,
      id,
      ...(key === undefined ? {} : { key }),
    };
  };
  const { components, id, type, schemaVersion: _, exporter: __, ...rest } = JSON.parse(text) as Json;
  const form = { components: (components as Json[]).map(component), id, type, schemaVersion: 19, ...rest, exporter: { name: 'xining-modeler (form-js-editor)', version: '1.23.0' } };
  return `${JSON.stringify(form, null, 2)}\n`;
}

function edited(text: string, edit: (form: Json & { components: Json[] }) => void): string {
  const form = JSON.parse(text) as Json & { components: Json[] };
  edit(form);
  return `${JSON.stringify(form, null, 2)}\n`;
}

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)), 'utf8');
/** A form of every form-js component type without labels or ids, and what form-js-editor sent when it was opened in the modeler and saved. */
const bare = fixture('form-without-ids.form');
const bareSaved = fixture('form-without-ids.saved-by-form-js.form');

const list = (form: { components: Json[] }) => form.components.find((field) => field.type === 'dynamiclist')!;

describe('differsOnlyInFormRepresentation', () => {
  it('should take FC03’s application form as form-js writes it for the saved form', () => {
    const written = asFormJsWrites(saved);
    expect(written).not.toBe(saved);
    expect(list(JSON.parse(saved) as { components: Json[] }).showOutline).toBeUndefined();
    expect(differsOnlyInFormRepresentation(saved, written)).toBe(true);
    expect(differsOnlyInFormRepresentation(written, saved)).toBe(true);
  });

  it('should not call the identical text rewritten (it is simply the same), nor what is no form', () => {
    expect(differsOnlyInFormRepresentation(saved, saved)).toBe(false);
    expect(differsOnlyInFormRepresentation('{', '{ ')).toBe(false);
    expect(differsOnlyInFormRepresentation('[]', '[ ]')).toBe(false);
  });

  const changes: [string, (form: Json & { components: Json[] }) => void][] = [
    ['a label', (form) => (form.components[1]!.label = '办理途径')],
    ['a label by one space', (form) => (form.components[1]!.label = `${form.components[1]!.label as string} `)],
    ['a key', (form) => (form.components[1]!.key = 'route')],
    ['a rule', (form) => ((form.components[1]!.validate as Json).required = false)],
    ['two components swapped', (form) => form.components.splice(1, 2, form.components[2]!, form.components[1]!)],
    ['the dynamic list’s fields reordered', (form) => (list(form).components as Json[]).reverse()],
    ['two options swapped', (form) => (form.components[1]!.values as Json[]).reverse()],
    ['a component removed', (form) => form.components.pop()],
    ['the outline turned off', (form) => (list(form).showOutline = false)],
    ['a default written differently', (form) => (list(form).defaultRepetitions = 2)],
    ['the form’s id', (form) => (form.id = 'fc03-application-2')],
    ['the execution platform version', (form) => (form.executionPlatformVersion = '8.7.0')],
  ];

  it.each(changes)('should take %s changed for a change, written the form-js way or not', (_, edit) => {
    const changed = edited(saved, edit);
    expect(changed).not.toBe(edited(saved, () => undefined));
    expect(differsOnlyInFormRepresentation(saved, changed)).toBe(false);
    expect(differsOnlyInFormRepresentation(saved, asFormJsWrites(changed))).toBe(false);
    expect(differsOnlyInFormRepresentation(asFormJsWrites(saved), changed)).toBe(false);
  });

  it('should take a form nested deeper than the stack goes for changed, not fail', () => {
    // given a hand-made form with a value 5,000 levels deep, and the same text written with a trailing space
    const deep = `{"type":"default","components":[],"note":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`;

    // then it is not compared (a save records it), and nothing throws
    expect(differsOnlyInFormRepresentation(deep, `${deep} `)).toBe(false);
    expect(canonicalForm(deep)).toBeUndefined();
  });

  it('should show two versions the same way whichever wrote them, so their comparison names real changes only', () => {
    expect(canonicalForm(asFormJsWrites(saved))).toBe(canonicalForm(saved));
    expect(canonicalForm(saved)).not.toContain('schemaVersion');
    expect(canonicalForm('not json')).toBeUndefined();
  });
});

describe('a form without labels and ids (new, or imported from elsewhere)', () => {
  const madeUpIds = (text: string) => [...text.matchAll(/"id": "(Field_[0-9a-z]{7})"/g)].map((match) => match[1]!);
  const components = (form: Json & { components: Json[] }) => [...form.components, ...form.components.flatMap((component) => (component.components as Json[] | undefined) ?? [])];

  it('should take it as form-js-editor saved it unchanged for the same form, either way round', () => {
    // given what form-js-editor sent: an id for each of its 25 components (two in containers), English default labels …
    expect(madeUpIds(bare)).toEqual([]);
    expect(madeUpIds(bareSaved)).toHaveLength(25);
    expect(bareSaved).toContain('"label": "Text field"');

    // then
    expect(differsOnlyInFormRepresentation(bare, bareSaved)).toBe(true);
    expect(differsOnlyInFormRepresentation(bareSaved, bare)).toBe(true);
  });

  const changes: [string, (form: Json & { components: Json[] }) => void][] = [
    ['a made-up id renamed', (form) => (form.components[0]!.id = 'f_name')],
    ['the form’s id renamed', (form) => (form.id = 'imported-application-2')],
    ['a label typed', (form) => (form.components[0]!.label = '姓名')],
    ['a label typed inside a group', (form) => (components(form).find((component) => component.key === 'inGroup')!.label = '姓名')],
    ['a default option renamed', (form) => ((form.components.find((component) => component.type === 'select')!.values as Json[])[0]!.label = '是')],
    ['two components swapped', (form) => form.components.splice(0, 2, form.components[1]!, form.components[0]!)],
    ['a component removed', (form) => form.components.shift()],
  ];

  it.each(changes)('should take %s for a change', (_, edit) => {
    const changed = edited(bareSaved, edit);
    expect(differsOnlyInFormRepresentation(bare, changed)).toBe(false);
  });

  it('should take the id form-js made up for a form without one for a change: it is written down, a model links to it', () => {
    // given the form without its own id, and form-js's text with the id it made up for it (as seen in Chromium)
    const { id: _, ...withoutId } = JSON.parse(bare) as Json;
    const madeUp = bareSaved.replace('"id": "imported-application"', '"id": "Form_1agezrf"');

    // then
    expect(differsOnlyInFormRepresentation(`${JSON.stringify(withoutId, null, 2)}\n`, madeUp)).toBe(false);
  });

  it.each(['Field_applicant', 'Field_address', 'Field_1abcdefg'])('should take an id she typed in form-js’s prefix, %s, for a change, not for one it made up', (id) => {
    // given the form without ids, and the same form with that id written for its first component
    const typed = edited(bare, (form) => (form.components[0]!.id = id));

    // then
    expect(differsOnlyInFormRepresentation(bare, typed)).toBe(false);
    expect(differsOnlyInFormRepresentation(typed, bare)).toBe(false);
  });

  it('should take a made-up id for a change where the saved form had an id of its own', () => {
    // given the saved form with the ids form-js made up written into it (after a real save), and sent with others
    const otherIds = bareSaved.replace(/"id": "Field_[0-9a-z]{7}"/, '"id": "Field_0abcdef"');
    expect(otherIds).not.toBe(bareSaved);
    expect(differsOnlyInFormRepresentation(bareSaved, otherIds)).toBe(false);
  });

  it('should compare a version of it with the next that named one field, showing that label alone', () => {
    // given the next version: form-js's text with one label typed
    const named = edited(bareSaved, (form) => (form.components[0]!.label = '姓名'));

    // when
    const [older, newer] = canonicalForms(bare, named)!;

    // then the only changed line is the label, not the ids form-js wrote nor its default labels
    const [a, b] = [older.split('\n'), newer.split('\n')];
    expect(a).toHaveLength(b.length);
    expect(a.filter((line, index) => line !== b[index])).toEqual(['      "label": "Text field",']);
    expect(b.filter((line, index) => line !== a[index])).toEqual(['      "label": "姓名",']);
  });
});

describeSaveRoundTrip('saving a form that only came back as form-js writes it', {
  file: FORM,
  saved,
  rewritten: () => asFormJsWrites(saved),
  changed: () => asFormJsWrites(edited(saved, (form) => (form.components[1]!.label = '办理途径'))),
  message: '改办理渠道的标签',
});

// (each "written" below as form-js-editor 1.23 saved the table in Chromium, its made-up id aside)
describe('a table, as form-js reads it (Table.config.create of form-js-viewer 1.23)', () => {
  const form = (...components: Json[]) => `${JSON.stringify({ type: 'default', id: 'tables', components }, null, 2)}\n`;
  const columns = [
    { label: '项目', key: 'item' },
    { label: '金额', key: 'amount' },
  ];
  const demo = [
    { label: 'ID', key: 'id' },
    { label: 'Name', key: 'name' },
    { label: 'Date', key: 'date' },
  ];

  it.each<[string, Json, Json]>([
    ['with columns and a row count but no id: the row count gone, an id made up', { type: 'table', label: '明细', rowCount: 5, columns }, { label: '明细', columns, type: 'table', id: 'Field_0k2j3l4' }],
    ['with a columns expression and no id', { type: 'table', columnsExpression: '=cols', dataSource: '=rows' }, { dataSource: '=rows', columnsExpression: '=cols', type: 'table', id: 'Field_1a2b3c4' }],
    ['without columns or an id: form-js’s demo table', { type: 'table', label: '明细', dataSource: '=rows' }, { dataSource: '=rows', label: 'Table', rowCount: 10, columns: demo, type: 'table', id: 'Field_0zz9y8x' }],
    ['with columns lacking a key: the demo table too', { type: 'table', columns: [{ label: '项目' }] }, { label: 'Table', rowCount: 10, columns: demo, type: 'table', id: 'Field_0abcdef' }],
    ['with an id of its own and a row count: both kept', { type: 'table', id: 'details', rowCount: 5, columns }, { rowCount: 5, columns, type: 'table', id: 'details' }],
  ])('should take a table %s for form-js’s writing of the same table, not a change', (_, file, written) => {
    expect(differsOnlyInFormRepresentation(form(file), form(written))).toBe(true);
  });

  it.each<[string, Json, Json]>([
    ['its row count changed', { type: 'table', id: 'details', rowCount: 5, columns }, { rowCount: 10, columns, type: 'table', id: 'details' }],
    ['a column renamed', { type: 'table', id: 'details', columns }, { columns: [{ label: '项目名称', key: 'item' }, columns[1]], type: 'table', id: 'details' }],
    ['its own id replaced by a made-up one (form-js drops it with the demo table)', { type: 'table', id: 'details', label: '明细' }, { label: 'Table', rowCount: 10, columns: demo, type: 'table', id: 'Field_0abcdef' }],
    ['a row count given to a table without an id', { type: 'table', columns }, { rowCount: 5, columns, type: 'table', id: 'details' }],
  ])('should take %s for a change', (_, file, written) => {
    expect(differsOnlyInFormRepresentation(form(file), form(written))).toBe(false);
  });
});
