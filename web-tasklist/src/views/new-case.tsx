/**
 * 新办件: the catalogue of processes (latest versions, `isLatestVersion`) with title, national item and time
 * limit; then the chosen process's start form; on submit the case starts and, once its first task exists, the
 * clerk goes straight to it when it is theirs. Ctrl+Enter submits the form, as it completes a task (keyboard-shortcuts.ts).
 * A submit with no answer (结果未知) is checked by its 提交识别码 (submission-reference.ts) before anything starts a case
 * again: found, the page names the case and the draft is done; not found, she may submit again with the same
 * reference; the check failing, the submit stays off until 重新核对 tells. A reload of a draft marked so checks too.
 * One check at a time: a newer one (恢复 of a draft marked with another reference) takes the place of the one under
 * way, whose answer is dropped — the note speaks of the draft on screen. A 提交受理 whose outcome is not settled and
 * whose draft is gone (with her private data at a logout, or given up with 放弃; its reference kept:
 * unsettled-starts.ts) is checked as the page opens or as the draft goes, after the draft's own check, and the page
 * tells her what became of it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ProcessDefinition, UserTask } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { countFormErrors } from '../../../web-shared/src/form-js/form-errors.js';
import type { FormHandle } from '../../../web-shared/src/form-js/form-view.js';
import { LazyFormView as FormView } from '../../../web-shared/src/form-js/lazy-form-view.js';
import { zh } from '../../../web-shared/src/i18n/zh-cn.js';
import { navigate } from '../router.js';
import { t } from '../texts.js';
import { useAppData } from '../use-app-data.js';
import { outcomeUnknown } from '../../../web-shared/src/api/v2-client.js';
import { historyEntryId, referencesHeld } from '../form-drafts.js';
import { dropUnsettledStart, keepUnsettledStart, pendingStart, trackPendingStart, unsettledStarts } from '../unsettled-starts.js';
import { useFormDraft } from '../use-form-draft.js';
import { useFirstFieldFocus } from '../use-first-field-focus.js';
import { onShortcutAction } from '../keyboard-shortcuts.js';
import { DraftStatus } from './draft-note.js';
import { FormErrorSummary } from './form-error-summary.js';
import { useFormErrorSummary } from './use-form-error-summary.js';
import { findStartedCase, newSubmissionReference, SUBMISSION_REFERENCE_VARIABLE } from '../submission-reference.js';
import type { PageMessage } from '../page-message.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice, TechnicalDetail } from '../../../web-shared/src/layout/error-notice.js';

export function ProcessCatalogue() {
  const { client } = useSession();
  const { process } = useAppData();
  const [definitions, setDefinitions] = useState<ProcessDefinition[] | undefined>(undefined);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    client.searchProcessDefinitions({ filter: { isLatestVersion: true }, sort: [{ field: 'processDefinitionId', order: 'asc' }], page: { limit: 200 } }).then(
      (result) => setDefinitions(result.items),
      (failure: Error) => setError(failureOf(failure)),
    );
  }, [client]);

  if (error) return <ErrorNotice class="banner error" failure={error} />;
  if (!definitions) return <p class="muted">{zh.shell.loading}</p>;
  const rows = definitions
    .map((definition) => ({ definition, entry: process(definition.processDefinitionId) }))
    .filter(({ definition, entry }) => !filter || `${entry?.titleZh ?? ''}${definition.name ?? ''}${entry?.nationalItem?.code ?? ''}`.includes(filter))
    .sort((a, b) => (a.entry?.flowchart ?? 99) - (b.entry?.flowchart ?? 99));

  return (
    <section class="new-case">
      <h1>{t.newCase.title}</h1>
      <input type="search" aria-label={t.newCase.filter} placeholder={t.newCase.filter} value={filter} onInput={(event) => setFilter((event.currentTarget as HTMLInputElement).value)} autoFocus />
      <table class="catalogue">
        <thead>
          <tr>
            <th>{t.newCase.flowchart}</th>
            <th>{t.newCase.item}</th>
            <th>{t.newCase.code}</th>
            <th>{t.newCase.timeLimit}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map(({ definition, entry }) => (
            <tr key={definition.processDefinitionKey}>
              <td>{entry?.flowchart ? t.newCase.flowchartNumber(entry.flowchart) : ''}</td>
              <td>{entry?.titleZh ?? definition.name ?? definition.processDefinitionId}</td>
              <td>{entry?.nationalItem?.code ?? ''}</td>
              <td>{entry?.timeLimitZh ?? ''}</td>
              <td>
                <button class="primary" onClick={() => navigate({ page: 'start-form', processDefinitionKey: definition.processDefinitionKey })} aria-label={`${t.newCase.start} ${entry?.titleZh ?? definition.name ?? ''}`}>
                  {t.newCase.start}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export interface StartFormProps {
  processDefinitionKey: string;
  onMessage(message: PageMessage): void;
  /** The case started, with its first task once it came (the list shows where it waits). */
  onStarted(first: UserTask | undefined): void;
}

/** The first task of a started case could not be read (firstTaskOrUnread). */
const UNREAD = Symbol('unread');

/**
 * The check of a 提交受理 with no answer (结果未知), by its reference: under way, found no case (she may submit again),
 * or could not ask (the submit stays off until 重新核对). Found, the page says so in `status`, as after a start.
 */
type OutcomeCheck =
  | { state: 'checking'; reference: string; again?: true; earlier?: true }
  | { state: 'absent'; reference: string; earlier?: true }
  | { state: 'failed'; reference: string; failure: Failure; earlier?: true }
  // (an earlier 提交受理 whose draft is gone started its case: told, the form stays hers for another application)
  | { state: 'found-earlier'; reference: string; processInstanceKey: string };

/** What the check of an earlier 提交受理 found (checkEarlier). */
type EarlierAnswer = Extract<OutcomeCheck, { state: 'found-earlier' } | { state: 'absent'; earlier?: true }>;

export function StartForm({ processDefinitionKey, onMessage, onStarted }: StartFormProps) {
  const { client, user } = useSession();
  const { process, groupName } = useAppData();
  const [loaded, setLoaded] = useState<{ definition: ProcessDefinition; schema?: object } | undefined>(undefined);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const [formErrors, setFormErrors] = useState<Failure | string | undefined>(undefined);
  // what the last 提交受理 found wrong in the form (its summary's live region, form-error-summary.tsx)
  const { found: errorsFound, report: reportFormErrors, clear: clearFormErrors } = useFormErrorSummary('.start-form');
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<FormHandle | undefined>(undefined);
  const empty = useState<Record<string, unknown>>({})[0];
  // what the clerk typed survives a reload and the end of her session (form-drafts.ts); opened again (新办件 for the
  // next applicant), the form starts empty and only offers it
  const [page] = useState(historyEntryId);
  const draft = useFormDraft(user.username, loaded && { kind: 'start', processId: loaded.definition.processDefinitionId }, loaded && empty, true, page);
  // the 提交识别码 this form's 提交受理 carries: the same for every retry of what she filled in — after 结果未知 the check
  // looks for it, and a retry the check allowed carries it again —; a new one once she gives the draft up
  const reference = useRef<string | undefined>(undefined);
  const [check, setCheck] = useState<OutcomeCheck | undefined>(undefined);
  // the answers of earlier 提交受理 checked on this page (checkEarlier): each stays in sight once the next one's check
  // takes the live region — a 件号 said and replaced a moment later would let her start that application again
  const [earlierAnswers, setEarlierAnswers] = useState<EarlierAnswer[]>([]);
  // (a 结果未知 not yet settled by a check, known at once: a Ctrl+Enter before the next render starts nothing)
  const unresolved = useRef(false);
  // (the check whose answer the page takes: a newer one's start drops the answers of those before it)
  const checkRun = useRef(0);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  useEffect(() => {
    Promise.all([client.json<ProcessDefinition>('GET', `/v2/process-definitions/${encodeURIComponent(processDefinitionKey)}`, undefined, {}), client.getStartForm(processDefinitionKey)]).then(
      ([definition, startForm]) => setLoaded({ definition, schema: startForm ? (JSON.parse(startForm.schema) as object) : undefined }),
      (failure: Error) => setError(failureOf(failure)),
    );
  }, [client, processDefinitionKey]);

  // the 办理 button that opened the form is gone: the clerk starts at the form's first field, as with the mouse —
  // unless she already clicked into a field or typed as the form showed
  useFirstFieldFocus(Boolean(form), '.start-form .fjs-form :is(input, select, textarea):not([disabled])');

  // a submit under way, known at once: `busy` is state, so two Ctrl+Enter before the next render started two cases (as
  // on the task page); a case already started (`status`) is not started again by a Ctrl+Enter after the button went
  // grey, nor a form still loading submitted empty
  const submitting = useRef(false);
  async function submit() {
    if (submitting.current || unresolved.current || status || !loaded || (loaded.schema && !form)) return;
    setFormErrors(undefined);
    clearFormErrors();
    const result = form?.submit();
    const count = result ? countFormErrors(result.errors) : 0;
    if (count > 0) {
      reportFormErrors(count);
      return;
    }
    submitting.current = true;
    setBusy(true);
    // (a reference she already sent: a check found no case with it — searches may lag behind the engine, and a
    // gateway's 504 may yet be applied — so it is searched once more, at once, right before it goes again)
    const sentBefore = reference.current !== undefined;
    const sent = (reference.current ??= newSubmissionReference());
    const processId = loaded.definition.processDefinitionId;
    if (sentBefore) {
      try {
        const found = await findStartedCase(client, processId, sent, []);
        if (found.found) {
          await caseFound(found.processInstanceKey, sent);
          submitting.current = false;
          setBusy(false);
          return;
        }
      } catch (failure) {
        // (could not tell: as a check that failed — nothing is sent until 重新核对 tells)
        unresolved.current = true;
        setCheck({ state: 'failed', reference: sent, failure: failureOf(failure, (why) => t.newCase.checkFailed(why.replace(/[。.]$/, ''))) });
        submitting.current = false;
        setBusy(false);
        return;
      }
    }
    // (a session that ended shows the login page instead: the draft then holds the last keystroke too; marked sent
    // with its reference before the request goes — a reload or a closed tab meanwhile brings it back to be checked;
    // the reference is kept apart from the draft too, so that a logout before the outcome is settled does not take it)
    keepUnsettledStart(user.username, processId, sent);
    draft.sending(sent);
    try {
      const request = client.createProcessInstance(processDefinitionKey, { ...result?.data, [SUBMISSION_REFERENCE_VARIABLE]: sent });
      // (a logout while it goes leaves it running: the check of its kept reference after her next login waits for it)
      trackPendingStart(sent, request);
      const created = await request;
      // (the page gone meanwhile — a logout, another page —: she is not taken anywhere, nor is a draft touched — the
      // draft under this key may be what she typed since —; the record stays, and the next 新办件 of the process
      // names the case: the check of the record, waiting for this answer when it runs first, or the draft's own.
      // Still signed in, she is told at once wherever she is, and the list reads again; after a logout the app's
      // message is gone with it and nothing shows)
      if (!mounted.current) {
        const title = process(processId)?.titleZh;
        onMessage({ kind: 'ok', text: t.newCase.startedAway(created.processInstanceKey, title), held: { dismissable: true } });
        onStarted(undefined);
        return;
      }
      dropUnsettledStart(user.username, processId, sent);
      setCheck(undefined);
      draft.done();
      setStatus(`${t.newCase.started(created.processInstanceKey)}。${t.newCase.waiting}`);
      const entry = process(loaded.definition.processDefinitionId);
      const first = await firstTaskOrUnread(created.processInstanceKey);
      if (first === UNREAD) {
        setStatus(`${t.newCase.started(created.processInstanceKey)}${entry?.titleZh ? `（${entry.titleZh}）` : ''}。${t.newCase.nextUnread}`);
        return;
      }
      onStarted(first);
      if (first && ((first.candidateGroups ?? []).some((group) => user.groups.includes(group)) || first.assignee === user.username)) {
        onMessage({ kind: 'ok', text: t.newCase.started(created.processInstanceKey) });
        navigate({ page: 'tasks', taskKey: first.userTaskKey });
        return;
      }
      const next = first ? t.newCase.nextIsOthers(first.name ?? '', (first.candidateGroups ?? []).map(groupName).join('、')) : t.newCase.nextNotYet;
      setStatus(`${t.newCase.started(created.processInstanceKey)}${entry?.titleZh ? `（${entry.titleZh}）` : ''}。${next}`);
    } catch (failure) {
      // no answer (a timeout): the case may have started — the draft stays, marked with the reference, and the page
      // checks by it whether the case started; nothing starts it again meanwhile. The draft's note says 结果未知 (it
      // shows whatever the draft's state: restored, offered, unconfirmed or none); the error says only why, with its
      // 技术详情, so the mark is not on the page twice
      if (outcomeUnknown(failure)) {
        unresolved.current = true;
        draft.uncertain(sent);
        setFormErrors(failureOf(failure, () => t.newCase.unanswered));
        void checkOutcome(sent);
      } else {
        // (refused: nothing started, the draft is as before the submit)
        dropUnsettledStart(user.username, processId, sent);
        draft.unsent(sent);
        setFormErrors(failureOf(failure));
      }
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  }

  /**
   * Whether the 提交受理 that carried `sent` and got no answer started a case: found, it is named and the draft is
   * done (nothing starts it again); not found, the mark goes and she may submit again (the same reference); the
   * search failing, the submit stays off and 重新核对 asks again.
   */
  async function checkOutcome(sent: string, again = false) {
    if (!loaded) return;
    const processId = loaded.definition.processDefinitionId;
    const run = (checkRun.current += 1);
    const wanted = () => mounted.current && checkRun.current === run;
    unresolved.current = true;
    // (what the page's mark will name next: not checked twice)
    checkedOnOpen.current = sent;
    setCheck({ state: 'checking', reference: sent, ...(again ? { again: true as const } : {}) });
    // (重新核对 stays, greyed, while it asks: her focus stays on it; once told, it goes and her focus goes to the title)
    const keepFocus = () => {
      if (document.activeElement?.classList.contains('recheck')) document.querySelector<HTMLElement>('.start-form h1')?.focus();
    };
    try {
      const found = await findStartedCase(client, processId, sent, undefined, wanted);
      if (!wanted()) return;
      if (found.found) {
        keepFocus();
        await caseFound(found.processInstanceKey, sent);
        return;
      }
      dropUnsettledStart(user.username, processId, sent);
      draft.settled(sent);
      reference.current = sent;
      setFormErrors(undefined);
      keepFocus();
      setCheck({ state: 'absent', reference: sent });
      unresolved.current = false;
    } catch (failure) {
      if (!wanted()) return;
      setCheck({ state: 'failed', reference: sent, failure: failureOf(failure, (why) => t.newCase.checkFailed(why.replace(/[。.]$/, ''))) });
    }
  }

  /**
   * The check of an earlier 提交受理 whose draft is gone (a logout, 放弃; `sent` kept: unsettled-starts.ts): found or not,
   * the page says so and the record goes — the form on screen is not that one, and stays hers to fill in; the search
   * failing, the submit stays off until 重新核对 tells (she might type the same application again).
   */
  async function checkEarlier(sent: string, again = false) {
    if (!loaded) return;
    const processId = loaded.definition.processDefinitionId;
    const run = (checkRun.current += 1);
    const wanted = () => mounted.current && checkRun.current === run;
    unresolved.current = true;
    setCheck({ state: 'checking', reference: sent, earlier: true, ...(again ? { again: true as const } : {}) });
    try {
      // (its request still under way in this tab — she logged out while it went, the client sets no time limit —:
      // its answer first; searched meanwhile, the case it is about to start is not found and she would type it again)
      const started = await pendingStart(sent);
      if (!wanted()) return;
      const found = started !== undefined ? { found: true as const, processInstanceKey: started } : await findStartedCase(client, processId, sent, undefined, wanted);
      if (!wanted()) return;
      dropUnsettledStart(user.username, processId, sent);
      if (document.activeElement?.classList.contains('recheck')) document.querySelector<HTMLElement>('.start-form h1')?.focus();
      const answer: EarlierAnswer = found.found ? { state: 'found-earlier', reference: sent, processInstanceKey: found.processInstanceKey } : { state: 'absent', reference: sent, earlier: true };
      setEarlierAnswers((answers) => [...answers.filter((told) => told.reference !== sent), answer]);
      setCheck(answer);
      unresolved.current = false;
    } catch (failure) {
      if (!wanted()) return;
      setCheck({ state: 'failed', reference: sent, earlier: true, failure: failureOf(failure, (why) => t.newCase.checkFailed(why.replace(/[。.]$/, ''))) });
    }
  }

  /** A case carrying the reference was found: named, the draft done, and nothing starts it again. */
  async function caseFound(processInstanceKey: string, sent: string) {
    if (loaded) dropUnsettledStart(user.username, loaded.definition.processDefinitionId, sent);
    draft.done();
    setFormErrors(undefined);
    setCheck(undefined);
    setStatus(t.newCase.checkFound(processInstanceKey));
    unresolved.current = false;
    const first = await firstTaskOrUnread(processInstanceKey);
    if (first === UNREAD) {
      if (mounted.current) setStatus(`${t.newCase.checkFound(processInstanceKey)}${t.newCase.nextUnread}。`);
      return;
    }
    onStarted(first);
  }

  // a reload of the page (or the login page after the session ended) with its draft marked 结果未知 — or its typing
  // kept beside another visit's draft so, or an offered draft so marked restored with 恢复 —: checked the same way,
  // by the reference kept, whatever was checked before on this page (a draft marked before references came has none:
  // its note says to check the list, as it did); a draft restored with a reference, not marked, gives it to the retry
  const marked = draft.markedReference;
  const keptReference = draft.restored?.reference;
  const checkedOnOpen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (keptReference && !marked && !submitting.current) reference.current ??= keptReference;
  }, [keptReference]);
  useEffect(() => {
    if (!marked || submitting.current || checkedOnOpen.current === marked) return;
    reference.current = marked;
    void checkOutcome(marked);
  }, [marked]);
  // what she sent with its outcome unsettled and no draft of the tab carries any more (gone at a logout, or given up
  // with 放弃): checked one by one after the draft's own check, before she can submit. Read again whenever a check
  // tells and whenever a draft is given up or restored — a record a draft held as the page opened (an offered draft
  // marked 结果未知) is checked once that draft goes, or she could start the same application again unwarned
  const earlierTried = useRef(new Set<string>());
  const [draftsChanged, setDraftsChanged] = useState(0);
  const ready = loaded !== undefined && draft.data !== undefined;
  useEffect(() => {
    if (!ready || !loaded) return;
    // (after the effect above: a check it started is under way — unresolved —, and this one waits for its answer)
    if (unresolved.current || submitting.current || status) return;
    const processId = loaded.definition.processDefinitionId;
    const held = referencesHeld(user.username, { kind: 'start', processId });
    const next = unsettledStarts(user.username, processId).find(
      (record) => !held.has(record.reference) && record.reference !== reference.current && !earlierTried.current.has(record.reference),
    );
    if (!next) return;
    earlierTried.current.add(next.reference);
    void checkEarlier(next.reference);
  }, [ready, check, status, draftsChanged]);
  // (放弃草稿: what she types next is another application, with a reference of its own; a check under way or failed
  // keeps its own, and the submit stays off until it tells)
  const draftHere = {
    ...draft,
    discard: () => {
      if (draft.restored) reference.current = undefined;
      draft.discard();
      setDraftsChanged((count) => count + 1);
    },
    restore: () => {
      draft.restore();
      setDraftsChanged((count) => count + 1);
    },
  };
  // keyboard: Ctrl+Enter 提交受理, as 办结 on a task (the latest submit: it reads this render's form and status) — only
  // with a form shown: a process without a start form is started by the button alone, not by a stray Ctrl+Enter
  // (nothing to fill in: the key would start an empty case unasked). While 结果未知 is not settled by the check, it
  // starts nothing, as the button is off (submit returns at once)
  const latestSubmit = useRef(submit);
  latestSubmit.current = submit;
  useEffect(() => (form ? onShortcutAction((action) => action === 'complete' && void latestSubmit.current()) : undefined), [form]);

  /** The case's first user task, waiting a few seconds for the job workers before it (e.g. 身份校验). */
  async function firstTask(processInstanceKey: string): Promise<UserTask | undefined> {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const result = await client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' }, page: { limit: 5 } });
      if (result.items[0]) return result.items[0];
      await new Promise((resolve) => window.setTimeout(resolve, Math.min(250 * (attempt + 1), 1000)));
    }
    return undefined;
  }

  /**
   * The first task of a case that started, or UNREAD when reading it failed (the network): the case started all the
   * same — not a 提交受理 with no answer, nor a check that could not tell.
   */
  async function firstTaskOrUnread(processInstanceKey: string): Promise<UserTask | undefined | typeof UNREAD> {
    try {
      return await firstTask(processInstanceKey);
    } catch {
      return UNREAD;
    }
  }

  if (error) return <ErrorNotice class="banner error" failure={error} />;
  if (!loaded) return <p class="muted">{zh.shell.loading}</p>;
  const entry = process(loaded.definition.processDefinitionId);
  return (
    <section class="new-case start-form">
      <p class="no-print">
        <a
          href="/tasklist/new"
          onClick={(event) => {
            event.preventDefault();
            navigate({ page: 'new-case' });
          }}
        >
          ← {t.newCase.back}
        </a>
      </p>
      <h1 tabIndex={-1}>
        {t.newCase.button}：{entry?.titleZh ?? loaded.definition.name}
      </h1>
      {entry && (
        <p class="muted">
          {entry.nationalItem ? `${entry.nationalItem.code} ${entry.nationalItem.name} · ` : ''}
          {t.newCase.timeLimit} {entry.timeLimitZh}
        </p>
      )}
      {formErrors && <ErrorNotice failure={formErrors} />}
      <FormErrorSummary found={errorsFound} />
      {status && (
        <p class="banner ok" role="status">
          {status}
        </p>
      )}
      {/* (the earlier 提交受理 told before the one the live region below tells now: read already, kept in sight) */}
      {earlierAnswers.some((answer) => answer.reference !== check?.reference) && (
        <ul class="earlier-answers banner notice no-print">
          {earlierAnswers
            .filter((answer) => answer.reference !== check?.reference)
            .map((answer) => (
              <li key={answer.reference}>{answer.state === 'found-earlier' ? t.newCase.earlierFound(answer.processInstanceKey) : t.newCase.earlierAbsent}</li>
            ))}
        </ul>
      )}
      {/* (the check's live region stays on the page while it runs and after, so each of its answers is read) */}
      <div class={`outcome-check no-print${check ? ` banner ${check.state === 'failed' ? 'error' : 'notice'}` : ''}`}>
        <span role="status">
          {check?.state === 'checking' && (check.earlier ? t.newCase.earlierChecking : t.newCase.checking)}
          {check?.state === 'absent' && (check.earlier ? t.newCase.earlierAbsent : t.newCase.checkAbsent)}
          {check?.state === 'found-earlier' && t.newCase.earlierFound(check.processInstanceKey)}
          {check?.state === 'failed' && check.failure.text}
        </span>
        {(check?.state === 'failed' || (check?.state === 'checking' && check.again)) && (
          <>
            {' '}
            <button class="recheck" aria-disabled={check.state === 'checking' ? 'true' : undefined} onClick={() => check.state === 'failed' && void (check.earlier ? checkEarlier(check.reference, true) : checkOutcome(check.reference, true))}>
              {t.newCase.recheck}
            </button>
            {check.state === 'failed' && check.failure.technical && <TechnicalDetail technical={check.failure.technical} />}
          </>
        )}
      </div>
      <DraftStatus draft={draftHere} focusAfter=".start-form h1" />
      {loaded.schema && draft.data && <FormView schema={loaded.schema} data={draft.data} onReady={setForm} onError={setFormErrors} onChange={draft.onChange} />}
      <div class="task-bar bottom">
        <span class="spacer" />
        <button class="primary" disabled={busy || Boolean(status) || check?.state === 'checking' || check?.state === 'failed'} onClick={() => void submit()} title="Ctrl+Enter">
          {busy ? t.newCase.submitting : t.newCase.submit}
        </button>
      </div>
    </section>
  );
}
