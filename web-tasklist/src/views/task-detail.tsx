/**
 * One task: case header, claim / unclaim, the task's Camunda form in the form-js viewer (in Chinese; editable
 * once the user holds the task), materials, notices, case history, all variables page by page, and 办结.
 * ID numbers and bank accounts are shown in full only to who may work the task. 认领 / 释放 show at once and 办结 is
 * remembered (own-changes.ts); the task then takes the reads of the list's follow-up, not a new load, so the form
 * the clerk has started to fill is not rebuilt under her (read-only is switched on the form shown).
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { UserTask, UserTaskState } from '../../../web-shared/src/api/camunda-types.js';
import type { Failure } from '../../../web-shared/src/api/failure.js';
import { ApiError, outcomeUnknown } from '../../../web-shared/src/api/v2-client.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { countFormErrors } from '../../../web-shared/src/form-js/form-errors.js';
import type { FormHandle } from '../../../web-shared/src/form-js/form-view.js';
import { LazyFormView as FormView } from '../../../web-shared/src/form-js/lazy-form-view.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { maskPersonalData } from '../../../web-shared/src/masking/personal-data.js';
import { maskPersonalValuesIn, maskPersonalValuesInData, mergePersonalValues } from '../../../web-shared/src/masking/personal-values-in-text.js';
import { usePersonalValues } from '../../../web-shared/src/masking/use-personal-values.js';
import { zh } from '../../../web-shared/src/i18n/zh-cn.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';
import type { OwnChanges } from '../own-changes.js';
import type { LeftOut } from '../capped-search.js';
import { caseHistory, caseNotices, caseVariables, FormDataLeftOut, formVariableNames, HEADER_VARIABLES, missingListSettled, taskVariables, valuesOf, type HistoryRead, type NoticesRead } from '../case-data.js';
import { t } from '../texts.js';
import { LoadBound } from '../load-bound.js';
import { REFRESH_MS } from '../list-load.js';
import { useAppData } from '../use-app-data.js';
import { useFormDraft } from '../use-form-draft.js';
import { onShortcutAction } from '../keyboard-shortcuts.js';
import { DraftStatus } from './draft-note.js';
import { FormErrorSummary } from './form-error-summary.js';
import { useFormErrorSummary } from './use-form-error-summary.js';
import { CaseHeader } from './case-header.js';
import { CaseHistory } from './case-history.js';
import { CaseNotices } from './case-notices.js';
import { MaterialsChecklist } from './materials-checklist.js';
import { TaskVariables } from './task-variables.js';
import { heldNote, type PageMessage } from '../page-message.js';

export interface TaskDetailProps {
  userTaskKey: string;
  changes: OwnChanges;
  /** After 办结: move on to the next task. */
  onCompleted(task: UserTask): void;
  onMessage(message: PageMessage): void;
}

interface Loaded {
  task: UserTask;
  schema?: object;
  formData: Record<string, unknown>;
  /**
   * Set when the form's data could not be read whole (FormDataLeftOut): the form is not shown — opened, its fields
   * blank that hold a value would read as empty, and 办结 would send them blank over the case's —; the rest is.
   */
  formLeftOut?: LeftOut;
  /** The variables the task's form reads and writes (the 材料清单 tells a reviewer's own earlier ticks by them). */
  formNames: string[];
  header: Record<string, unknown>;
  notices: NoticesRead;
}

/** The 办理记录 of the task shown, read apart from the rest: a slow or failed read never holds up the form. */
type HistoryState = { userTaskKey: string; read: HistoryRead } | { userTaskKey: string; failure: Failure };

export function TaskDetail({ userTaskKey, changes, onCompleted, onMessage }: TaskDetailProps) {
  const { client, user } = useSession();
  const { catalog, groupName, personName } = useAppData();
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [historyState, setHistoryState] = useState<HistoryState | undefined>(undefined);
  const [error, setError] = useState<Failure | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [formErrors, setFormErrors] = useState<string | undefined>(undefined);
  // what the last 办结 found wrong in the form (its summary's live region, form-error-summary.tsx)
  const { found: errorsFound, report: reportFormErrors, clear: clearFormErrors } = useFormErrorSummary('.task-detail');
  const [showVariables, setShowVariables] = useState(false);
  const form = useRef<FormHandle | undefined>(undefined);

  // when the newest read of the task that the page shows went out: an older one that answers later is not taken
  const readSentAt = useRef(0);
  /** Takes a read of the task alone (not its form: a new one would wipe what the clerk typed), unless a newer one is shown. */
  const takeRead = useCallback((read: UserTask, sentAt: number) => {
    if (read.userTaskKey !== userTaskKey || sentAt < readSentAt.current) return;
    readSentAt.current = sentAt;
    setLoaded((previous) => previous && { ...previous, task: read });
  }, [userTaskKey]);

  /**
   * The end of the load under way (load-bound.ts): one hung request (the task, its form, its variables, the case's
   * notices or history) would leave the page on 正在打开任务… for good; another task opened, or 重试, supersedes it.
   */
  const bound = useRef<LoadBound | undefined>(undefined);
  /** The 办理记录's read, bounded and superseded as the task's load is, but not waited for by it. */
  const historyBound = useRef<LoadBound | undefined>(undefined);
  const readHistory = useCallback(
    (processInstanceKey: string) => {
      historyBound.current?.supersede();
      const history = new LoadBound();
      historyBound.current = history;
      history
        .bounded(caseHistory(client, processInstanceKey, history.signal))
        .then(
          (read) => historyBound.current === history && setHistoryState({ userTaskKey, read }),
          (failure: unknown) => {
            const shown = history.failure(failure, t.history.loadTimeout);
            if (shown !== undefined) setHistoryState({ userTaskKey, failure: shown });
          },
        )
        .finally(() => history.finish());
    },
    [client, userTaskKey],
  );
  const load = useCallback(async () => {
    bound.current?.supersede();
    historyBound.current?.supersede();
    const own = new LoadBound();
    bound.current = own;
    const { signal } = own;
    setError(undefined);
    try {
      const sentAt = Date.now();
      const read = async () => {
        const task = await client.getUserTask(userTaskKey, { signal });
        // noted as any read by key (own-changes.ts): one that shows a change held marks it made, never undone
        changes.noteRead(task, sentAt);
        if (bound.current === own) readHistory(task.processInstanceKey);
        const [form, header, notices] = await Promise.all([
          task.formKey ? client.getUserTaskForm(userTaskKey, { signal }) : undefined,
          // (the case's own scope, the only one the header shows: one variable a name, far fewer than a page — nothing
          // the read could leave out)
          caseVariables(client, task.processInstanceKey, { $in: HEADER_VARIABLES }, { signal, scopeKey: task.processInstanceKey }),
          caseNotices(client, task.processInstanceKey, signal),
        ]);
        const schema = form ? (JSON.parse(form.schema) as object) : undefined;
        const formNames = schema ? await formVariableNames(schema) : [];
        // (read only in part: the page shows the task without its form, and says why — read again, it would stop the same)
        const formRead = schema
          ? await taskVariables(client, userTaskKey, formNames, signal).then(
              (formData) => ({ formData }),
              (failure: unknown) => {
                if (failure instanceof FormDataLeftOut) return { formData: {}, formLeftOut: failure.leftOut };
                throw failure;
              },
            )
          : { formData: {} };
        return { task, schema, ...formRead, formNames, header: valuesOf(header.items, task.processInstanceKey), notices };
      };
      // (the form viewer's code, loaded on the way, is not a request the signal reaches)
      const loadedNow = await own.bounded(read());
      if (bound.current !== own) return;
      readSentAt.current = Math.max(readSentAt.current, sentAt);
      setLoaded(loadedNow);
    } catch (failure) {
      // (nothing to show when superseded: another task opened, 重试, or the page is gone)
      const shown = own.failure(failure, t.task.loadTimeout);
      if (shown !== undefined) setError(shown);
    } finally {
      own.finish();
    }
  }, [client, userTaskKey, changes, readHistory]);

  useEffect(() => {
    setLoaded(undefined);
    setHistoryState(undefined);
    setFormErrors(undefined);
    // (another task's summary, or a focus still to move in the form gone, is not this one's)
    clearFormErrors();
    setShowVariables(false);
    void load();
    const loads = bound;
    const historyLoads = historyBound;
    return () => {
      loads.current?.supersede();
      historyLoads.current?.supersede();
    };
  }, [load, clearFormErrors]);

  // the task as last shown, and whether with a change of the page's own over it
  const shown = useRef<{ task: UserTask; changed: boolean } | undefined>(undefined);
  // a dropped change of this task stays shown until the task is read again: what the page last read of it may be
  // older than the read that let the change go (or, dropped by age, from before the change), and the form would turn
  // read-only and back meanwhile — or until the 认领 / 释放 that made it is undone (its outcome could not be read:
  // the page then shows what it last read, as its message says)
  const [held, setHeld] = useState<UserTask | undefined>(undefined);
  // when this page last changed the task: a dropped change is held only if no read taken went out after it (one that
  // did shows the server's state since the change — a colleague's 办理人, say — and the page keeps showing that)
  const changedAt = useRef<number | undefined>(undefined);
  /**
   * Reads the task again (after a drop, a refused 认领 / 释放, a command without an answer) and shows what the server
   * says; bounded like the opening (a hung read would hold a dropped change shown for good), cancelled with the page.
   * The read goes through the page's own changes (own-changes.ts noteRead), which then know whether it shows a change
   * held (made by the server: never undone), and on to takeRead. Gives what it read (nothing when the read failed;
   * readTask: 'refused' when it was refused for good, definiteRefusal).
   */
  const rereads = useRef(new Set<LoadBound>());
  // another task opened (the page is gone): a command that ends later reads nothing and says nothing over that task
  const gone = useRef(false);
  useEffect(
    () => () => {
      gone.current = true;
    },
    [],
  );
  const readTask = useCallback(
    (polling: boolean): Promise<UserTask | 'refused' | undefined> => {
      if (gone.current) return Promise.resolve(undefined);
      const sentAt = Date.now();
      const own = new LoadBound();
      rereads.current.add(own);
      return own
        .bounded(client.getUserTask(userTaskKey, { polling, signal: own.signal }))
        .then(
          (read): UserTask => {
            changes.noteRead(read, sentAt);
            return read;
          },
          (failure: unknown) => (definiteRefusal(failure) ? 'refused' : undefined),
        )
        .finally(() => {
          own.finish();
          rereads.current.delete(own);
        });
    },
    [client, userTaskKey, changes],
  );
  const readAgain = useCallback(
    (polling: boolean): Promise<UserTask | undefined> => readTask(polling).then((read) => (read === 'refused' ? undefined : read)),
    [readTask],
  );
  useEffect(() => {
    const pending = rereads.current;
    return () => pending.forEach((read) => read.supersede());
  }, [readAgain]);

  // the list's reads of a changed task by key (and this page's own) replace the task alone; a change made, undone or
  // dropped shows at once (a change made or undone of this task ends a dropped one held: the page shows the task as
  // last read — another task's, from a page the clerk left, changes nothing here)
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  useEffect(
    () =>
      changes.subscribe((event) => {
        if (event.kind === 'read') return takeRead(event.task, event.sentAt);
        const last = shown.current;
        if (event.kind === 'changed' && event.userTaskKey === userTaskKey) changedAt.current = event.at;
        const readSince = readSentAt.current > (changedAt.current ?? Number.NEGATIVE_INFINITY);
        if (event.kind !== 'dropped' || !last?.changed || changes.has(userTaskKey) || readSince) {
          if ((event.kind === 'changed' || event.kind === 'undone') && event.userTaskKey === userTaskKey) setHeld(undefined);
          return rerender(undefined);
        }
        setHeld(last.task);
        void readAgain(true).then(() => setHeld((now) => (now === last.task ? undefined : now)));
      }),
    [changes, userTaskKey, takeRead, readAgain],
  );

  const task = loaded && (held?.userTaskKey === loaded.task.userTaskKey ? held : changes.over(loaded.task));
  if (task) shown.current = { task, changed: changes.has(userTaskKey) };
  const mayWork = task ? task.assignee === user.username || (task.candidateGroups ?? []).some((group) => user.groups.includes(group)) || (task.candidateUsers ?? []).includes(user.username) : false;
  const holds = task?.assignee === user.username;
  // for who may only read the task, all of the case's ID numbers, bank accounts and diagnoses (not only the few its
  // form shows), masked also where a text quotes them (a reason); the form and 办理记录 wait for them
  const personal = usePersonalValues(task && !mayWork ? { userTaskKey: task.userTaskKey } : undefined, 0);
  const open = task?.state === 'CREATED';
  // (no form shown, so nothing to 办结 with: the task is not completed without its form's data)
  const withheld = loaded?.formLeftOut !== undefined;
  const completes = open && holds && !withheld;
  // what the clerk typed into the task she holds survives a reload and the end of her session (form-drafts.ts): her
  // own typing, restored to her alone, unmasked as she typed it
  const draft = useFormDraft(user.username, { kind: 'task', userTaskKey }, withheld ? undefined : loaded?.formData, open && holds && !withheld);
  // the same object from render to render: a new one would rebuild the form (form-view.tsx)
  const formData = useMemo(
    () => loaded && (mayWork ? draft.data : personal.values && maskPersonalValuesInData(maskPersonalData(loaded.formData), personal.values)),
    [loaded?.formData, draft.data, mayWork, personal.values],
  );
  // 办理记录 quotes values the case may no longer hold (an ID number since corrected, in the 补正说明 that corrected
  // it): masked by the audit entries' values as well as the case's
  const history = historyState?.userTaskKey === userTaskKey ? historyState : undefined;
  const historyRead = history && 'read' in history ? history.read : undefined;
  const historyValues = useMemo(
    () => historyRead && personal.values && mergePersonalValues(personal.values, historyRead.personalValues),
    [historyRead, personal.values],
  );
  // a task no longer open keeps no draft — but one a colleague completed (he held it last) keeps hers while she
  // stays on it, to see what she had entered (it was not submitted); it goes as she leaves the task
  const closed = loaded !== undefined && loaded.task.state !== 'CREATED';
  // her 办结 refused (a known answer) and none of hers unanswered before: a completion read now is a colleague's
  const refused = useRef(false);
  const unanswered = useRef(false);
  const completedByOther = closed && loaded.task.state === 'COMPLETED' && refused.current;
  const { flush: flushDraft, done: draftDone } = draft;
  useEffect(() => {
    if (!closed) return;
    if (!completedByOther) draftDone();
    else return draftDone;
  }, [closed, completedByOther, draftDone]);

  // a 办结 whose outcome the page could not tell (the task read again after it did not answer either), by the task's
  // name: the task is read again at the list's pace (not while the tab is hidden, as the list) until a read answers
  // or is refused, and the note then says what it found — gone from her 待办 (it went through), still there,
  // cancelled with its case, failed, or no longer to be read — and can be closed (tasklist-app.tsx)
  const [unsure, setUnsure] = useState<string | undefined>(undefined);
  // (the latest of these, not a dependency: a new draftDone would start the wait for the next read over)
  const latest = useRef({ draftDone, onMessage });
  latest.current = { draftDone, onMessage };
  // completed by her 办结 (one that answered, or one whose answer the page found out since): her 待办 and draft let go
  const completedHere = useCallback(() => {
    latest.current.draftDone();
    changes.completed(userTaskKey);
  }, [changes, userTaskKey]);
  useEffect(() => {
    if (unsure === undefined) return;
    let stopped = false;
    let timer: number | undefined;
    const check = () => {
      timer = window.setTimeout(() => {
        if (document.visibilityState !== 'visible') return check();
        void readTask(true).then((read) => {
          if (stopped || gone.current) return;
          // (a change under way on a cluster, 办结 included, is no answer yet either)
          const found = read === 'refused' ? 'REFUSED' : read && settled(read.state) ? read.state : undefined;
          if (found === undefined) return check();
          setUnsure(undefined);
          const held = heldNote(userTaskKey, true);
          if (found === 'COMPLETED') {
            // hers (no answer of hers said otherwise): as a 办结 that answered, but she stays on the task
            completedHere();
            latest.current.onMessage({ kind: 'ok', text: t.task.completionFound(unsure), held });
          } else {
            latest.current.onMessage({ kind: 'error', text: t.task.completionChecked(unsure, found), held });
          }
        });
      }, REFRESH_MS);
    };
    check();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [unsure, readTask, userTaskKey, completedHere]);

  // a command under way, known at once: `busy` is state, so two Ctrl+Enter before the next render sent two 办结
  const acting = useRef(false);
  const act = useCallback(
    async (action: 'claim' | 'unclaim' | 'complete') => {
      if (!loaded || !task || acting.current) return;
      setFormErrors(undefined);
      clearFormErrors();
      if (action === 'complete') {
        const result = form.current?.submit();
        const count = result ? countFormErrors(result.errors) : 0;
        if (result && count > 0) {
          reportFormErrors(count);
          return;
        }
        // (a session that ended shows the login page instead: the draft then holds the last keystroke too)
        flushDraft();
        // (pressed again while the page checks an earlier one: this one's answer, or its own check, says)
        setUnsure(undefined);
        acting.current = true;
        setBusy(true);
        const bound = new LoadBound();
        const done = () => {
          completedHere();
          // (the message names the task: it may show over another one the clerk opened meanwhile, which she stays on)
          onMessage({ kind: 'ok', text: t.task.completed(task.name ?? '') });
          if (!gone.current) onCompleted(task);
        };
        try {
          await client.completeUserTask(task.userTaskKey, result?.data ?? {}, { signal: bound.signal });
          done();
        } catch (failure) {
          // 结果未知 stays while she is on the task (not the 15 s of an error): it is what she must check
          const held = isUnknown(bound, failure) ? { held: heldNote(task.userTaskKey, false) } : {};
          if (!gone.current) onMessage({ kind: 'error', ...commandFailure(bound, failure, 'complete', task), ...held });
          // refused, or no answer: the engine may have completed it (or a colleague's change refused it); the task as
          // it now is shows whether (the form keeps what was typed). 办结 stays disabled until that read answers:
          // pressed again meanwhile, a 办结 the engine is still doing would refuse the second one. Completed after
          // all, it is what a 办结 that answered does.
          // (completed after all: by this 办结 or an earlier one of hers whose answer never came — else by a colleague)
          const hers = isUnknown(bound, failure) || unanswered.current;
          unanswered.current = hers;
          refused.current = !hers;
          const answer = await readTask(false);
          const found = answer === 'refused' ? 'REFUSED' : answer && settled(answer.state) ? answer.state : undefined;
          if (found === 'COMPLETED' && hers) done();
          else if (found === 'COMPLETED') {
            if (!gone.current) onMessage({ kind: 'error', text: t.task.completedByOther(nameOf(task)) });
          } else if (found === undefined && !gone.current && isUnknown(bound, failure)) {
            onMessage({ kind: 'error', text: t.task.commandUnread('complete', nameOf(task)), ...held });
            setUnsure(nameOf(task));
          } else if (found !== undefined && !gone.current && isUnknown(bound, failure)) {
            // any other answer ends the 结果未知: still open, cancelled with its case, failed, no longer to be read
            onMessage({ kind: 'error', text: t.task.completionChecked(nameOf(task), found), held: heldNote(task.userTaskKey, true) });
          }
        } finally {
          bound.finish();
          acting.current = false;
          setBusy(false);
        }
        return;
      }
      acting.current = true;
      setBusy(true);
      // the new 办理人 at once, here and in the list; undone if the engine refuses, or when no answer comes: then the
      // page shows what the server says, not what it hoped for
      const undo = changes.assigned(task.userTaskKey, action === 'claim' ? user.username : undefined, loaded.task.assignee ?? undefined);
      const bound = new LoadBound();
      try {
        if (action === 'claim') await client.assignUserTask(task.userTaskKey, user.username, { signal: bound.signal });
        else await client.unassignUserTask(task.userTaskKey, { signal: bound.signal });
        if (!gone.current) onMessage({ kind: 'ok', text: action === 'claim' ? t.task.claimed : t.task.unclaimed });
      } catch (failure) {
        if (!gone.current) onMessage({ kind: 'error', ...commandFailure(bound, failure, action, task) });
        // refused because a colleague took the task (or let it go) meanwhile, or no answer: what the page last read is
        // stale. The change shown stays (and the buttons disabled) until the task read again answers, then goes: the
        // page flips once, to what the server says, not to what it showed before and back — unless that read (or one
        // of the list's) showed the change: the engine made it, and it stays. When the read fails too, the change goes
        // all the same (also one its age let go, held here until a read): the task shows at once as last read, as the
        // message says — the form keeps what was typed — and the list reads again at once
        const read = await readAgain(false);
        const made = undo();
        // (kept because a list read had shown it: the engine made it, and the page shows it — not an unknown outcome)
        if (!read && !gone.current && isUnknown(bound, failure)) onMessage(made ? { kind: 'ok', text: action === 'claim' ? t.task.claimed : t.task.unclaimed } : { kind: 'error', text: t.task.commandUnread(action, nameOf(task)) });
      } finally {
        bound.finish();
        acting.current = false;
        setBusy(false);
      }
    },
    [task, loaded, client, user.username, changes, onCompleted, onMessage, readTask, flushDraft, completedHere, clearFormErrors, reportFormErrors],
  );

  // keyboard: c 认领, u 释放, Ctrl+Enter 办结 (see keyboard-shortcuts.ts)
  useEffect(
    () =>
      onShortcutAction((action) => {
        if (action === 'claim' && open && mayWork && !task?.assignee) void act('claim');
        if (action === 'unclaim' && open && holds) void act('unclaim');
        if (action === 'complete' && completes) void act('complete');
      }),
    [act, open, mayWork, holds, task, completes],
  );

  if (error) {
    return (
      <section class="task-detail">
        <ErrorNotice failure={error} />
        <button onClick={() => void load()}>{t.task.retry}</button>
      </section>
    );
  }
  if (!loaded || !task) return <section class="task-detail"><p class="muted">{t.task.loading}</p></section>;

  const status = !open
    ? undefined
    : !mayWork
      ? t.task.notYours
      : task.assignee && !holds
        ? t.task.assignedToOther(personName(task.assignee))
        : !task.assignee
          ? t.task.claimFirst
          : undefined;

  return (
    <section class="task-detail" aria-labelledby="task-title">
      <CaseHeader task={task} values={loaded.header} showPersonalData={mayWork} />
      <div class="task-bar no-print">
        <span class="muted">
          {t.task.candidateGroups}：{(task.candidateGroups ?? []).map(groupName).join('、') || '—'} · {t.task.created} {formatDateTime(task.creationDate)}
        </span>
        <span class="spacer" />
        {open && mayWork && !task.assignee && (
          <button class="primary" disabled={busy} onClick={() => void act('claim')} title="C">
            {t.task.claim}
          </button>
        )}
        {open && holds && (
          <button disabled={busy} onClick={() => void act('unclaim')} title="U">
            {t.task.unclaim}
          </button>
        )}
        <button onClick={() => window.print()}>{t.task.print}</button>
        {completes && (
          <button class="primary" disabled={busy} onClick={() => void act('complete')} title="Ctrl+Enter">
            {busy ? t.task.completing : t.task.complete}
          </button>
        )}
      </div>
      {status && <p class="banner notice">{status}</p>}
      {formErrors && (
        <p class="banner error" role="alert">
          {formErrors}
        </p>
      )}
      {completes && <FormErrorSummary found={errorsFound} />}
      <h2 id="task-title" tabIndex={-1}>
        {t.sections.form}
      </h2>
      <DraftStatus draft={draft} shown={completes} focusAfter="#task-title" />
      {loaded.formLeftOut ? (
        // (the words for who may 办结 it, or would once she claimed it; a reader's, or a closed task's, say no more)
        <p class="banner error" role="alert" data-testid="form-data-left-out">
          {(open && mayWork ? t.task.formDataLeftOut : t.task.formDataLeftOutShown)(loaded.formLeftOut.shown, loaded.formLeftOut.total)}
        </p>
      ) : loaded.schema && !formData ? (
        personal.failed ? <p class="banner error" role="alert">{zh.masking.unchecked}</p> : <p class="muted">{zh.shell.loading}</p>
      ) : loaded.schema && formData ? (
        <FormView
          schema={loaded.schema}
          data={formData}
          readOnly={!(open && holds)}
          onReady={(handle) => (form.current = handle)}
          onError={(message) => setFormErrors(message)}
          onChange={draft.onChange}
        />
      ) : (
        <p class="muted">{t.task.noForm}</p>
      )}
      {completes && (
        <div class="task-bar bottom no-print">
          <span class="spacer" />
          <button class="primary" disabled={busy} onClick={() => void act('complete')}>
            {busy ? t.task.completing : t.task.complete}
          </button>
        </div>
      )}
      <h2>{t.sections.materials}</h2>
      <MaterialsChecklist values={loaded.header} labels={catalog.variableLabels} formWrites={open ? loaded.formNames : undefined} missingSettled={historyRead !== undefined && missingListSettled(historyRead)} />
      <h2>{t.sections.notices}</h2>
      <CaseNotices notices={loaded.notices.notices} leftOut={loaded.notices.leftOut} />
      <h2>{t.sections.history}</h2>
      {history && 'failure' in history ? (
        <ErrorNotice failure={history.failure}>
          {' '}
          <button class="link" onClick={() => readHistory(loaded.task.processInstanceKey)}>
            {t.task.retry}
          </button>
        </ErrorNotice>
      ) : !historyRead ? (
        <p class="muted">{zh.shell.loading}</p>
      ) : mayWork ? (
        <CaseHistory entries={historyRead.entries} auditAvailable={historyRead.auditAvailable} leftOut={historyRead.leftOut} valuesLeftOut={historyRead.valuesLeftOut} />
      ) : personal.failed ? (
        <p class="banner error" role="alert">{zh.masking.unchecked}</p>
      ) : historyValues ? (
        <CaseHistory entries={historyRead.entries} auditAvailable={historyRead.auditAvailable} leftOut={historyRead.leftOut} valuesLeftOut={historyRead.valuesLeftOut} shownText={(text) => maskPersonalValuesIn(text, historyValues)} />
      ) : (
        <p class="muted">{zh.shell.loading}</p>
      )}
      <h2 class="no-print">{t.sections.variables}</h2>
      <div class="no-print">
        <button class="link" aria-expanded={showVariables} onClick={() => setShowVariables(!showVariables)}>
          {showVariables ? t.variables.hide : t.variables.show}
        </button>
        {showVariables && <TaskVariables userTaskKey={task.userTaskKey} processId={task.processDefinitionId} showPersonalData={mayWork} caseValues={personal.values} />}
      </div>
    </section>
  );
}

/**
 * What the page says of a command that did not go through: the engine's refusal, or that its outcome is unknown — no
 * answer within LOAD_TIMEOUT_MS (its request is cancelled then), the connection dropped once it was out, or a gateway
 * answered for the engine (outcomeUnknown) —: the engine may have done it, so the page says neither that it failed
 * nor that it worked, and never sends it again by itself.
 */
function commandFailure(bound: LoadBound, failure: unknown, action: 'claim' | 'unclaim' | 'complete', task: UserTask): Failure {
  const name = nameOf(task);
  if (!bound.timedOut && outcomeUnknown(failure)) return { text: t.task.commandUnknown(action, name, false) };
  return bound.failure(failure, t.task.commandUnknown(action, name, true)) ?? { text: t.task.commandUnknown(action, name, true) };
}

/**
 * A read refused for good — the task gone (404), no longer hers to see (403), any 4xx but a wait asked for (408,
 * 429) —: read again, it would answer the same. (401 shows the login page anyway.)
 */
function definiteRefusal(failure: unknown): boolean {
  return failure instanceof ApiError && failure.status >= 400 && failure.status < 500 && failure.status !== 408 && failure.status !== 429;
}

/** A state that tells the outcome of a 办结: not one of a cluster's changes under way (COMPLETING …). */
function settled(state: UserTaskState): state is 'CREATED' | 'COMPLETED' | 'CANCELED' | 'FAILED' {
  return state === 'CREATED' || state === 'COMPLETED' || state === 'CANCELED' || state === 'FAILED';
}

/**
 * Whether the command's outcome is unknown (its 结果未知 text says the page read the task again: when that read
 * fails too, the page says so instead — what it shows is from before the command), not refused by the engine.
 */
function isUnknown(bound: LoadBound, failure: unknown): boolean {
  return bound.timedOut || outcomeUnknown(failure);
}

function nameOf(task: UserTask): string {
  return task.name || task.elementId;
}
