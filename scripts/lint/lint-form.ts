/**
 * Lints one Camunda form (`forms/*.form`, form-js 1.23 schema):
 *
 * 1. `form-json`: the file parses as JSON;
 * 2. `form-schema`: a top-level `id` (what `zeebe:formDefinition formId` names), `type: "default"` and a
 *    `components` array; every component an object with a string `type`, an `id` (unique in the form), and a
 *    `key` unique within its data scope (the form, or the `path` of a group / dynamic list);
 * 3. `execution-platform`: `executionPlatform: "Camunda Cloud"`, `executionPlatformVersion: "8.8.x"`
 *    (@camunda/form-linting lints nothing without them); missing or other → error, linted as 8.8.0 anyway;
 * 4. `form-linting`: @camunda/form-linting (component types and properties Camunda 8.8 supports);
 * 5. `form-feel`: every string starting with `=` anywhere in a component (`conditional.hide`, `validate` entries,
 *    `valuesExpression`, …), parsed with @bpmn-io/feel-lint. form-linting looks only at top-level properties,
 *    and form-js silently ignores a broken expression at run time (the field just stays visible). Its own
 *    "Invalid FEEL expression" reports are dropped, as this check covers them with the parser's message;
 * 6. `readonly-copy`: a keyed field with `readonly: true` is a copy of what another step recorded, and form-js submits
 *    a readonly field on 办结 (a text field's value as a string) over the variable a 补正 or repair may have
 *    corrected meanwhile: a copy is `disabled: true` (docs/modeling-conventions.md; the web apps still let Tab reach
 *    it). A FEEL `readonly` (read-only only in some cases) is not reported. Inside a dynamic list or a group with a `path`
 *    the message says to disable every field of the list: form-js submits the list without its disabled fields;
 * 7. `partly-disabled-list` (error): a dynamic list or a group with a `path` with disabled and submitted fields, which
 *    办结 would submit without the disabled ones, over the variable;
 * 8. `disabled-validate`: a disabled field with `validate` rules. form-js validates a field opened with a value whether
 *    or not it is disabled, so a copy that breaks a rule (a value repaired in the old format) shows a red error the clerk
 *    cannot fix.
 */
import type { ChoiceList, ShownField, SubmittedField } from './cross-file-checks.js';
import { NO_ELEMENT, toSeverity, type Finding, type Severity } from './finding.js';
import type { CamundaLinters } from './camunda-linters.js';
import { EXECUTION_PLATFORM, EXECUTION_PLATFORM_VERSION } from './lint-bpmn.js';

export interface FormLintResult {
  findings: Finding[];
  /** The form's top-level id, when it has one. */
  formId: string | undefined;
  /** Its fields of fixed options, for the cross-file checks. */
  choiceLists: ChoiceList[];
  /** Its read-only fields without options, for the cross-file checks. */
  shownFields: ShownField[];
  /** Its fields form-js submits that bind a case variable (not inside a group path or a dynamic list), for the cross-file checks. */
  submittedFields: SubmittedField[];
}

export function lintForm(file: string, text: string, linters: CamundaLinters): FormLintResult {
  const findings: Finding[] = [];
  let formElement = NO_ELEMENT;
  const report: Report = (severity, elementId, rule, message) =>
    findings.push({ file, severity, elementId: elementId || formElement, rule, message });

  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    report('error', undefined, 'form-json', `not valid JSON: ${(error as Error).message}`);
    return { findings, formId: undefined, choiceLists: [], shownFields: [], submittedFields: [] };
  }
  if (!isObject(schema)) {
    report('error', undefined, 'form-schema', 'a form is a JSON object');
    return { findings, formId: undefined, choiceLists: [], shownFields: [], submittedFields: [] };
  }

  const formId = typeof schema.id === 'string' && schema.id.trim() !== '' ? schema.id : undefined;
  if (formId) formElement = formId;
  else report('error', undefined, 'form-schema', 'top-level "id" is missing: it is what zeebe:formDefinition formId links to');
  if (schema.type !== 'default') {
    report('error', undefined, 'form-schema', `top-level "type" must be "default", not ${describe(schema.type)}`);
  }
  if (!Array.isArray(schema.components)) {
    report('error', undefined, 'form-schema', '"components" must be an array');
    return { findings, formId, choiceLists: [], shownFields: [], submittedFields: [] };
  }

  const components = checkComponents(schema.components, report);

  const platformProblems: string[] = [];
  if (schema.executionPlatform !== EXECUTION_PLATFORM) platformProblems.push(`"executionPlatform" is ${describe(schema.executionPlatform)}`);
  if (typeof schema.executionPlatformVersion !== 'string' || !schema.executionPlatformVersion.startsWith('8.8.')) {
    platformProblems.push(`"executionPlatformVersion" is ${describe(schema.executionPlatformVersion)}`);
  }
  if (platformProblems.length > 0) {
    report(
      'error',
      undefined,
      'execution-platform',
      `${platformProblems.join(' and ')}: this project deploys to Camunda 8.8, set "executionPlatform": "${EXECUTION_PLATFORM}", ` +
        `"executionPlatformVersion": "${EXECUTION_PLATFORM_VERSION}" (linted as 8.8 anyway)`,
    );
  }

  const forced = { ...schema, executionPlatform: EXECUTION_PLATFORM, executionPlatformVersion: EXECUTION_PLATFORM_VERSION };
  try {
    for (const r of linters.lintForm(forced)) {
      if (r.message.startsWith('Invalid FEEL expression')) continue; // covered by form-feel
      // this project's convention (docs/modeling-conventions.md): a read-only copy is disabled so that form-js does not
      // submit it over what an earlier step recorded; the advice to use read-only instead would undo that
      if (r.message.startsWith('The use of disabled fields is not recommended')) continue;
      report(toSeverity(r.category), r.id, 'form-linting', r.message);
    }
  } catch (error) {
    // form-linting assumes a well-formed schema (it crashes on a component without a type, for one).
    const hint = findings.some((f) => f.rule === 'form-schema' && f.severity === 'error') ? ' (fix the form-schema errors first)' : '';
    report('error', undefined, 'form-linting', `@camunda/form-linting failed: ${(error as Error).message}${hint}`);
  }

  for (const { component, id, list } of components) {
    if (component.readonly === true && typeof component.key === 'string') {
      // in a dynamic list or a group with a path, form-js submits the list without a disabled member: every one is disabled
      const fix = list
        ? `disable every field of the list "${list.key}" ("disabled": true on each: a list with one disabled field is submitted without it, over the variable)`
        : 'show a copy with "disabled": true instead (not submitted)';
      report('warn', id, 'readonly-copy', `field "${component.key}" is readonly: form-js submits it on completion, writing the copy over the variable; ${fix}`);
    }
  }

  const members = new Map<string, { list: ListScope; disabled: string[]; submitted: string[] }>();
  for (const { component, list } of components) {
    if (!list || typeof component.key !== 'string') continue;
    const entry = members.get(list.label) ?? { list, disabled: [], submitted: [] };
    (component.disabled === true ? entry.disabled : entry.submitted).push(component.key);
    members.set(list.label, entry);
  }
  for (const { list, disabled, submitted } of members.values()) {
    if (disabled.length === 0 || submitted.length === 0) continue;
    report(
      'error',
      list.id,
      'partly-disabled-list',
      `list "${list.key}" has disabled fields (${disabled.join(', ')}) and submitted ones (${submitted.join(', ')}): form-js submits the list ` +
        'without its disabled fields, over the variable, so their values are lost; disable every field of the list, or none',
    );
  }

  for (const { component, id } of components) {
    if (component.disabled === true && isObject(component.validate) && Object.keys(component.validate).length > 0) {
      report(
        'warn',
        id,
        'disabled-validate',
        `disabled field "${String(component.key ?? id)}" has "validate" rules: form-js checks a field opened with a value even when it is disabled, ` +
          'so a copy that breaks them shows an error the clerk cannot fix; remove "validate" from the copy',
      );
    }
  }

  for (const { component, id } of components) {
    for (const [path, value] of expressionsOf(component)) {
      // One finding per expression: after the first syntax error the parser's further complaints are echoes.
      const [first, ...more] = linters.lintFeel(value.slice(1));
      if (!first) continue;
      const others = more.length > 0 ? ` (+${more.length} more)` : '';
      report(
        toSeverity(first.severity),
        id,
        'form-feel',
        `${first.type} in <${path}> at ${first.from}: ${first.message}${others} in ${JSON.stringify(value)}`,
      );
    }
  }

  return {
    findings,
    formId,
    choiceLists: components.flatMap(choiceListOf),
    shownFields: components.flatMap(shownFieldOf),
    submittedFields: components.flatMap(submittedFieldOf),
  };
}

// helpers

/** A keyed field without options that only shows its value (readonly or disabled, not by a FEEL expression). */
function shownFieldOf({ component, id, scope }: ComponentEntry): ShownField[] {
  if (!id || typeof component.key !== 'string' || typeof component.type !== 'string' || 'values' in component || 'valuesKey' in component || 'valuesExpression' in component) return [];
  if (component.readonly !== true && component.disabled !== true) return [];
  return [{ key: [...scope, component.key].join('.'), elementId: id, type: component.type }];
}

/** A keyed field bound to a case variable of its own name that form-js submits: every one not `disabled: true` (readonly ones too). */
function submittedFieldOf({ component, id, scope }: ComponentEntry): SubmittedField[] {
  if (!id || typeof component.key !== 'string' || scope.length > 0 || component.disabled === true) return [];
  // a FEEL `readonly` is readonly in some cases: reported as readonly, still submitted
  return [{ key: component.key, elementId: id, readonly: component.readonly === true || isFeelReadonly(component) }];
}

function choiceListOf({ component, id, scope }: ComponentEntry): ChoiceList[] {
  if (!id || typeof component.key !== 'string' || !Array.isArray(component.values)) return [];
  const values = component.values.flatMap((option) => (isObject(option) && (typeof option.value === 'string' || typeof option.value === 'number') ? [String(option.value)] : []));
  // a FEEL `readonly` may hold at run time: such a list is no source of options either
  const readonly = component.readonly === true || isFeelReadonly(component);
  return [{ key: [...scope, component.key].join('.'), elementId: id, disabled: component.disabled === true, readonly, values }];
}

function isFeelReadonly(component: JsonObject): boolean {
  return typeof component.readonly === 'string' && component.readonly.startsWith('=');
}

type Report = (severity: Severity, elementId: string | undefined, rule: string, message: string) => void;
type JsonObject = Record<string, unknown>;

interface ComponentEntry {
  component: JsonObject;
  /** Its id, or undefined (then findings name the form). */
  id: string | undefined;
  /** The `path`s of the groups around it, a dynamic list's with `[]` (its key binds under them). */
  scope: string[];
  /** The innermost dynamic list or group with a path around it (form-js submits it whole). */
  list: ListScope | undefined;
}

interface ListScope {
  id: string | undefined;
  /** Its id or position, to tell lists apart. */
  label: string;
  /** Its path (a dynamic list without one: its id). */
  key: string;
}

/** Checks the components' shape, ids and keys, and returns every component (nested ones included). */
function checkComponents(top: unknown[], report: Report): ComponentEntry[] {
  const entries: ComponentEntry[] = [];
  const ids = new Set<string>();

  const walk = (list: unknown[], where: string, keys: Map<string, string>, scope: string[], around: ListScope | undefined) => {
    list.forEach((component, index) => {
      const position = `${where}[${index}]`;
      if (!isObject(component)) {
        report('error', undefined, 'form-schema', `${position} is not an object`);
        return;
      }
      const id = typeof component.id === 'string' && component.id !== '' ? component.id : undefined;
      const label = id ?? position;
      if (!id) report('warn', undefined, 'form-schema', `${position} has no "id" (form-js makes one up on every import)`);
      else if (ids.has(id)) report('error', id, 'form-schema', `component id "${id}" is used twice`);
      else ids.add(id);
      if (typeof component.type !== 'string' || component.type === '') {
        report('error', id, 'form-schema', `${label} has no "type"`);
      }
      if ('key' in component) {
        if (typeof component.key !== 'string' || component.key.trim() === '') {
          report('error', id, 'form-schema', `${label} has an empty or non-string "key"`);
        } else if (keys.has(component.key)) {
          report('error', id, 'form-schema', `key "${component.key}" is also bound by ${keys.get(component.key)} in the same data scope`);
        } else {
          keys.set(component.key, label);
        }
      }
      entries.push({ component, id, scope, list: around });
      if ('components' in component) {
        if (!Array.isArray(component.components)) {
          report('error', id, 'form-schema', `${label}: "components" must be an array`);
          return;
        }
        // A group with a path, and every dynamic list, binds its children under a scope of their own.
        const path = typeof component.path === 'string' && component.path !== '' ? component.path : undefined;
        const scoped = path !== undefined || component.type === 'dynamiclist';
        const inner = component.type === 'dynamiclist' ? [...scope, `${path ?? ''}[]`] : path !== undefined ? [...scope, path] : scope;
        const inside = scoped ? { id, label, key: path ?? label } : around;
        walk(component.components, `${position}.components`, scoped ? new Map() : keys, inner, inside);
      }
    });
  };

  walk(top, 'components', new Map(), [], undefined);
  return entries;
}

/** Every string starting with `=` among a component's own properties (not its child components), with its path. */
function expressionsOf(component: JsonObject): [string, string][] {
  const found: [string, string][] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (value.startsWith('=')) found.push([path, value]);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`);
    }
  };
  for (const [key, value] of Object.entries(component)) if (key !== 'components') visit(value, key);
  return found;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}
