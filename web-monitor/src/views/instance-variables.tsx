/**
 * The case's variables per scope (the case itself first, then the steps that hold local ones), each by the Chinese
 * label of the task list's 案件数据 with its technical name beneath (repairs go by it), in the labels' dictionary
 * order (the ones without a label after, by name), as the task list lists them. Values read as staff read them
 * (web-shared/src/format/variable-value.ts: amounts as ¥, 是/否, option labels, dates, lists joined with 、);
 * 显示原始值（JSON） shows them as the engine holds them. ID numbers, bank accounts and diagnoses are masked in both,
 * before a value is worded. 修改 opens the whole value as JSON and sets it on its own scope
 * (`PUT /v2/element-instances/{scopeKey}/variables`, local), the usual repair before an incident is resolved. A value
 * holding personal data opens masked and read-only: the repairer asks for it with 显示原值 before editing, and a
 * masked text is never saved as the value (see docs/case-repair.md: a safeguard of the page, not of the server).
 * A read that fails says why beside 重试. A re-read that fails (after an edit, a 重新读取) leaves the values the last
 * read that worked showed, under a note that says when that was and that they may be stale, beside 重新读取: an
 * earlier read of this case's is not thrown away for a failed one.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ElementInstance, Variable } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { sortByLabel, variableLabel, type VariableLabels } from '../../../web-shared/src/format/variable-labels.js';
import { formatVariableValue } from '../../../web-shared/src/format/variable-value.js';
import { maskValue, maskVariableValue, personalDataKind } from '../../../web-shared/src/masking/personal-data.js';
import { parseExact, stringifyExact } from '../../../web-shared/src/api/exact-json.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { maskPersonalValuesIn, maskPersonalValuesInData, mergePersonalValues, personalValuesOfVariables, type PersonalValue } from '../../../web-shared/src/masking/personal-values-in-text.js';
import type { PersonalValues } from '../../../web-shared/src/masking/use-personal-values.js';
import { zh } from '../../../web-shared/src/i18n/zh-cn.js';
import { readAllVariables } from '../../../web-shared/src/api/read-all-variables.js';
import type { OwnRepairs } from '../own-repairs.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

export function InstanceVariables({
  processInstanceKey,
  processId,
  editable,
  revision,
  repairs,
  personal: caseValues,
  onChanged,
  onFailed,
}: {
  processInstanceKey: string;
  processId: string;
  editable: boolean;
  revision: number;
  /** The values saved here: shown as sent, marked 已提交, until a read shows them. */
  repairs: OwnRepairs;
  /** The case's personal values as the case page read them (earlier ones kept), to mask where a text quotes them. */
  personal: PersonalValues;
  onChanged: (text: string) => void;
  onFailed: (failure: unknown) => void;
}) {
  const { client } = useSession();
  const labels = useMonitorData().catalog.variableLabels;
  const [variables, setVariables] = useState<Variable[] | undefined>(undefined);
  // the case and the moment of the last read that worked: its values stay shown, as stale, when a re-read fails
  const [readAt, setReadAt] = useState<{ processInstanceKey: string; at: number } | undefined>(undefined);
  // why the last read of which case failed (the sentence worded for the panel when shown): kept while a re-read is
  // on its way, so the note and its button stay until it answers — cleared when a read works, not when one starts
  const [failed, setFailed] = useState<{ processInstanceKey: string; failure: Failure } | undefined>(undefined);
  const readError = failed?.processInstanceKey === processInstanceKey ? failed.failure : undefined;
  // a read on its way: 重试 / 重新读取 say 读取中… and send nothing more
  const [reading, setReading] = useState(false);
  // 重试 reads them again
  const [attempt, setAttempt] = useState(0);
  const retry = () => setAttempt((count) => count + 1);
  // after a 重试 that succeeds the focus goes to the list (the button it was on is gone), not to the page's start
  const retried = useRef(false);
  const list = useRef<HTMLDivElement>(null);
  const [raw, setRaw] = useState(false);
  const [scopes, setScopes] = useState<Map<string, ElementInstance>>(new Map());
  const [editing, setEditing] = useState<Editing | undefined>(undefined);
  const editBox = useRef<HTMLTextAreaElement>(null);
  // a 保存 being sent: a second click or Ctrl+Enter sends nothing (the ref answers before the page re-renders)
  const saving = useRef(false);
  const [, setSaving] = useState(false);
  const revealButton = useRef<HTMLButtonElement>(null);
  const opened = editing ? `${editing.variable.variableKey}:${editing.masked}` : undefined;
  // the case's ID numbers, bank accounts and diagnoses, masked also where another variable quotes them (a reason):
  // the page's (which keeps a value corrected since, that an older reason may still quote) and this read's
  const personal = useMemo(() => mergePersonalValues(caseValues.values ?? [], personalValuesOfVariables(variables ?? [])), [caseValues.values, variables]);

  // the focus follows the box: to 显示原值 while the value is masked, to the value once it can be edited; in the
  // same commit as the render, as the focused 显示原值 is removed by it and would leave the focus on the page's body
  useLayoutEffect(() => {
    if (!editing) return;
    (editing.masked ? revealButton.current : editBox.current)?.focus();
  }, [opened]);

  // a newer read (another case, a revision) or the page's end cancels this one's requests
  useEffect(() => {
    const reads = new AbortController();
    const { signal } = reads;
    setReading(true);
    void (async () => {
      const { items: found } = await readAllVariables((after, limit) =>
        client.searchVariables({ filter: { processInstanceKey }, sort: [{ field: 'name', order: 'asc' }], page: after ? { after, limit } : { limit } }, { signal }),
      );
      const elements = await client.searchElementInstances({ filter: { processInstanceKey }, page: { limit: 1000 } }, { signal });
      if (signal.aborted) return;
      repairs.readVariables(found);
      setScopes(new Map(elements.items.map((element) => [element.elementInstanceKey, element])));
      setVariables(found);
      setReadAt({ processInstanceKey, at: Date.now() });
      setFailed(undefined);
      setReading(false);
    })().catch((failure: Error) => {
      if (signal.aborted) return;
      setFailed({ processInstanceKey, failure: failureOf(failure) });
      setReading(false);
    });
    return () => reads.abort();
  }, [client, processInstanceKey, revision, repairs, attempt]);

  // the whole value of a cut one that 修改 is reading: another 修改, or the page's end, cancels it (its late answer
  // would open the box on the variable clicked before)
  const wholeRead = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => wholeRead.current?.abort(), []);

  // a reason may quote a value only the case page's read holds: the list waits for it, and is not shown without it
  // (a failed read of the case's personal values is read again with the variables)
  // a re-read of this case's variables failed after one that worked: those values, marked as of then
  const staleSince = readError && !caseValues.failed && variables !== undefined && caseValues.values !== undefined && readAt?.processInstanceKey === processInstanceKey ? readAt.at : undefined;
  const unread: Failure | undefined = caseValues.failed
    ? { text: zh.masking.uncheckedRetry }
    : readError && staleSince === undefined
      ? { ...readError, text: t.instance.variablesUnread(readError.text) }
      : undefined;
  const shown = unread === undefined && staleSince === undefined && variables !== undefined && caseValues.values !== undefined;
  useEffect(() => {
    if (!shown || !retried.current) return;
    retried.current = false;
    (list.current?.querySelector<HTMLElement>('h3') ?? list.current?.querySelector<HTMLElement>('input'))?.focus();
  }, [shown]);
  if (unread !== undefined) {
    return (
      <div class="variables" data-testid="variables">
        <ErrorNotice class="banner error" failure={unread} />
        <button
          aria-disabled={reading ? 'true' : undefined}
          onClick={() => {
            if (reading) return;
            retried.current = true;
            if (caseValues.failed) caseValues.retry();
            retry();
          }}
        >
          {reading ? t.instance.reading : t.instance.retry}
        </button>
      </div>
    );
  }
  if (!variables || !caseValues.values) return <p class="muted">{t.common.loading}</p>;
  const byScope = new Map<string, Variable[]>();
  for (const variable of variables) byScope.set(variable.scopeKey, [...(byScope.get(variable.scopeKey) ?? []), variable]);
  const order = [...byScope.keys()].sort((a, b) => (a === processInstanceKey ? -1 : b === processInstanceKey ? 1 : a.localeCompare(b)));

  const edit = async (variable: Variable) => {
    wholeRead.current?.abort();
    const read = new AbortController();
    wholeRead.current = read;
    try {
      const whole = variable.isTruncated ? await client.getVariable(variable.variableKey, { signal: read.signal }) : variable;
      if (!read.signal.aborted) setEditing(editingOf(variable, whole.value, personal));
    } catch (failure) {
      if (!read.signal.aborted) onFailed(failure);
    }
  };

  const save = async () => {
    if (!editing || saving.current) return;
    if (editing.masked) {
      setEditing({ ...editing, error: t.instance.revealFirst });
      return;
    }
    let value: unknown;
    try {
      value = parseExact(editing.text);
    } catch {
      setEditing({ ...editing, error: t.instance.invalidJson });
      return;
    }
    if (editing.maskedText !== undefined && stringifyExact(value) === stringifyExact(parseExact(editing.maskedText))) {
      setEditing({ ...editing, error: t.instance.maskNotSaved });
      return;
    }
    saving.current = true;
    setSaving(true);
    try {
      await client.setVariables(editing.variable.scopeKey, { [editing.variable.name]: value }, true);
      repairs.set(editing.variable.scopeKey, editing.variable.name, value, editing.whole);
      setEditing(undefined);
      onChanged(t.instance.saved(editing.variable.name));
    } catch (failure) {
      setEditing({ ...editing, error: failureOf(failure) });
    } finally {
      saving.current = false;
      setSaving(false);
    }
  };

  return (
    <div class="variables" data-testid="variables" ref={list}>
      {staleSince !== undefined && readError && (
        <ErrorNotice class="banner notice" testId="variables-stale" failure={{ ...readError, text: t.instance.variablesStale(formatDateTime(staleSince), readError.text) }}>
          {' '}
          <button
            aria-disabled={reading ? 'true' : undefined}
            onClick={() => {
              if (reading) return;
              retried.current = true;
              retry();
            }}
          >
            {reading ? t.instance.reading : t.instance.readAgain}
          </button>
        </ErrorNotice>
      )}
      <label class="raw-toggle">
        <input type="checkbox" checked={raw} onChange={(event) => setRaw((event.target as HTMLInputElement).checked)} /> {t.instance.showRaw}
      </label>
      {order.map((scopeKey) => (
        <div key={scopeKey} class="scope">
          <h3 tabIndex={-1}>
            {t.instance.scope}：{scopeKey === processInstanceKey ? t.instance.caseScope : (scopes.get(scopeKey)?.elementName ?? scopeKey)}
          </h3>
          <table class="data">
            <thead>
              <tr>
                <th>{t.instance.name}</th>
                <th>{t.instance.value}</th>
                {editable && <th />}
              </tr>
            </thead>
            <tbody>
              {sortByLabel(labels, byScope.get(scopeKey)!, processId).map((read) => {
                const variable = repairs.variableOf(read);
                const label = variableLabel(labels, variable.name, processId);
                return (
                  <tr key={variable.variableKey} data-variable={variable.name}>
                    <td class="name">
                      {label && <span class="label">{label}</span>}
                      <span class="technical-name">{variable.name}</span>
                    </td>
                    <td class="value">
                      {editing?.variable.variableKey === variable.variableKey ? (
                        <div class="edit-value">
                          <textarea
                            ref={editBox}
                            aria-label={`${variable.name} ${t.instance.value}`}
                            class={editing.masked ? 'masked' : undefined}
                            readOnly={editing.masked}
                            rows={Math.min(8, editing.text.split('\n').length + 1)}
                            value={editing.text}
                            onInput={(event) => setEditing({ ...editing, text: (event.target as HTMLTextAreaElement).value, error: undefined })}
                            onKeyDown={(event) => {
                              if (event.key === 'Enter' && event.ctrlKey) void save();
                              if (event.key === 'Escape') setEditing(undefined);
                            }}
                          />
                          {editing.masked && <p class="muted">{t.instance.maskedHint}</p>}
                          {editing.error && <ErrorNotice class="error" failure={editing.error} />}
                          <div>
                            {editing.masked && (
                              <>
                                <button ref={revealButton} onClick={() => setEditing({ ...editing, masked: false, text: editing.full, error: undefined })}>
                                  {t.instance.reveal}
                                </button>{' '}
                              </>
                            )}
                            <button class="primary" disabled={saving.current} onClick={() => void save()}>
                              {saving.current ? t.instance.sending : t.instance.save}
                            </button>{' '}
                            <button onClick={() => setEditing(undefined)}>{t.instance.cancelEdit}</button>
                          </div>
                        </div>
                      ) : (
                        <>
                          <span class={raw ? 'raw' : 'readable'}>{raw ? rawValue(variable, personal) : readable(variable, personal, labels, processId)}</span>
                          {variable.submitted && <span class="tag submitted">{t.instance.valueSubmitted}</span>}
                        </>
                      )}
                    </td>
                    {editable && (
                      <td>
                        {editing?.variable.variableKey !== variable.variableKey && (
                          <button onClick={() => void edit(variable)} aria-label={`${t.instance.edit} ${variable.name}`}>
                            {t.instance.edit}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

/**
 * What the edit box holds: the whole value, and for a value with personal data its masked form as well, shown first
 * (`maskedText`, kept to refuse saving it back after the value was revealed).
 */
interface Editing {
  variable: Variable;
  /** The whole value as the server gave it (a later read showing a third value moved past the repair). */
  whole: string;
  text: string;
  full: string;
  masked: boolean;
  maskedText?: string;
  error?: Failure | string;
}

function editingOf(variable: Variable, whole: string, personal: readonly PersonalValue[]): Editing {
  const full = pretty(whole);
  const maskedText = maskedJson(variable.name, whole, personal);
  return maskedText === undefined ? { variable, whole, text: full, full, masked: false } : { variable, whole, text: maskedText, full, masked: true, maskedText };
}

/** The value with its personal data masked, as pretty JSON; undefined when it holds none. */
function maskedJson(name: string, whole: string, personal: readonly PersonalValue[]): string | undefined {
  let value: unknown;
  try {
    value = parseExact(whole);
  } catch {
    const kind = personalDataKind(name);
    if (kind) return JSON.stringify(maskValue(kind, whole));
    const masked = maskPersonalValuesIn(whole, personal);
    return masked === whole ? undefined : JSON.stringify(masked);
  }
  const masked = maskPersonalValuesInData(maskVariableValue(name, value), personal);
  return stringifyExact(masked) === stringifyExact(value) ? undefined : stringifyExact(masked, 2);
}

/**
 * The value's data with ID numbers, bank accounts and diagnoses masked, also inside lists and objects, and where
 * another variable's text quotes one of the case's (`personal`), and whether masking changed anything; undefined for
 * a value cut short (no JSON). Read with its long integers exact (an ID number stored as a number).
 */
function maskedData(variable: Variable, personal: readonly PersonalValue[]): { value: unknown; changed: boolean } | undefined {
  let read: unknown;
  try {
    read = parseExact(variable.value);
  } catch {
    return undefined;
  }
  const value = maskPersonalValuesInData(maskVariableValue(variable.name, read), personal);
  return { value, changed: stringifyExact(value) !== stringifyExact(read) };
}

/** A value cut short, masked as a whole when its name says personal data (no JSON to look into). */
function maskedCut(variable: Variable, personal: readonly PersonalValue[]): string {
  const kind = personalDataKind(variable.name);
  return kind ? maskValue(kind, variable.value) : maskPersonalValuesIn(variable.value, personal);
}

/** The value as the engine holds it (JSON: 1.50 stays 1.50), masked where it holds personal data; `…` when cut. */
function rawValue(variable: Variable, personal: readonly PersonalValue[]): string {
  const data = maskedData(variable, personal);
  const shown = !data ? maskedCut(variable, personal) : data.changed ? stringifyExact(data.value) : variable.value;
  return shown + (variable.isTruncated ? '…' : '');
}

/** The value in words (masked first: the wording only reads what is left); a value cut short as it is. */
function readable(variable: Variable, personal: readonly PersonalValue[], labels: VariableLabels, processId: string): string {
  const data = variable.isTruncated ? undefined : maskedData(variable, personal);
  return data ? formatVariableValue(variable.name, data.value, { labels, processId }) : maskedCut(variable, personal) + (variable.isTruncated ? '…' : '');
}

function pretty(text: string): string {
  try {
    return stringifyExact(parseExact(text), 2);
  } catch {
    return text;
  }
}
