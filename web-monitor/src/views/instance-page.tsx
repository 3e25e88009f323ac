/**
 * One case (Operate's instance view), everything from /v2 with the manager's own session: the header (with how a
 * completed case ended — 已办结, 不予受理 … and its end event's words — and its deadline: 办理时限届满日, the working
 * days left or whether it ended on time, as the task list's case header shows it), the
 * diagram with where the case is (active, incident, completed elements, taken flows), its incidents (retry /
 * resolve), the messages it waits for and received, its variables per scope (edit), the audit trail (who did
 * what, when, with which decision), the steps it went through, and cancelling the case. Every repair is the
 * engine's command under the manager's login, so the engine's audit trail records the manager's name; the page
 * shows it over lagging reads until they show it (use-case-repairs.ts). The header's applicant and deadline are read
 * again after an edit: a re-read that fails keeps what the last read that worked showed, under a note that names
 * which read failed (the applicant's, the dates', or both) with its time and 重新读取, rather than 未能读取 over facts
 * the page had; the note stays until a re-read answers.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { CaseDeadlineFacts } from '../../../web-shared/src/dates/case-deadline.js';
import { outcomesOf, type EndedAs } from '../case-outcomes.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { REFUSAL_AT_INTAKE_VARIABLES, refusalAtIntake } from '../../../web-shared/src/format/refused-at-intake.js';
import { textValueOf } from '../../../web-shared/src/api/read-variable-value.js';
import { applicantsOf } from '../case-applicants.js';
import { zh } from '../../../web-shared/src/i18n/zh-cn.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import { AuditTrail } from './audit-trail.js';
import { InstanceDiagram } from './instance-diagram.js';
import { InstanceIncidents } from './instance-incidents.js';
import { InstanceMessages } from './instance-messages.js';
import { InstanceSteps } from './instance-steps.js';
import { InstanceVariables } from './instance-variables.js';
import { useCaseRepairs } from './use-case-repairs.js';
import { usePersonalValues } from '../../../web-shared/src/masking/use-personal-values.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

export function InstancePage({ processInstanceKey }: { processInstanceKey: string }) {
  const { client } = useSession();
  const { processTitle, mayRepair, api, catalog } = useMonitorData();
  const count = useCallback((now: string, dates: string[]) => api.workingDays(now, dates), [api]);
  const { state, diagramState, error, message, revision, repairs, changed, failed } = useCaseRepairs(processInstanceKey);
  // 撤销案件 being sent: a second click sends nothing (the ref answers before the page re-renders)
  const canceling = useRef(false);
  const [, setCanceling] = useState(false);
  // the case's personal values (and its called cases', whose incidents it lists), read once for the panels whose
  // texts may quote them: incident messages, correlation keys, reasons in 办理记录
  // 重新读取 of the header's applicant and deadline (after a re-read of theirs failed)
  const [headerAttempt, setHeaderAttempt] = useState(0);
  // after a 重新读取 that worked the note and its button are gone: the focus goes to the facts it read, not the page's start
  const rereadHeader = useRef(false);
  const facts = useRef<HTMLDListElement>(null);
  const applicant = useApplicant(processInstanceKey, revision, headerAttempt);
  const { dates, datesStaleSince, datesReading, endedAs } = useDeadlineAndOutcome(processInstanceKey, revision, headerAttempt, state?.instance.state);
  const headerStale = applicant.staleSince !== undefined || datesStaleSince !== undefined;
  const headerReading = applicant.reading || datesReading;
  useEffect(() => {
    if (headerReading || !rereadHeader.current) return;
    rereadHeader.current = false;
    // (a re-read that failed again leaves the note, and the focus on its button)
    if (!headerStale && (document.activeElement === null || document.activeElement === document.body)) facts.current?.focus();
  }, [headerReading, headerStale]);
  const personal = usePersonalValues({ processInstanceKeys: [processInstanceKey, ...(state?.incidents.map((incident) => incident.processInstanceKey) ?? [])] }, revision);

  if (error && !state) return <ErrorNotice failure={error} />;
  if (!state || !diagramState) return <p class="muted">{t.common.loading}</p>;
  const { instance } = state;
  const shown = repairs.stateOf(instance);
  // by the incidents read, not the case's hasIncident: that read went out before it and may not show a repair it shows
  const openIncident = state.incidents.some((incident) => !repairs.isResolved(incident.incidentKey));
  const process = catalog.processes.find((entry) => entry.processId === instance.processDefinitionId);
  const read = dates === 'failed' ? undefined : dates;
  const ended = shown.state === 'ACTIVE' ? undefined : { endDate: instance.endDate ?? new Date().toISOString(), canceled: shown.state === 'TERMINATED' };
  // the older of the two reads the header still shows after a re-read of theirs failed (the note names which)
  const staleTimes = [applicant.staleSince, datesStaleSince].filter((at): at is number => at !== undefined);
  const headerStaleSince = staleTimes.length ? Math.min(...staleTimes) : undefined;

  const cancel = async () => {
    if (canceling.current || !window.confirm(t.instance.confirmCancel(instance.processInstanceKey))) return;
    canceling.current = true;
    setCanceling(true);
    try {
      await client.cancelProcessInstance(instance.processInstanceKey);
      repairs.canceled();
      changed(t.instance.canceled);
    } catch (failure) {
      failed(failure);
    } finally {
      canceling.current = false;
      setCanceling(false);
    }
  };

  return (
    <section class="instance" aria-labelledby="instance-title">
      <div class="page-bar">
        <h1 id="instance-title">{t.instance.title(instance.processInstanceKey)}</h1>
        <span class={`state state-${shown.state}`} data-testid="instance-state">
          {shown.state === 'COMPLETED' && endedAs ? t.endedAs(endedAs.outcome) : (t.states[shown.state] ?? shown.state)}
        </span>
        {shown.submitted && <span class="tag submitted">{t.instance.submitted}</span>}
        {openIncident && <span class="tag danger">{t.openCases.incident}</span>}
        <span class="spacer" />
        {mayRepair && shown.state === 'ACTIVE' && (
          <button class="danger" disabled={canceling.current} onClick={() => void cancel()}>
            {canceling.current ? t.instance.sending : t.instance.cancelCase}
          </button>
        )}
      </div>
      <dl class="facts" tabIndex={-1} ref={facts}>
        <div>
          <dt>{t.instance.process}</dt>
          <dd>{processTitle(instance.processDefinitionId)}</dd>
        </div>
        <div>
          <dt>{t.instance.applicant}</dt>
          <dd data-testid="instance-applicant">{applicant.name === FAILED ? t.instance.applicantUnread : (applicant.name ?? t.common.dash)}</dd>
        </div>
        <div>
          <dt>{t.instance.version}</dt>
          <dd>{instance.processDefinitionVersion}</dd>
        </div>
        <div>
          <dt>{t.instance.started}</dt>
          <dd>{formatDateTime(instance.startDate)}</dd>
        </div>
        <div>
          <dt>{t.instance.ended}</dt>
          <dd>{formatDateTime(instance.endDate) || t.common.dash}</dd>
        </div>
        {shown.state === 'COMPLETED' && (
          <div>
            <dt>{t.instances.outcome}</dt>
            <dd data-testid="instance-outcome">{endedAs?.endEventName ?? t.common.dash}</dd>
          </div>
        )}
        <CaseDeadlineFacts
          count={count}
          deadline={read?.deadlineDate}
          acceptedAt={read?.acceptedAt}
          timeLimitZh={process?.timeLimitZh}
          limitRule={process?.limitRule}
          startedAt={instance.startDate}
          refused={read?.refused}
          refusedBySystem={read?.refusedBySystem}
          unread={dates === 'failed' ? 'failed' : dates === undefined ? 'reading' : undefined}
          ended={ended}
        />
      </dl>
      {headerStaleSince !== undefined && (
        <ErrorNotice
          class="banner notice"
          testId="header-stale"
          failure={t.instance.headerStale(formatDateTime(headerStaleSince), {
            applicant: applicant.staleSince !== undefined,
            dates: datesStaleSince !== undefined,
            remaining: ended ? zh.caseDeadline.kept : zh.caseDeadline.remaining,
          })}
        >
          {' '}
          <button
            aria-disabled={headerReading ? 'true' : undefined}
            onClick={() => {
              if (headerReading) return;
              rereadHeader.current = true;
              setHeaderAttempt((n) => n + 1);
            }}
          >
            {headerReading ? t.instance.reading : t.instance.readAgain}
          </button>
        </ErrorNotice>
      )}
      {message?.kind === 'ok' && (
        <p class="banner ok" role="status" data-testid="message">
          {message.text}
        </p>
      )}
      {message?.kind === 'error' && <ErrorNotice failure={message} testId="message" />}
      {error && <ErrorNotice failure={{ ...error, text: t.instance.readFailed(error.text) }} testId="read-failed" />}
      {repairs.lapsed() && (
        <p class="banner notice" role="status" data-testid="unconfirmed">
          {error ? t.instance.unconfirmedUnread : t.instance.unconfirmed}
        </p>
      )}
      <div class="panel">
        <h2>{t.instance.diagram}</h2>
        <InstanceDiagram state={diagramState} />
      </div>
      <div class="panel">
        <h2>{t.instance.incidents}</h2>
        <InstanceIncidents incidents={state.incidents} personal={personal} repairs={repairs} xml={state.xml} mayRepair={mayRepair} onChanged={changed} onFailed={failed} />
      </div>
      <div class="panel">
        <h2>{t.instance.messages}</h2>
        <InstanceMessages processInstanceKey={instance.processInstanceKey} xml={state.xml} revision={revision} repairs={repairs} personal={personal} />
      </div>
      <div class="two-columns">
        <div class="panel">
          <h2>{t.instance.audit}</h2>
          <AuditTrail processInstanceKey={instance.processInstanceKey} revision={revision} pending={repairs.holding()} personal={personal} />
        </div>
        <div class="panel">
          <h2>{t.instance.steps}</h2>
          <InstanceSteps processInstanceKey={instance.processInstanceKey} revision={revision} repairs={repairs} />
        </div>
      </div>
      <div class="panel">
        <h2>{t.instance.variables}</h2>
        <InstanceVariables
          processInstanceKey={instance.processInstanceKey}
          processId={instance.processDefinitionId}
          editable={mayRepair && shown.state === 'ACTIVE'}
          revision={revision}
          repairs={repairs}
          personal={personal}
          onChanged={changed}
          onFailed={failed}
        />
      </div>
    </section>
  );
}

/** What the header's deadline rests on, as read from the case's process-scope variables. */
interface DeadlineDates {
  deadlineDate?: string;
  acceptedAt?: string;
  refused?: string;
  refusedBySystem: boolean;
}

/**
 * The case's deadline and acceptance date (its process-scope `deadlineDate`, `acceptedAt`: what the deadline worker
 * sets) and, once completed, how it ended; read again when a variable is edited, and on `attempt` (重新读取). A
 * re-read that fails keeps the dates the last read of this case that worked gave, with its time (`datesStaleSince`).
 */
function useDeadlineAndOutcome(processInstanceKey: string, revision: number, attempt: number, state: string | undefined) {
  const { client } = useSession();
  // the last read that worked, of which case and when; and the case whose latest read failed
  const [read, setRead] = useState<{ processInstanceKey: string; dates: DeadlineDates; at: number } | undefined>(undefined);
  // (kept while a re-read is on its way: cleared when a read works, not when one starts, so the note stays till then)
  const [failedOf, setFailedOf] = useState<string | undefined>(undefined);
  const [reading, setReading] = useState(false);
  const [endedAs, setEndedAs] = useState<EndedAs | undefined>(undefined);
  useEffect(() => {
    const reads = new AbortController();
    setReading(true);
    void client
      .searchVariables(
        { filter: { processInstanceKey, scopeKey: processInstanceKey, name: { $in: ['deadlineDate', ...REFUSAL_AT_INTAKE_VARIABLES] } }, page: { limit: 10 } },
        { signal: reads.signal },
      )
      .then((found) => {
        if (reads.signal.aborted) return;
        // read exactly, never throwing: a malformed value is no date, the others still show
        const value = (name: string) => textValueOf(found.items.find((variable) => variable.name === name)?.value);
        // a case refused at intake waiting for its notice to be handed over shows 不予受理 (or FC17's 不予备案), not 尚未受理
        const refusedBySystem = found.items.find((variable) => variable.name === 'refusedBySystem')?.value === 'true';
        const refused = refusalAtIntake({
          acceptedAt: value('acceptedAt'),
          refusalNoticeNumber: value('refusalNoticeNumber'),
          refusedBySystem,
          decisionNoticeNumber: value('decisionNoticeNumber'),
        });
        setRead({ processInstanceKey, dates: { deadlineDate: value('deadlineDate'), acceptedAt: value('acceptedAt'), refused, refusedBySystem }, at: Date.now() });
        setFailedOf(undefined);
        setReading(false);
      })
      .catch(() => {
        if (reads.signal.aborted) return;
        setFailedOf(processInstanceKey);
        setReading(false);
      });
    return () => reads.abort();
  }, [client, processInstanceKey, revision, attempt]);
  useEffect(() => {
    if (state !== 'COMPLETED') return setEndedAs(undefined);
    const reads = new AbortController();
    void outcomesOf(client, [processInstanceKey], reads.signal)
      .then((found) => !reads.signal.aborted && setEndedAs(found.get(processInstanceKey)))
      .catch(() => undefined);
    return () => reads.abort();
  }, [client, processInstanceKey, state]);
  const own = read?.processInstanceKey === processInstanceKey ? read : undefined;
  const failed = failedOf === processInstanceKey;
  // undefined until the first read answers, 'failed' when it failed: the page then shows no deadline and no verdict
  // (the case's start alone would read a system-refused FC17 case as 逾期 until its refusedBySystem is read)
  const dates: DeadlineDates | 'failed' | undefined = own ? own.dates : failed ? 'failed' : undefined;
  return { dates, datesStaleSince: own && failed ? own.at : undefined, datesReading: reading, endedAs };
}

/** The read of the applicant failed: not shown as a dash, which means the case names none (docs/manager-guide.md). */
const FAILED = Symbol('failed');

/**
 * The case's applicant's name (read again when a variable is edited, and on `attempt`): undefined while reading or
 * when it has none, {@link FAILED} when the first read failed; a re-read that fails keeps the name the last read of
 * this case that worked gave, with its time (`staleSince`).
 */
function useApplicant(processInstanceKey: string, revision: number, attempt: number): { name: string | typeof FAILED | undefined; staleSince?: number; reading: boolean } {
  const { client } = useSession();
  const [read, setRead] = useState<{ processInstanceKey: string; name: string | undefined; at: number } | undefined>(undefined);
  // (kept while a re-read is on its way: cleared when a read works, not when one starts)
  const [failedOf, setFailedOf] = useState<string | undefined>(undefined);
  const [reading, setReading] = useState(false);
  useEffect(() => {
    const reads = new AbortController();
    setReading(true);
    void applicantsOf(client, [processInstanceKey], reads.signal)
      .then((found) => {
        if (reads.signal.aborted) return;
        setRead({ processInstanceKey, name: found.get(processInstanceKey), at: Date.now() });
        setFailedOf(undefined);
        setReading(false);
      })
      .catch(() => {
        if (reads.signal.aborted) return;
        setFailedOf(processInstanceKey);
        setReading(false);
      });
    return () => reads.abort();
  }, [client, processInstanceKey, revision, attempt]);
  const own = read?.processInstanceKey === processInstanceKey ? read : undefined;
  const failed = failedOf === processInstanceKey;
  if (own) return failed ? { name: own.name, staleSince: own.at, reading } : { name: own.name, reading };
  return { name: failed ? FAILED : undefined, reading };
}
