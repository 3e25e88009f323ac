/**
 * 案件查询 (Operate's instance list): cases by process, version, state, start and end dates, incident, case
 * number, applicant (its name found in the read model, then the cases asked of /v2; the read model's freshness line
 * shows above the result, as on the pages of figures) and a variable's value. The
 * filter is in the address, so a search can be shared and reloaded. Results come from /v2 with the manager's
 * session, page by page, each page with its applicants' names (case-applicants.ts) so cases can be told apart,
 * and how its completed cases ended (case-outcomes.ts: 已办结, 不予受理, 不予办理 …, and the end event's own words);
 * selecting cases leads to batch operations. A case number that is no number is refused at its field, and a search
 * that fails clears the list, so an old result never stands under a new error; while a new search is read the last
 * one's list stays, dimmed, under 正在查询… instead of its total, so it is not read as the new search's result.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ProcessInstance, ProcessInstanceFilter } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { DateInput } from '../../../web-shared/src/dates/date-input.js';
import { checkedRange } from '../../../web-shared/src/dates/date-range.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { linkProps, navigate } from '../router.js';
import { applicantsOf } from '../case-applicants.js';
import { outcomesOf, type EndedAs } from '../case-outcomes.js';
import { variableLabel } from '../../../web-shared/src/format/variable-labels.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import type { Freshness } from '../monitor-types.js';
import { BatchActions, type Selection } from './batch-actions.js';
import { FreshnessLine } from './freshness-line.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';
import { Pager } from '../../../web-shared/src/layout/pager.js';

const PAGE = 50;

export interface InstanceQuery {
  process?: string;
  version?: string;
  state?: string;
  incident?: string;
  startFrom?: string;
  startTo?: string;
  endFrom?: string;
  endTo?: string;
  key?: string;
  applicant?: string;
  variable?: string;
  value?: string;
}

type DateField = 'startFrom' | 'startTo' | 'endFrom' | 'endTo';
const DATE_FIELDS: DateField[] = ['startFrom', 'startTo', 'endFrom', 'endTo'];
/** Dates that cannot be searched by: a text that is no date (its field says so) or a range that runs backwards. */
interface DateError {
  error: string;
  kind: 'invalid' | 'order';
  fields: DateField[];
}

const FIELDS: (keyof InstanceQuery)[] = ['process', 'version', 'state', 'incident', 'startFrom', 'startTo', 'endFrom', 'endTo', 'key', 'applicant', 'variable', 'value'];

export function parseQuery(text: string): InstanceQuery {
  const params = new URLSearchParams(text);
  const query: InstanceQuery = {};
  for (const field of FIELDS) {
    const value = params.get(field);
    if (value) query[field] = value;
  }
  return query;
}

function queryText(query: InstanceQuery): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (query[field]) params.set(field, query[field]!);
  return params.toString();
}

/** Case numbers are digits (a cluster's 64-bit keys); anything else is refused before /v2 is asked. */
const isCaseNumber = (text: string | undefined) => !text || /^\d+$/.test(text.trim());

const CHINESE_ORDER = new Intl.Collator('zh-CN');

/** The query with its dates read as ISO dates, or why they cannot be searched by (the fields to mark). */
function checkedDates(query: InstanceQuery): InstanceQuery | DateError {
  const start = checkedRange(query.startFrom ?? '', query.startTo ?? '');
  if ('error' in start) return { ...start, fields: start.fields.map((end) => (end === 'from' ? 'startFrom' : 'startTo')) };
  const end = checkedRange(query.endFrom ?? '', query.endTo ?? '');
  if ('error' in end) return { ...end, fields: end.fields.map((which) => (which === 'from' ? 'endFrom' : 'endTo')) };
  return { ...query, startFrom: start.from, startTo: start.to, endFrom: end.from, endTo: end.to };
}

/** The /v2 filter of a query (undefined: the applicant matches no case, so nothing can). */
export async function instanceFilter(query: InstanceQuery, findByApplicant: (name: string) => Promise<string[]>): Promise<ProcessInstanceFilter | undefined> {
  const filter: ProcessInstanceFilter = {};
  if (query.process) filter.processDefinitionId = query.process;
  if (query.version && /^\d+$/.test(query.version)) filter.processDefinitionVersion = Number(query.version);
  if (query.state) filter.state = query.state as ProcessInstanceFilter['state'] & string;
  if (query.incident === '1') filter.hasIncident = true;
  const range = (from?: string, to?: string) =>
    from || to ? { ...(from ? { $gte: `${from}T00:00:00.000+08:00` } : {}), ...(to ? { $lte: `${to}T23:59:59.999+08:00` } : {}) } : undefined;
  const start = range(query.startFrom, query.startTo);
  if (start) filter.startDate = start;
  const end = range(query.endFrom, query.endTo);
  if (end) filter.endDate = end;
  const keys: string[][] = [];
  if (query.key) keys.push([query.key.trim()]);
  if (query.applicant) {
    const found = await findByApplicant(query.applicant.trim());
    if (found.length === 0) return undefined;
    keys.push(found);
  }
  if (keys.length > 0) {
    const common = keys.reduce((a, b) => a.filter((key) => b.includes(key)));
    if (common.length === 0) return undefined;
    filter.processInstanceKey = { $in: common };
  }
  if (query.variable && query.value !== undefined && query.value !== '') {
    filter.variables = [{ name: query.variable.trim(), value: valueFilter(query.value) }];
  }
  return filter;
}

export function InstancesPage({ query: text }: { query: string }) {
  const { client } = useSession();
  const { api, catalog, processTitle } = useMonitorData();
  const query = useMemo(() => parseQuery(text), [text]);
  const [draft, setDraft] = useState<InstanceQuery>(query);
  const [from, setFrom] = useState(0);
  // `text` and `from`: the search and page it is the answer of
  const [result, setResult] = useState<{ items: ProcessInstance[]; total: number; more: boolean; text: string; from: number } | undefined>(undefined);
  // the page's applicants by case number, read with the page (one request); a string: why they could not be read
  const [applicants, setApplicants] = useState<Map<string, string> | string>(new Map());
  // how the page's completed cases ended, read with the page; a string: why it could not be read
  const [outcomes, setOutcomes] = useState<Map<string, EndedAs> | string>(new Map());
  const [keyError, setKeyError] = useState(false);
  const [filter, setFilter] = useState<ProcessInstanceFilter | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const [selection, setSelection] = useState<Selection>({ keys: [], all: false });
  const [dateError, setDateError] = useState<DateError | undefined>(undefined);
  // how fresh the read model was that the applicant's name was looked up in (undefined: no search by applicant)
  const [applicantFreshness, setApplicantFreshness] = useState<Freshness | undefined>(undefined);
  // a search is under way: from its start to its answer or failure (an aborted one leaves it to the search after it);
  // the page searches as it opens
  const [searching, setSearching] = useState(true);

  // a new address replaces the draft, and with it what was wrong in the old one
  useEffect(() => {
    setDraft(query);
    setDateError(undefined);
    setKeyError(false);
  }, [query]);
  useEffect(() => {
    setFrom(0);
    setSelection({ keys: [], all: false });
  }, [text]);

  // a search's answers are taken only while it is the page's latest: an earlier page's outcome searches finishing
  // after the next page's must not overwrite it
  const search = useCallback(async (signal: AbortSignal) => {
    setError(undefined);
    setMessage(undefined);
    // an address can bring dates the form would refuse: said at their fields, and nothing searched
    const checked = checkedDates(query);
    if ('error' in checked) {
      setSearching(false);
      setDateError(checked);
      setResult(undefined);
      setFilter(undefined);
      setApplicantFreshness(undefined);
      return;
    }
    if (!isCaseNumber(query.key)) {
      setSearching(false);
      setKeyError(true);
      setResult(undefined);
      setFilter(undefined);
      setApplicantFreshness(undefined);
      return;
    }
    setSearching(true);
    try {
      // the name is looked up in the read model: a case it has not read yet is not found, which its freshness line says
      let freshness: Freshness | undefined;
      const built = await instanceFilter(query, async (name) => {
        const found = await api.casesByApplicant(name, { signal });
        freshness = found.freshness;
        return found.items.map((item) => item.processInstanceKey);
      });
      if (signal.aborted) return;
      setApplicantFreshness(freshness);
      setFilter(built);
      if (!built) {
        setSearching(false);
        setResult({ items: [], total: 0, more: false, text, from });
        setMessage(t.instances.applicantNotFound);
        return;
      }
      const found = await client.searchProcessInstances({ filter: built, sort: [{ field: 'startDate', order: 'desc' }], page: { from, limit: PAGE } }, { signal });
      if (signal.aborted) return;
      const keys = found.items.map((item) => item.processInstanceKey);
      const ended = found.items.filter((item) => item.state === 'COMPLETED').map((item) => item.processInstanceKey);
      const [named, endings] = await Promise.all([
        applicantsOf(client, keys, signal).catch((failure: unknown) => (failure as Error).message),
        outcomesOf(client, ended, signal).catch((failure: unknown) => (failure as Error).message),
      ]);
      if (signal.aborted) return;
      setApplicants(named);
      setOutcomes(endings);
      setSearching(false);
      setResult({ items: found.items, total: found.page.totalItems, more: found.page.hasMoreTotalItems === true, text, from });
    } catch (failure) {
      if (signal.aborted) return;
      // the list of the last search is not this search's result: it goes with the error
      setSearching(false);
      setResult(undefined);
      setFilter(undefined);
      setApplicantFreshness(undefined);
      setError(failureOf(failure));
    }
  }, [client, api, query, text, from]);

  /** Searches again (after a batch action), aborting the search under way. */
  const searchAgain = useRef<() => void>(() => undefined);
  useEffect(() => {
    // a new search (another page, query, refresh) or leaving the page aborts the one under way
    let controller = new AbortController();
    void search(controller.signal);
    const refresh = () => {
      controller.abort();
      controller = new AbortController();
      void search(controller.signal);
    };
    searchAgain.current = refresh;
    window.addEventListener('monitor:refresh', refresh);
    return () => {
      window.removeEventListener('monitor:refresh', refresh);
      controller.abort();
    };
  }, [search]);

  const set = (field: keyof InstanceQuery) => (event: Event) => setDraft({ ...draft, [field]: (event.target as HTMLInputElement).value });
  const pageKeys = result?.items.map((item) => item.processInstanceKey) ?? [];
  const allOnPage = pageKeys.length > 0 && pageKeys.every((key) => selection.keys.includes(key));
  // the variables the forms and the data file name, by their Chinese labels (the chosen process's own words first)
  const labelled = useMemo(() => {
    const names = new Set([...Object.keys(catalog.variableLabels.common), ...Object.keys((draft.process && catalog.variableLabels.byProcess[draft.process]) || {})]);
    return [...names]
      .map((name) => ({ name, label: variableLabel(catalog.variableLabels, name, draft.process) ?? name }))
      .sort((a, b) => CHINESE_ORDER.compare(a.label, b.label) || a.name.localeCompare(b.name));
  }, [catalog, draft.process]);
  // another page of the same search is being read: the page before stays, dimmed, with the pager, so a manager paging
  // with the keyboard keeps her focus on 「下一页」
  const turning = result !== undefined && !error && result.text === text && result.from !== from;
  // another search is being read (she pressed 查询, or the address changed): the list shown is the last search's, not
  // this one's. It stays, dimmed and out of reach, so the page does not jump, but its total, pager and batch actions
  // go: they would count (and 全选 would act on) one search's cases under another's filter.
  const replacing = result !== undefined && !error && result.text !== text;
  // the first search of the page (or the first after a refusal or failure cleared the list): nothing shown yet
  const first = result === undefined && searching;
  // a re-read of the search and page shown (R, after a batch action) leaves the rows as they are: they are that
  // search's answer, and most often the same again
  const busy = turning || replacing || first;
  const endedAs = (key: string) => (typeof outcomes === 'string' ? undefined : outcomes.get(key));

  return (
    <section aria-labelledby="instances-title" aria-busy={busy}>
      <div class="page-bar">
        <h1 id="instances-title">{t.instances.title}</h1>
      </div>
      <form
        class="search-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const checked = checkedDates(draft);
          if ('error' in checked) {
            setDateError(checked);
            document.getElementById(`instances-${checked.fields[0]}`)?.focus();
            return;
          }
          setDateError(undefined);
          if (!isCaseNumber(draft.key)) {
            // nothing is searched: the list of the last search must not stand under the error as if it were its result
            setKeyError(true);
            setResult(undefined);
            setFilter(undefined);
            document.getElementById('instances-key')?.focus();
            return;
          }
          setKeyError(false);
          // the same conditions as the address's: the address does not change, and nothing would search — after a
          // refused case number (the list cleared) she would press 查询 and see nothing; she asks again, so it searches
          const next = queryText(checked);
          if (next === text) searchAgain.current();
          else navigate({ page: 'instances', query: next });
        }}
      >
        <label>
          {t.instances.process}
          <select value={draft.process ?? ''} onChange={set('process')}>
            <option value="">{t.instances.anyState}</option>
            {catalog.processes.map((process) => (
              <option key={process.processId} value={process.processId}>
                {process.titleZh}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.instances.version}
          <input type="text" inputMode="numeric" value={draft.version ?? ''} onInput={set('version')} placeholder={t.instances.anyVersion} size={6} />
        </label>
        <label>
          {t.instances.state}
          <select value={draft.state ?? ''} onChange={set('state')}>
            <option value="">{t.instances.anyState}</option>
            <option value="ACTIVE">{t.instances.active}</option>
            <option value="COMPLETED">{t.instances.completed}</option>
            <option value="TERMINATED">{t.instances.terminated}</option>
          </select>
        </label>
        {DATE_FIELDS.map((field) => (
          <DateInput
            key={field}
            id={`instances-${field}`}
            label={t.instances[field]}
            value={draft[field] ?? ''}
            onInput={(text) => setDraft((current) => ({ ...current, [field]: text }))}
            invalid={dateError?.fields.includes(field)}
          />
        ))}
        <label>
          {t.instances.caseNumber}
          <input
            id="instances-key"
            type="text"
            inputMode="numeric"
            value={draft.key ?? ''}
            onInput={set('key')}
            data-search
            aria-invalid={keyError}
            aria-describedby={keyError ? 'instances-key-error' : undefined}
          />
          {keyError && (
            <span id="instances-key-error" class="date-input-error error" role="alert">
              {t.instances.keyNotNumber}
            </span>
          )}
        </label>
        <label>
          {t.instances.applicant}
          <input type="text" value={draft.applicant ?? ''} onInput={set('applicant')} />
        </label>
        <label>
          {t.instances.variableName}
          <input type="text" value={draft.variable ?? ''} onInput={set('variable')} placeholder={t.instances.variableNameHint} list="variable-names" />
        </label>
        {/* the technical names are English: she picks the Chinese label and the name field is filled */}
        <label>
          {t.instances.variablePicker}
          <select
            data-testid="variable-picker"
            value={labelled.some((entry) => entry.name === draft.variable) ? draft.variable : ''}
            onChange={(event) => {
              const name = (event.target as HTMLSelectElement).value;
              if (name) setDraft((current) => ({ ...current, variable: name }));
            }}
          >
            <option value="">{t.instances.variablePickerNone}</option>
            {labelled.map(({ name, label }) => (
              <option key={name} value={name}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {/* the technical names are English: the browser offers them by their Chinese labels as the manager types */}
        <datalist id="variable-names">
          {Object.entries(catalog.variableLabels.common).map(([name, label]) => (
            <option key={name} value={name} label={label} />
          ))}
        </datalist>
        <label>
          {t.instances.variableValue}
          <input type="text" value={draft.value ?? ''} onInput={set('value')} />
        </label>
        <label class="check">
          <input type="checkbox" checked={draft.incident === '1'} onChange={(event) => setDraft({ ...draft, incident: (event.target as HTMLInputElement).checked ? '1' : undefined })} />
          {t.instances.incident}
        </label>
        <div class="form-actions">
          <button type="submit" class="primary">
            {t.instances.search}
          </button>
          <button
            type="button"
            onClick={() => {
              setDateError(undefined);
              navigate({ page: 'instances', query: '' });
            }}
          >
            {t.instances.reset}
          </button>
        </div>
      </form>
      {dateError?.kind === 'order' && (
        <p class="banner error" role="alert">
          {dateError.error}
        </p>
      )}
      {error && <ErrorNotice class="banner error" failure={error} />}
      {applicantFreshness && <FreshnessLine freshness={applicantFreshness} once />}
      {message && <p class="muted">{message}</p>}
      {result && typeof applicants === 'string' && (
        <p class="banner notice" role="status">
          {t.instances.applicantsUnread(applicants)}
        </p>
      )}
      {result && typeof outcomes === 'string' && (
        <p class="banner notice" role="status">
          {t.instances.outcomesUnread(outcomes)}
        </p>
      )}
      {first && (
        <div class="list-bar">
          <span data-testid="instances-total">{t.instances.searching}</span>
        </div>
      )}
      {result && (
        <>
          <div class="list-bar">
            <span data-testid="instances-total">{replacing ? t.instances.searching : t.instances.results(result.total, result.more)}</span>
            {filter && result.total > 0 && !replacing && (
              <BatchActions
                filter={filter}
                total={result.total}
                selection={selection}
                onSelection={setSelection}
                onDone={() => searchAgain.current()}
              />
            )}
          </div>
          {result.items.length === 0 ? (
            // the search before found nothing: that is no answer of this one
            !replacing && <p class="muted">{t.instances.none}</p>
          ) : (
            <div class={turning || replacing ? 'table-scroll stale-figures' : 'table-scroll'} inert={replacing}>
              <table class="data" data-testid="instances">
                <thead>
                  <tr>
                    <th>
                      <input
                        type="checkbox"
                        aria-label={t.instances.selectPage}
                        checked={selection.all || allOnPage}
                        onChange={(event) =>
                          setSelection(
                            (event.target as HTMLInputElement).checked
                              ? { keys: [...new Set([...selection.keys, ...pageKeys])], all: false }
                              : { keys: selection.keys.filter((key) => !pageKeys.includes(key)), all: false },
                          )
                        }
                      />
                    </th>
                    <th>{t.openCases.caseNumber}</th>
                    <th>{t.instances.applicantColumn}</th>
                    <th>{t.instances.process}</th>
                    <th>{t.instances.version}</th>
                    <th>{t.instances.state}</th>
                    <th>{t.instances.outcome}</th>
                    <th>{t.instances.start}</th>
                    <th>{t.instances.end}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((item) => (
                    <tr key={item.processInstanceKey} data-case={item.processInstanceKey}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={item.processInstanceKey}
                          checked={selection.all || selection.keys.includes(item.processInstanceKey)}
                          onChange={(event) =>
                            setSelection({
                              all: false,
                              keys: (event.target as HTMLInputElement).checked
                                ? [...selection.keys, item.processInstanceKey]
                                : selection.keys.filter((key) => key !== item.processInstanceKey),
                            })
                          }
                        />
                      </td>
                      <td>
                        <a {...linkProps({ page: 'instance', processInstanceKey: item.processInstanceKey })}>{item.processInstanceKey}</a>
                        {item.hasIncident && <span class="tag danger">{t.openCases.incident}</span>}
                      </td>
                      <td data-testid="applicant">{(typeof applicants === 'string' ? undefined : applicants.get(item.processInstanceKey)) ?? t.common.dash}</td>
                      <td>{processTitle(item.processDefinitionId)}</td>
                      <td class="number">{item.processDefinitionVersion}</td>
                      <td data-testid="state">
                        {item.state === 'COMPLETED' && endedAs(item.processInstanceKey)
                          ? t.endedAs(endedAs(item.processInstanceKey)!.outcome)
                          : (t.states[item.state] ?? item.state)}
                      </td>
                      <td data-testid="outcome">{endedAs(item.processInstanceKey)?.endEventName ?? t.common.dash}</td>
                      <td>{formatDateTime(item.startDate)}</td>
                      <td>{formatDateTime(item.endDate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {result.total > PAGE && !replacing && (
            <Pager
              position={t.common.page(from + 1, Math.min(from + PAGE, result.total), result.total)}
              hasPrevious={from > 0}
              hasNext={from + PAGE < result.total}
              onPrevious={() => setFrom(Math.max(0, from - PAGE))}
              onNext={() => setFrom(from + PAGE)}
            />
          )}
        </>
      )}
    </section>
  );
}

/** A value typed in the search box as JSON text: JSON as it is, anything else as a string. */
/**
 * What she typed as the JSON text of the value searched for: JSON as it is (`"…"`, `true`, `12.5`), anything else
 * as a string. Digits alone (an ID number, a bank account, a phone number typed without quotes) are looked for both
 * as text and as a number, since either may be stored; with a leading 0 only as text (no JSON number starts so).
 */
function valueFilter(value: string): string | { $in: string[] } {
  const text = value.trim();
  if (/^\d+$/.test(text)) return text.length > 1 && text.startsWith('0') ? JSON.stringify(text) : { $in: [JSON.stringify(text), text] };
  return asJsonText(text);
}

function asJsonText(text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return JSON.stringify(text);
  }
}
