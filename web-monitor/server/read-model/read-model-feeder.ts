/**
 * Feeds the monitor's read model from the Camunda 8.8 REST API (/v2 searches only, so it works unchanged against a
 * real cluster), incrementally. One pass:
 *
 * 1. streams by date, each from its watermark minus an overlap (rows a cluster's exporter makes visible late):
 *    process instances by `startDate` and by `endDate`, user tasks by `creationDate` and by `completionDate`;
 * 2. the active incidents (usually few), replacing the last set;
 * 3. a sweep of the open cases, a batch per pass, round and round; and one of the open user tasks (assignee), whose
 *    lap ends by looking up, by its own key, each task the model holds open that the lap did not show (interrupted,
 *    or completed later than the overlap);
 * 4. for every case touched by 1 or 3: its process-scope variables (acceptance date, deadline, applicant), then its
 *    figures;
 * 5. how completed cases ended (办结, 不予受理, 不予办理 …): the completed END_EVENT element instances as one more
 *    date stream, by `endDate` (Camunda 8.8's element-instance filter takes `endDate` as a date filter, `type` and
 *    `state` as plain values; its `processInstanceKey` is a plain key, so no search by a list of cases), each
 *    process instance's closing end event kept in the read model and joined to its case there; then, for the few
 *    completed cases the stream passed by without an end event, one search by the case's own key each.
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
import type { Camunda8 } from '@camunda8/sdk';
import type { OfficeCatalog, OfficeProcess } from '../../../web-shared/server/office-catalog.js';
import type { CalendarConfig } from '../../../workers/lib/calendar-config.js';
import { officeDateOfDateOrInstant } from '../../../workers/lib/instant.js';
import { closingEndEvent, isSidePathEnd, outcomeOfEndEvent } from '../../../web-shared/src/format/case-outcome.js';
import { WorkingDayCounter } from '../working-day-counter.js';
import { CASE_VARIABLES, caseFigures, fromVariables, handlingWorkingDays, type CaseVariables } from './case-figures.js';
import type { CaseRecord, CaseState, MonitorStore, TaskRecord, TaskState } from './monitor-store.js';

export type SearchPath = 'process-instances' | 'user-tasks' | 'incidents' | 'variables' | 'element-instances';

export interface SearchPage<T> {
  items: T[];
  page: { totalItems: number; endCursor?: string | null };
}

/** The /v2 searches the feeder needs, with the monitor's own service credentials. */
export interface ClusterReader {
  search<T>(path: SearchPath, body: object): Promise<SearchPage<T>>;
}

/** The reader over @camunda8/sdk (Basic or OAuth, as its configuration says). */
export function sdkClusterReader(camunda: Camunda8): ClusterReader {
  const rest = camunda.getCamundaRestClient();
  return {
    search: <T>(path: SearchPath, body: object) =>
      rest.callApiEndpoint<never, SearchPage<T>>({ method: 'POST', urlPath: `${path}/search`, body: body as never }) as Promise<SearchPage<T>>,
  };
}

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
  /** One line per failed pass (never personal data). */
  log?: (line: string) => void;
  /** The clock of the outcome lookups (epoch ms; default Date.now): tests set it instead of depending on the day they run. */
  now?: () => number;
}

export interface FeederStatus {
  /** Wall-clock end of the last successful pass (epoch ms), undefined before the first. */
  lastPassAt?: number;
  /** How long it took (ms). */
  lastPassMs?: number;
  passes: number;
  /**
   * Whether the last pass reached the present in every date stream (each stream's last page came back short of its
   * limit). False before the first pass and while a rebuild of the model is still reading older pages.
   */
  caughtUp: boolean;
  /** While not caught up after a pass: the office day the slowest date stream has read up to. */
  readUpTo?: string;
  /** The last failure, while the passes fail. */
  lastError?: string;
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

interface UserTask {
  userTaskKey: string;
  processInstanceKey: string;
  processDefinitionId: string;
  elementId: string;
  name?: string | null;
  state: string;
  assignee?: string | null;
  candidateGroups?: string[] | null;
  creationDate: string;
  completionDate?: string | null;
  dueDate?: string | null;
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

interface ElementInstance {
  elementInstanceKey: string;
  processInstanceKey: string;
  elementId: string;
  elementName?: string | null;
  type: string;
  state: string;
  endDate?: string | null;
}

/** The end events the outcome stream reads: completed END_EVENTs (with its `endDate` bound, the whole filter). */
const END_EVENTS = { type: 'END_EVENT', state: 'COMPLETED' } as const;

interface Variable {
  name: string;
  value: string;
  scopeKey: string;
  processInstanceKey: string;
}

const PAGE = 1000;
/**
 * Completed cases without an end event that a pass looks up one by one, once the end-event stream has passed their
 * end by the overlap: an end event a cluster showed later than that, or a case that ended without one (a process
 * may end at a task with no outgoing flow). Normally none; bounded so that a backlog costs at most this many small
 * searches a pass.
 */
const LATE_LOOKUPS_PER_PASS = 20;
/** How long after its end a case without an end event may wait before it is looked up (a cluster's exporter lag). */
const LATE_END_EVENT_MS = 10 * 60_000;
/** The first wait after a failed outcome search, doubled on each further failure up to the longest. */
const OUTCOME_RETRY_FIRST_MS = 60_000;
const OUTCOME_RETRY_MAX_MS = 3_600_000;
/**
 * Open tasks the model holds that a whole lap of the open-task sweep did not show (ended without the date streams
 * showing it: completed or cancelled later than the overlap, history deleted), looked up by their own key, at most
 * this many a pass: a backlog left by a lap is worked off pass by pass, not lap by lap (a lap of 5,000 open tasks
 * takes ten passes, so a bound per lap would take hours for a few hundred). A cancelled task (an interrupting boundary
 * event such as 办理时限重新计算's message, a modification) shows in the completion stream, as Camunda 8.8 sets its
 * completionDate; these are the few the streams missed.
 */
const GONE_LOOKUPS_PER_PASS = 50;
const KEYS_PER_SEARCH = 200;
/** Pages one stream may read in a pass; the rest waits for the next pass (a huge backlog cannot block the others). */
const PAGES_PER_PASS = 50;
const EPOCH = '1970-01-01T00:00:00.000Z';

export class ReadModelFeeder {
  private readonly processes: Map<string, OfficeProcess>;
  private counter: { config: CalendarConfig; counter: WorkingDayCounter } | undefined;
  private sweepCursor: string | undefined;
  private taskSweepCursor: string | undefined;
  /** The open-task sweep's lap under way: when it began, and the open tasks read since. */
  private taskLap: { startedAt: number; seen: Set<string> } | undefined;
  /** Open tasks an ended lap did not show, waiting to be looked up by key (at most {@link GONE_LOOKUPS_PER_PASS} a pass). */
  private readonly goneQueue = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly state: FeederStatus = { passes: 0, caughtUp: false };
  /** After a failed outcome search (the cluster unreachable, an error): when to try again, and how often it failed in a row. */
  private outcomesRetryAt = 0;
  private outcomeFailures = 0;
  /** Where each date stream stopped on a whole page in the last pass (kept in memory: a restart begins at the watermark). */
  private readonly resumeAt = new Map<string, { from: string; after: string }>();

  constructor(
    private readonly store: MonitorStore,
    private readonly reader: ClusterReader,
    private readonly options: FeederOptions,
  ) {
    this.processes = new Map(options.catalog.processes.map((process) => [process.processId, process]));
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
    const started = Date.now();
    try {
      const dirty = new Set<string>();
      this.recomputeAfterCalendarChange();
      const streams = [
        await this.stream('instancesStarted', 'process-instances', 'startDate', (rows: ProcessInstance[]) => this.putInstances(rows, dirty)),
        await this.stream('instancesEnded', 'process-instances', 'endDate', (rows: ProcessInstance[]) => this.putInstances(rows, dirty)),
        await this.stream('tasksCreated', 'user-tasks', 'creationDate', (rows: UserTask[]) => this.putTasks(rows, dirty)),
        await this.stream('tasksCompleted', 'user-tasks', 'completionDate', (rows: UserTask[]) => this.putTasks(rows, dirty)),
      ];
      await this.incidents();
      await this.sweep(dirty);
      // while the task streams are behind (a rebuild), the tasks they have not reached yet are no news
      await this.sweepOpenTasks(dirty, streams[2]!.reachedEnd && streams[3]!.reachedEnd);
      await this.refreshCases([...dirty]);
      // how cases ended is read last and never fails the pass: a failed search leaves outcomes unknown for a while —
      // those cases count as 办结 — while every other figure stays current
      const endEvents = await this.outcomesUnlessBackingOff();
      if (endEvents) streams.push(endEvents);
      const behind = streams.filter((stream) => !stream.reachedEnd).map((stream) => stream.watermark);
      this.state.caughtUp = behind.length === 0;
      if (behind.length === 0) delete this.state.readUpTo;
      else this.state.readUpTo = officeDateOfDateOrInstant(behind.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)));
      this.state.passes += 1;
      this.state.lastPassAt = Date.now();
      this.state.lastPassMs = Date.now() - started;
      delete this.state.lastError;
    } catch (error) {
      this.state.lastError = (error as Error).message;
      this.options.log?.(`[monitor] read model pass failed: ${(error as Error).message}`);
      throw error;
    }
  }

  // helpers

  private currentCounter() {
    const config = this.options.calendar();
    if (this.counter?.config !== config) this.counter = { config, counter: new WorkingDayCounter(config) };
    return this.counter;
  }

  /**
   * A holiday notice or a closure entered since changes the working days of a year: the figures of the cases
   * spanning that year are counted again (fingerprints of each year's working days are kept in the model).
   */
  private recomputeAfterCalendarChange(): void {
    const { counter } = this.currentCounter();
    const thisYear = new Date().getUTCFullYear();
    const changed: number[] = [];
    for (let year = thisYear - 10; year <= thisYear + 2; year += 1) {
      const signature = counter.yearSignature(year);
      const stored = this.store.meta(`calendar.${year}`);
      if (stored !== signature) {
        if (stored !== undefined) changed.push(year);
        this.store.setMeta(`calendar.${year}`, signature);
      }
    }
    for (const year of changed) {
      const keys = this.store.casesSpanning(`${year}-01-01`, `${year}-12-31`);
      this.store.transaction(() => {
        for (const key of keys) {
          const record = this.store.getCase(key);
          if (record) this.store.putCase({ ...record, ...caseFigures(record, counter) });
        }
      });
    }
  }

  /**
   * Reads a date stream from its watermark (minus the overlap) to the end, page by page, at most
   * {@link PAGES_PER_PASS} pages. It reached the end when a page came back short of its limit or without a cursor
   * (a backlog of exactly whole pages ends with an empty one); `totalItems` is not used: a cluster may cap it. A
   * stream whose last page of a pass was whole has not: the rows after it wait for the next pass.
   */
  private async stream<T extends object>(
    name: string,
    path: SearchPath,
    field: string,
    put: (rows: T[]) => void,
    /** The rest of the filter (the stream's rows among all of the search's). */
    filter: object = {},
  ): Promise<{ reachedEnd: boolean; watermark: string }> {
    const limit = this.options.pageSize ?? PAGE;
    const watermark = this.store.meta(`watermark.${name}`) ?? EPOCH;
    // a pass that stopped on a whole page goes on where it stopped: begun again from the watermark, a stream with
    // more rows than a pass reads in its overlap (a 批量操作 ending 50,000 cases at once) would read them forever
    const resume = this.resumeAt.get(name);
    this.resumeAt.delete(name);
    const from = resume?.from ?? new Date(Math.max(0, Date.parse(watermark) - this.options.overlapMs)).toISOString();
    let after = resume?.after;
    let latest = watermark;
    for (let pages = 0; pages < (this.options.pagesPerPass ?? PAGES_PER_PASS); pages += 1) {
      const result = await this.reader.search<T>(path, {
        filter: { ...filter, [field]: { $gte: from } },
        sort: [{ field, order: 'ASC' }],
        page: after ? { limit, after } : { limit },
      });
      this.store.transaction(() => put(result.items));
      for (const item of result.items) {
        const value = (item as Record<string, unknown>)[field];
        if (typeof value === 'string' && Date.parse(value) > Date.parse(latest)) latest = isoInstant(value);
      }
      this.store.setMeta(`watermark.${name}`, latest);
      if (result.items.length < limit || !result.page.endCursor) return { reachedEnd: true, watermark: latest };
      after = result.page.endCursor;
    }
    if (after !== undefined) this.resumeAt.set(name, { from, after });
    return { reachedEnd: false, watermark: latest };
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
        deadlineDay: existing?.deadlineDay ?? fromVariables({}, this.processes.get(row.processDefinitionId), startDay).deadlineDay,
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
    const incidents = await this.all<Incident>('incidents', { state: 'ACTIVE' }, 'incidentKey');
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

  /**
   * The next batch of open tasks, looked at again (an assignment or a release shows here), round and round like the
   * case sweep: `state` and a sort by `creationDate`, which Camunda 8.8's user-task search takes (its
   * `processInstanceKey` is a plain key, so the tasks of a batch of cases cannot be asked for at once). When a lap
   * ends, the tasks open in the model since before it began that it did not show have ended without the date
   * streams showing it (interrupted, or completed later than the overlap): each is looked up by its own key
   * (`userTaskKey`, a plain key), at most {@link GONE_LOOKUPS_PER_PASS} a pass (the rest waits in a queue for the
   * next passes), and closed when it is gone — once the task streams have caught up (during a rebuild the
   * completions they have not reached yet would all look gone).
   */
  private async sweepOpenTasks(dirty: Set<string>, lookUpGone: boolean): Promise<void> {
    const lap = (this.taskLap ??= { startedAt: this.now(), seen: new Set() });
    const limit = this.options.sweepBatch;
    const result = await this.reader
      .search<UserTask>('user-tasks', {
        filter: { state: 'CREATED' },
        sort: [{ field: 'creationDate', order: 'ASC' }],
        page: this.taskSweepCursor ? { limit, after: this.taskSweepCursor } : { limit },
      })
      .catch((error: unknown) => {
        // a cursor the cluster refuses (expired, or from before an upgrade) would fail every pass: the lap begins again
        if (refused(error)) {
          this.taskSweepCursor = undefined;
          this.taskLap = undefined;
        }
        throw error;
      });
    for (const task of result.items) lap.seen.add(task.userTaskKey);
    this.store.transaction(() => this.putTasks(result.items, dirty));
    const lapEnded = !(result.items.length >= limit && result.page.endCursor);
    this.taskSweepCursor = lapEnded ? undefined : (result.page.endCursor ?? undefined);
    if (lapEnded) this.taskLap = undefined;
    if (!lookUpGone) return;
    if (lapEnded) {
      // a task created while the lap ran may come after its cursor only on a later lap
      const before = new Date(lap.startedAt - this.options.overlapMs).toISOString();
      for (const key of this.store.openTaskKeysCreatedBefore(before)) if (!lap.seen.has(key)) this.goneQueue.add(key);
      // (one completed meanwhile, the completion stream showing it, is no longer among them)
      for (const key of this.store.tasksClosedByCaseEnd()) this.goneQueue.add(key);
    }
    const batch: string[] = [];
    for (const key of this.goneQueue) {
      if (batch.length >= GONE_LOOKUPS_PER_PASS) break;
      this.goneQueue.delete(key);
      // a stream or the sweep showed it meanwhile (completed, or open again in a later lap): nothing to look up
      const known = this.store.getTask(key);
      if (known?.state === 'CREATED' || known?.state === 'CANCELED') batch.push(key);
    }
    for (const userTaskKey of batch) {
      let task: UserTask | undefined;
      try {
        [task] = await this.all<UserTask>('user-tasks', { userTaskKey }, 'creationDate');
      } catch (error) {
        // one failed lookup does not fail the pass: the task waits for the next lap (an open one is missed by it again)
        this.options.log?.(`[monitor] looking up user task ${userTaskKey} failed: ${(error as Error).message}`);
        continue;
      }
      this.store.transaction(() => {
        const known = this.store.getTask(userTaskKey);
        if (known) dirty.add(known.processInstanceKey);
        this.store.taskLookedUp(userTaskKey);
        if (task) this.putTasks([task], dirty);
        // not found (history deleted after the cluster's retention) or not open: no longer open
        if (!task || task.state === 'COMPLETED' || task.state === 'CANCELED' || task.state === 'FAILED') {
          if (this.store.getTask(userTaskKey)?.state === 'CREATED') this.store.closeTask(userTaskKey);
        }
      });
    }
  }

  /** Variables and figures of the touched cases, a batch of keys per search (8.8's variable filter takes `$in`). */
  private async refreshCases(keys: string[]): Promise<void> {
    const { counter } = this.currentCounter();
    for (let i = 0; i < keys.length; i += KEYS_PER_SEARCH) {
      const batch = keys.slice(i, i + KEYS_PER_SEARCH);
      const variables = await this.all<Variable>('variables', { processInstanceKey: { $in: batch }, name: { $in: CASE_VARIABLES } }, 'variableKey');
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

  /**
   * {@link outcomes}, except while backing off after failures: a cluster failing the search fails it every pass
   * (about once a second), so the feeder waits 1, 2, 4 … minutes, at most an hour, and logs each wait once.
   * Undefined while it waits or when the pass's outcomes failed (the end-event stream then says nothing of catching up).
   */
  private async outcomesUnlessBackingOff(): Promise<{ reachedEnd: boolean; watermark: string } | undefined> {
    if (this.now() < this.outcomesRetryAt) return undefined;
    try {
      const endEvents = await this.outcomes();
      this.outcomeFailures = 0;
      return endEvents;
    } catch (error) {
      this.outcomeFailures += 1;
      const waitMs = Math.min(OUTCOME_RETRY_FIRST_MS * 2 ** (this.outcomeFailures - 1), OUTCOME_RETRY_MAX_MS);
      this.outcomesRetryAt = this.now() + waitMs;
      this.options.log?.(`[monitor] outcomes not read (${this.outcomeFailures}× in a row), next try in ${Math.round(waitMs / 60_000)} min: ${(error as Error).message}`);
      return undefined;
    }
  }

  /**
   * How completed cases ended ({@link closingEndEvent}): the completed end events as a date stream by `endDate`
   * (its watermark kept with the others, so a restart reads on from it), each process instance's closing one kept
   * in the model, where its completed case takes its outcome — the end event may come before the case or after it,
   * in this pass or a later one. Then the completed cases the stream has passed by (their end before its watermark
   * minus the overlap, and {@link LATE_END_EVENT_MS} ago) still without an end event, or with only a side path's
   * (a late main-path end would otherwise never be read): one search by the case's own key each, at most
   * {@link LATE_LOOKUPS_PER_PASS} a pass; a case with none there is marked '' and not asked for again (an end event
   * read later still sets its outcome). Cases ended well before the oldest end event the cluster shows are marked ''
   * without a search ({@link markBeforeEarliest}).
   */
  private async outcomes(): Promise<{ reachedEnd: boolean; watermark: string }> {
    // only the stream's very first page, read from the beginning, can show the oldest end event the cluster has
    let firstPage = this.store.meta('watermark.endEvents') === undefined;
    const endEvents = await this.stream('endEvents', 'element-instances', 'endDate', (rows: ElementInstance[]) => {
      if (firstPage) this.noteEarliest(rows[0]?.endDate);
      firstPage = false;
      this.putEndEvents(rows);
    }, END_EVENTS);
    if (!endEvents.reachedEnd || endEvents.watermark === EPOCH) return endEvents;
    this.markBeforeEarliest();
    const passedBy = Math.min(Date.parse(endEvents.watermark) - this.options.overlapMs, this.now() - LATE_END_EVENT_MS);
    for (const key of this.store.casesWithoutOutcome(LATE_LOOKUPS_PER_PASS, new Date(passedBy).toISOString())) {
      let ends: ElementInstance[];
      try {
        ends = await this.all<ElementInstance>('element-instances', { processInstanceKey: key, ...END_EVENTS }, 'endDate');
      } catch (error) {
        // one case's search failing (a cluster refusing that one) does not hold back the stream nor the other cases:
        // this one is asked for again next pass
        this.options.log?.(`[monitor] end events of one case not read: ${(error as Error).message}`);
        continue;
      }
      this.store.transaction(() => {
        this.putEndEvents(ends);
        this.store.markLookedUp(key);
        if (this.store.getCase(key)?.outcome === null) this.store.setOutcome(key, '');
      });
    }
    return endEvents;
  }

  /**
   * The first end event the stream ever read, from the beginning, is the oldest the cluster still shows only if it
   * was old already then: a cluster's exporter may show older ones later (within {@link LATE_END_EVENT_MS}), so a
   * first page read of the newest minutes says nothing yet and is not kept. Kept with when it was read.
   */
  private noteEarliest(first: string | null | undefined): void {
    if (!first) return;
    const now = this.now();
    if (Date.parse(first) > now - LATE_END_EVENT_MS) return;
    this.store.setMeta('endEvents.earliest', isoInstant(first));
    this.store.setMeta('endEvents.earliestReadAt', new Date(now).toISOString());
  }

  /**
   * Cases ended before the oldest end event the cluster showed have no end event to find (a cluster deletes history
   * after its retention; a model older than the cluster's data, or one fed before outcomes were read, holds many of
   * them): marked '' in one statement instead of a search each. Only those ended before it by the overlap and before
   * it was read by {@link LATE_END_EVENT_MS} (an end event shown later than that is not waited for); the rest are
   * looked up one by one.
   */
  private markBeforeEarliest(): void {
    const earliest = this.store.meta('endEvents.earliest');
    const readAt = this.store.meta('endEvents.earliestReadAt');
    if (earliest === undefined) return;
    // (a file of the first version has no time of reading: the earliest's own time stands in)
    const before = Math.min(Date.parse(earliest) - this.options.overlapMs, Date.parse(readAt ?? earliest) - LATE_END_EVENT_MS);
    this.store.transaction(() => this.store.markWithoutEndEvent(new Date(before).toISOString()));
  }

  /** Keeps each process instance's closing end event among those known and these (a later one replaces it). */
  private putEndEvents(rows: ElementInstance[]): void {
    for (const row of rows) {
      if (row.type !== 'END_EVENT' || row.state !== 'COMPLETED') continue;
      const kept = this.store.endEventOf(row.processInstanceKey);
      const known = kept && { ...kept, type: 'END_EVENT', state: 'COMPLETED' };
      const closing = closingEndEvent(known ? [known, row] : [row]);
      // the one kept is still the closing one (also when it is this very row, read again in the overlap): nothing to write
      if (!closing || closing === known) continue;
      this.store.putEndEvent({
        processInstanceKey: row.processInstanceKey,
        elementInstanceKey: row.elementInstanceKey,
        elementId: row.elementId,
        elementName: row.elementName ?? null,
        endDate: row.endDate ? isoInstant(row.endDate) : null,
        outcome: outcomeOfEndEvent(row.elementName),
        side: isSidePathEnd(row),
      });
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Every row of a search (bounded by its filter), page by page, in a stable order (`sortField`, then the key). */
  private async all<T>(path: SearchPath, filter: object, sortField: string): Promise<T[]> {
    const rows: T[] = [];
    let after: string | undefined;
    for (;;) {
      const result = await this.reader.search<T>(path, {
        filter,
        sort: [{ field: sortField, order: 'ASC' }],
        page: after ? { limit: PAGE, after } : { limit: PAGE },
      });
      rows.push(...result.items);
      if (result.items.length < PAGE || !result.page.endCursor) return rows;
      after = result.page.endCursor;
    }
  }
}

/** A search the cluster refused as a bad request (400): asked again the same way it fails again. */
function refused(error: unknown): boolean {
  return (error as { statusCode?: unknown } | null)?.statusCode === 400;
}

function sameTask(a: TaskRecord, b: TaskRecord): boolean {
  return (Object.keys(b) as (keyof TaskRecord)[]).every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));
}

/** An instant as toISOString writes it (a cluster may answer `+00:00` or another offset); unparsable ones as they came. */
function isoInstant(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
