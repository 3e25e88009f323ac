/**
 * Feeds the monitor's read model from the Camunda 8.8 REST API (/v2 searches only, so it works unchanged against a
 * real cluster), incrementally. One pass:
 *
 * 1. streams by date, each from its watermark minus an overlap (rows a cluster's exporter makes visible late):
 *    process instances by `startDate` and by `endDate`, user tasks by `creationDate` and by `completionDate`
 *    (date-stream.ts);
 * 2. the active incidents (usually few), replacing the last set;
 * 3. a sweep of the open cases, a batch per pass, round and round; and one of the open user tasks (assignee), whose
 *    lap ends by looking up, by its own key, each task the model holds open that the lap did not show (interrupted,
 *    or completed later than the overlap: open-task-sweep.ts);
 * 4. for every case touched by 1 or 3: its process-scope variables (acceptance date, deadline, applicant), then its
 *    figures;
 * 5. how completed cases ended (办结, 不予受理, 不予办理 …): the completed END_EVENT element instances as one more
 *    date stream, by `endDate` (Camunda 8.8's element-instance filter takes `endDate` as a date filter, `type` and
 *    `state` as plain values; its `processInstanceKey` is a plain key, so no search by a list of cases), each
 *    process instance's closing end event kept in the read model and joined to its case there; then, for the few
 *    completed cases the stream passed by without an end event, one search by the case's own key each
 *    (outcome-stream.ts).
 *
 * So a started, completed or cancelled case, a new or completed task and a deadline change that comes with a step
 * show within one pass; an assignment shows when the open-task sweep passes the task, a variable change without a
 * step when the case sweep passes the case.
 * Camunda 8.8 has no "changed since" filter, hence the sweep. Nothing reads all history: every search is bounded
 * by a watermark, by open rows, or by a batch of keys.
 *
 * A new or deleted model is rebuilt oldest first, a bounded number of pages per stream and pass; until every stream
 * has reached the present the status says how far it has read (the monitor's freshness line shows it).
 */
import type { OfficeCatalog, OfficeProcess } from '../../../web-shared/server/office-catalog.js';
import type { CalendarConfig } from '../../../workers/lib/calendar-config.js';
import { officeDateOfDateOrInstant } from '../../../workers/lib/instant.js';
import { officeDateOf } from '../../../workers/lib/iso-date.js';
import { workingDayCounterOf, type WorkingDayCounter } from '../working-day-counter.js';
import { CASE_VARIABLES, caseFigures, fromVariables, handlingWorkingDays, type CaseVariables } from './case-figures.js';
import { isoInstant, searchAll, type ClusterReader, type UserTask } from './cluster-reader.js';
import { DateStreams } from './date-stream.js';
import type { CaseRecord, CaseState, MonitorStore, TaskRecord, TaskState } from './monitor-store.js';
import { OpenTaskSweep } from './open-task-sweep.js';
import { OutcomeStream } from './outcome-stream.js';
import { RepeatedFailureLog } from './repeated-failure-log.js';

export { sdkClusterReader, type ClusterReader, type SearchPage, type SearchPath } from './cluster-reader.js';

export interface FeederOptions {
  catalog: OfficeCatalog;
  /** The workers' calendar configuration in force (re-read by the caller). */
  calendar: () => CalendarConfig;
  overlapMs: number;
  sweepBatch: number;
  intervalMs: number;
  /** Rows per page of a date stream (default 1,000; tests make a rebuild take several passes with less). */
  pageSize?: number;
  /** Pages one date stream may read in a pass (default 50). */
  pagesPerPass?: number;
  /** End events kept a pass looks at for pruning (default 1,000: outcome-stream.ts). */
  endEventsPrunedPerPass?: number;
  /**
   * Where failures are logged (never personal data): a failure that comes back every pass like an outage, the first
   * failure, then only another error, and the pass that works again (repeated-failure-log.ts).
   */
  log?: (line: string) => void;
  /**
   * The clock of the passes (their start and end: {@link FeederStatus.lastPassAt}, {@link FeederStatus.failingSince}),
   * the outcome lookups, the pruning of the end events kept and the open-task laps (epoch ms; default Date.now): tests
   * set it instead of depending on the day they run.
   */
  now?: () => number;
}

export interface FeederStatus {
  /**
   * Wall-clock end of the last successful pass (epoch ms), undefined before the first. Kept in the store's meta
   * ({@link LAST_PASS_AT}, once a minute: {@link minuteChanged}) and read back when the feeder starts: after a restart
   * while the cluster is down, the figures the file holds are as of that pass, not of none (the managers' freshness
   * line says so).
   */
  lastPassAt?: number;
  /**
   * No {@link lastPassAt} kept, but the store holds figures a run before this start read (its date streams have
   * watermarks: a file of a monitor before the time was kept) — until a pass works.
   */
  earlierFigures?: true;
  /** How long it took (ms). */
  lastPassMs?: number;
  /** Passes that ended without failing since the feeder began (a failed one is not counted, and leaves `caughtUp` as the last one set it). */
  passes: number;
  /**
   * Whether the last pass reached the present in every date stream (each stream's last page came back short of its
   * limit). False before the first pass and while a rebuild of the model is still reading older pages.
   */
  caughtUp: boolean;
  /** While not caught up after a pass: the office day the slowest date stream has read up to. */
  readUpTo?: string;
  /** The last failure, while the passes fail: for the server's log and tests, never shown to managers (English, technical). */
  lastError?: string;
  /**
   * While the passes fail: when the first of them in a row started (epoch ms), what the managers' freshness line dates
   * the outage by (a pass that waits for a connection's time-out fails long after the cluster went away). Kept in the
   * store's meta ({@link FAILING_SINCE}) until a pass works: after a restart during the outage it is still its start,
   * not the restart's, once this run's first pass has failed too.
   */
  failingSince?: number;
}

interface ProcessInstance {
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  state: string;
  startDate: string;
  endDate?: string | null;
  hasIncident?: boolean;
  parentProcessInstanceKey?: string | null;
}

interface Incident {
  incidentKey: string;
  processInstanceKey: string;
  processDefinitionId: string;
  elementId: string;
  errorType: string;
  errorMessage: string;
  creationTime: string;
  jobKey?: string | null;
}

interface Variable {
  name: string;
  value: string;
  scopeKey: string;
  processInstanceKey: string;
}

const KEYS_PER_SEARCH = 200;

/** The store's meta entry of {@link FeederStatus.lastPassAt} (epoch ms as text). */
const LAST_PASS_AT = 'lastPassAt';
/** The store's meta entry of {@link FeederStatus.failingSince} (epoch ms as text; empty while the passes work). */
const FAILING_SINCE = 'failingSince';

/**
 * Whether a pass that ended at `ended` writes its time to the store's meta, where `kept` was written last: only in
 * another minute. The kept time is read only after a restart, by the managers' freshness line, which shows it to the
 * minute (formatDateTime): the first pass of each minute keeps a time that reads the same as any later one of that
 * minute would, so the line names the last pass exactly while the feeder writes once a minute, not once a pass (a
 * pass a second: a write, its WAL frame and its share of checkpoints every second, mostly on an idle office's passes
 * that wrote nothing else). Offsets of time zones are whole minutes, so a minute is one in every zone.
 */
export function minuteChanged(kept: number | undefined, ended: number): boolean {
  return kept === undefined || Math.floor(kept / 60_000) !== Math.floor(ended / 60_000);
}

export class ReadModelFeeder {
  private readonly processes: Map<string, OfficeProcess>;
  private sweepCursor: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly state: FeederStatus = { passes: 0, caughtUp: false };
  private readonly streams: DateStreams;
  private readonly openTasks: OpenTaskSweep;
  private readonly outcomes: OutcomeStream;
  private readonly passFailures: RepeatedFailureLog;
  /** The calendar check's recounts failing (the pass goes on reading without them). */
  private readonly recountFailures: RepeatedFailureLog;
  /** The pass's end last written to the store's meta ({@link minuteChanged}). */
  private keptLastPassAt: number | undefined;
  /** The outage's start written to the store's meta (once an outage), or read from it: a run before this one's. */
  private keptFailingSince: number | undefined;
  private readonly now: () => number;
  /**
   * The counter (so the calendar) and the day of the last check of the years' working days against the model's
   * fingerprints ({@link recomputeAfterCalendarChange}): nothing else changes its outcome, so it runs once an office day and
   * when the calendar was re-read with a change, not every pass.
   */
  private calendarChecked: { counter: WorkingDayCounter; day: string } | undefined;

  constructor(
    private readonly store: MonitorStore,
    private readonly reader: ClusterReader,
    private readonly options: FeederOptions,
  ) {
    this.processes = new Map(options.catalog.processes.map((process) => [process.processId, process]));
    // the figures the file holds stand at the last pass that worked, before a restart too
    const lastPassAt = Number(store.meta(LAST_PASS_AT));
    if (Number.isFinite(lastPassAt) && lastPassAt > 0) this.state.lastPassAt = this.keptLastPassAt = lastPassAt;
    else if (store.meta('watermark.instancesStarted') !== undefined) this.state.earlierFigures = true;
    const failingSince = Number(store.meta(FAILING_SINCE));
    if (Number.isFinite(failingSince) && failingSince > 0) this.keptFailingSince = failingSince;
    const now = (this.now = () => (options.now ?? Date.now)());
    this.streams = new DateStreams(store, reader, options);
    this.openTasks = new OpenTaskSweep(store, reader, { ...options, now, putTasks: (rows, dirty) => this.putTasks(rows, dirty) });
    this.outcomes = new OutcomeStream(store, reader, this.streams, { ...options, now });
    this.passFailures = new RepeatedFailureLog(options.log, {
      failed: 'read model pass failed',
      recovered: 'read model passes work again',
      passes: ['failed pass', 'failed passes'],
    });
    this.recountFailures = new RepeatedFailureLog(options.log, {
      failed: 'calendar recount failed (tried again next pass)',
      recovered: 'calendar recounts work again',
      passes: ['pass with a failed recount', 'passes with a failed recount'],
    });
  }

  /** Passes one after another, `intervalMs` apart, until {@link stop}. */
  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.syncOnce()
        .catch(() => undefined)
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(loop, this.options.intervalMs);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    // a clean stop keeps the last pass's exact time (the passes keep it once a minute: after a crash it is to the minute)
    const { lastPassAt } = this.state;
    if (lastPassAt !== undefined && lastPassAt !== this.keptLastPassAt && this.keepMeta(LAST_PASS_AT, String(lastPassAt))) this.keptLastPassAt = lastPassAt;
  }

  status(): FeederStatus {
    return { ...this.state };
  }

  /** The working-day counter of the calendar in force (a new one when the calendar was re-read). */
  workingDays(): WorkingDayCounter {
    return this.currentCounter().counter;
  }

  /** One pass; resolves when the read model holds everything the cluster showed when it started. */
  async syncOnce(): Promise<void> {
    const started = this.now();
    try {
      const dirty = new Set<string>();
      // a recount that fails (always, say) must not stop the reads: logged, and the check made again next pass
      try {
        this.recomputeAfterCalendarChange();
        this.recountFailures.succeeded();
      } catch (error) {
        this.recountFailures.failed(error);
      }
      const streams = [
        await this.streams.read('instancesStarted', 'process-instances', 'startDate', (rows: ProcessInstance[]) => this.putInstances(rows, dirty)),
        await this.streams.read('instancesEnded', 'process-instances', 'endDate', (rows: ProcessInstance[]) => this.putInstances(rows, dirty)),
        await this.streams.read('tasksCreated', 'user-tasks', 'creationDate', (rows: UserTask[]) => this.putTasks(rows, dirty)),
        await this.streams.read('tasksCompleted', 'user-tasks', 'completionDate', (rows: UserTask[]) => this.putTasks(rows, dirty)),
      ];
      await this.incidents();
      await this.sweep(dirty);
      // while the task streams are behind (a rebuild), the tasks they have not reached yet are no news
      await this.openTasks.next(dirty, streams[2]!.reachedEnd && streams[3]!.reachedEnd);
      await this.refreshCases([...dirty]);
      // how cases ended is read last and never fails the pass: a failed search leaves outcomes unknown for a while —
      // those cases count as 办结 — while every other figure stays current
      const endEvents = await this.outcomes.read();
      if (endEvents) streams.push(endEvents);
      const behind = streams.filter((stream) => !stream.reachedEnd).map((stream) => stream.watermark);
      this.state.caughtUp = behind.length === 0;
      if (behind.length === 0) delete this.state.readUpTo;
      else this.state.readUpTo = officeDateOfDateOrInstant(behind.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)));
      const ended = this.now();
      if (minuteChanged(this.keptLastPassAt, ended)) {
        this.store.setMeta(LAST_PASS_AT, String(ended));
        this.keptLastPassAt = ended;
      }
      if (this.keptFailingSince !== undefined) {
        this.store.setMeta(FAILING_SINCE, '');
        this.keptFailingSince = undefined;
      }
      this.state.passes += 1;
      this.state.lastPassAt = ended;
      this.state.lastPassMs = ended - started;
      delete this.state.lastError;
      delete this.state.failingSince;
      delete this.state.earlierFigures;
      this.passFailures.succeeded();
    } catch (error) {
      this.state.lastError = (error as Error).message;
      // the outage a run before this one kept, if it had not ended
      this.state.failingSince ??= this.keptFailingSince ?? started;
      if (this.keptFailingSince === undefined && this.keepMeta(FAILING_SINCE, String(this.state.failingSince))) this.keptFailingSince = this.state.failingSince;
      this.passFailures.failed(error);
      throw error;
    }
  }

  /** Writes a meta entry where the file itself may be what fails (a full disk) or is closed: false if it was not written. */
  private keepMeta(name: string, value: string): boolean {
    try {
      this.store.setMeta(name, value);
      return true;
    } catch {
      return false;
    }
  }

  // helpers

  private currentCounter() {
    return { counter: workingDayCounterOf(this.options.calendar()) };
  }

  /**
   * A holiday notice or a closure entered since changes the working days of a year: the figures of the cases
   * spanning that year are counted again (fingerprints of each year's working days are kept in the model). Looked at
   * only with another calendar (another counter) or on another office day (Asia/Shanghai: the years looked at move on
   * with the office's year): its thirteen fingerprints and meta reads every pass found nothing new all day.
   *
   * A changed year's new fingerprint is written in the transaction of its recount, after it: a recount that fails
   * leaves the old fingerprint, so the next pass finds the year changed and counts it again.
   */
  private recomputeAfterCalendarChange(): void {
    const { counter } = this.currentCounter();
    const day = officeDateOf(new Date(this.now()));
    if (this.calendarChecked?.counter === counter && this.calendarChecked.day === day) return;
    const thisYear = Number(day.slice(0, 4));
    for (let year = thisYear - 10; year <= thisYear + 2; year += 1) {
      const signature = counter.yearSignature(year);
      const stored = this.store.meta(`calendar.${year}`);
      if (stored === signature) continue;
      // a year first looked at has no figures counted with another calendar
      if (stored === undefined) {
        this.store.setMeta(`calendar.${year}`, signature);
        continue;
      }
      const keys = this.store.casesSpanning(`${year}-01-01`, `${year}-12-31`);
      this.store.transaction(() => {
        for (const key of keys) {
          const record = this.store.getCase(key);
          if (record) this.store.putCase({ ...record, ...caseFigures(record, counter) });
        }
        this.store.setMeta(`calendar.${year}`, signature);
      });
    }
    // (only once done: a check that threw is made again next pass)
    this.calendarChecked = { counter, day };
  }

  private putInstances(rows: ProcessInstance[], dirty: Set<string>): void {
    const { counter } = this.currentCounter();
    for (const row of rows) {
      // a called process is part of its caller's case
      if (row.parentProcessInstanceKey) continue;
      const existing = this.store.getCase(row.processInstanceKey);
      const state: CaseState = row.state === 'COMPLETED' || row.state === 'TERMINATED' ? row.state : 'ACTIVE';
      // kept as ISO instants (toISOString): the store compares end dates as text with the feeder's cut-offs
      const endDate = state === 'ACTIVE' || !row.endDate ? null : isoInstant(row.endDate);
      const startDay = officeDateOfDateOrInstant(row.startDate);
      const facts = {
        processInstanceKey: row.processInstanceKey,
        processId: row.processDefinitionId,
        processDefinitionKey: row.processDefinitionKey,
        version: row.processDefinitionVersion,
        state,
        startDate: row.startDate,
        endDate,
        startDay,
        endDay: endDate === null ? null : officeDateOfDateOrInstant(endDate),
        hasIncident: row.hasIncident === true,
        acceptedDay: existing?.acceptedDay ?? null,
        // a known case keeps its deadline day, null included (无时限: refused without 受理), until its variables are read
        deadlineDay: existing ? existing.deadlineDay : fromVariables({}, this.processes.get(row.processDefinitionId), startDay).deadlineDay,
        originalDeadlineDay: existing?.originalDeadlineDay ?? null,
        deadlineProvisional: existing?.deadlineProvisional ?? false,
        applicant: existing?.applicant ?? null,
      };
      this.store.putCase({ ...facts, ...caseFigures(facts, counter) });
      dirty.add(row.processInstanceKey);
      // an ended case has no open step left
      if (state !== 'ACTIVE') {
        for (const task of this.store.openTasksOf(row.processInstanceKey)) {
          // its completion may still come (normally in this pass's completion stream); if not, it is looked up at a
          // lap's end (the model keeps which, so a restart does too)
          if (state === 'COMPLETED') this.store.closeTaskByCaseEnd(task.userTaskKey);
          else this.store.closeTask(task.userTaskKey);
        }
      }
    }
  }

  private putTasks(rows: UserTask[], dirty: Set<string>): void {
    const { counter } = this.currentCounter();
    for (const row of rows) {
      const state: TaskState = row.state === 'COMPLETED' ? 'COMPLETED' : row.state === 'CANCELED' || row.state === 'FAILED' ? 'CANCELED' : 'CREATED';
      const completionDate = state === 'COMPLETED' ? (row.completionDate ?? null) : null;
      const record: TaskRecord = {
        userTaskKey: row.userTaskKey,
        processInstanceKey: row.processInstanceKey,
        processId: row.processDefinitionId,
        elementId: row.elementId,
        name: row.name ?? row.elementId,
        state,
        assignee: row.assignee ?? null,
        candidateGroups: row.candidateGroups ?? [],
        // as toISOString writes it, as the end dates are: the open-task sweep compares creation dates as text
        creationDate: isoInstant(row.creationDate),
        completionDate,
        dueDate: row.dueDate ?? null,
        completionDay: completionDate === null ? null : officeDateOfDateOrInstant(completionDate),
        handlingWorkingDays: handlingWorkingDays(row.creationDate, completionDate, counter),
      };
      const existing = this.store.getTask(record.userTaskKey);
      // a completion already seen stays (the open-task search of a pass may have started before it)
      if (existing?.state === 'COMPLETED' && record.state !== 'COMPLETED') continue;
      // the sweep reads every open task again each lap: one that has not changed is neither written nor its case
      // looked at again (500 writes and 500 cases' variables a pass for nothing)
      if (existing && sameTask(existing, record)) continue;
      this.store.putTask(record);
      dirty.add(row.processInstanceKey);
    }
  }

  private async incidents(): Promise<void> {
    const incidents = await searchAll<Incident>(this.reader, 'incidents', { state: 'ACTIVE' }, 'incidentKey');
    this.store.transaction(() => {
      this.store.replaceIncidents(
        incidents.map((i) => ({
          incidentKey: i.incidentKey,
          processInstanceKey: i.processInstanceKey,
          processId: i.processDefinitionId,
          elementId: i.elementId,
          errorType: i.errorType,
          errorMessage: i.errorMessage,
          creationTime: i.creationTime,
          jobKey: i.jobKey ?? null,
        })),
      );
      this.store.markIncidents([...new Set(incidents.map((i) => i.processInstanceKey))]);
    });
  }

  /** The next batch of open cases, looked at again. */
  private async sweep(dirty: Set<string>): Promise<void> {
    const result = await this.reader.search<ProcessInstance>('process-instances', {
      filter: { state: 'ACTIVE' },
      sort: [{ field: 'processInstanceKey', order: 'ASC' }],
      page: this.sweepCursor ? { limit: this.options.sweepBatch, after: this.sweepCursor } : { limit: this.options.sweepBatch },
    });
    this.store.transaction(() => this.putInstances(result.items, dirty));
    this.sweepCursor = result.items.length < this.options.sweepBatch ? undefined : (result.page.endCursor ?? undefined);
  }

  /** Variables and figures of the touched cases, a batch of keys per search (8.8's variable filter takes `$in`). */
  private async refreshCases(keys: string[]): Promise<void> {
    const { counter } = this.currentCounter();
    for (let i = 0; i < keys.length; i += KEYS_PER_SEARCH) {
      const batch = keys.slice(i, i + KEYS_PER_SEARCH);
      const variables = await searchAll<Variable>(this.reader, 'variables', { processInstanceKey: { $in: batch }, name: { $in: CASE_VARIABLES } }, 'variableKey');
      const byCase = new Map<string, CaseVariables>();
      for (const variable of variables) {
        // process scope only: a local variable of a step is not the case's
        if (variable.scopeKey !== variable.processInstanceKey) continue;
        const values = byCase.get(variable.processInstanceKey) ?? {};
        values[variable.name as keyof CaseVariables] = parseJson(variable.value);
        byCase.set(variable.processInstanceKey, values);
      }
      this.store.transaction(() => {
        for (const key of batch) {
          const record = this.store.getCase(key);
          if (!record) continue;
          const derived = fromVariables(byCase.get(key) ?? {}, this.processes.get(record.processId), record.startDay);
          const facts = { ...record, ...derived };
          const next: CaseRecord = { ...facts, ...caseFigures(facts, counter) };
          this.store.putCase(next);
        }
      });
    }
  }
}

function sameTask(a: TaskRecord, b: TaskRecord): boolean {
  return (Object.keys(b) as (keyof TaskRecord)[]).every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
