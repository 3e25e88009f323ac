/**
 * The monitor's read model: a SQLite file of its own (`DATA_DIR/monitor.sqlite`, never the engine's tables), fed
 * from /v2 searches by the feeder (read-model-feeder.ts), read by the overview, the lists and the report. One row
 * per case (process instance) with what the figures need — office dates, the deadline from the case variables,
 * the cycle time in working days — one row per user task, and the active incidents.
 *
 * Counts over periods come from day tables (`daily_cases`, `daily_tasks`) that triggers keep in step with every
 * insert and update of a case or task, so an overview of a year of a million cases adds up a few thousand rows
 * instead of reading the cases. The day tables split each day by cycle time and punctuality (or step, clerk and
 * handling time), so three years of them are hundreds of thousands of rows; month tables (`monthly_cases`,
 * `monthly_tasks`), kept by triggers on the day tables, hold the same sums per month, and a period reads its whole
 * months there and only the days at its ends from the day tables. The overview's open figures come from count tables
 * kept by triggers too (`open_case_counts` per process, deadline day and incident flag, `open_task_counts` per step,
 * groups and clerk): a hundred thousand open cases are a few thousand rows there, and overdue and due soon still
 * follow the day asked for. The lists of open cases read partial indexes on the open rows.
 *
 * Keys stay decimal strings (a cluster's keys are 64-bit). Dates: `*_date` ISO instants as /v2 answers them,
 * `*_day` office dates (YYYY-MM-DD, Asia/Shanghai).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isSidePathEnd } from '../../../web-shared/src/format/case-outcome.js';
import { addDays } from '../../../workers/lib/iso-date.js';

/**
 * 2: monthly roll-ups of the day tables (filled from schema 1 on open); 3: counts of the open cases and tasks in
 * place of the covering index of the open tasks (filled from the rows on open); 4: the outcome of a completed case
 * (`outcome`, from the end event it ended at: web-shared/src/format/case-outcome.ts), 不予受理 counted apart in the
 * day tables (kinds `startedNotAccepted` and `NOT_ACCEPTED`). A file before 4 gets the column empty: the feeder
 * reads the end events from the beginning (their stream has no watermark yet), and the day tables follow. 5: the
 * end events kept (`case_end_events`, with `side` and `looked_up` for a side path's), their outcome carried into
 * `cases` by putCase and by the end events' own triggers; schema 4's triggers on `cases` that did it (some files
 * have them) are dropped and the day and month tables of cases counted again from the cases, since with them a
 * case's end could be counted twice. A monitor of schema 4 refuses a schema-5 file (a newer schema). Added to schema 5
 * since: {@link SCHEMA_REVISION}.
 */
const SCHEMA_VERSION = 5;

/**
 * Additions to schema 5 that a monitor of schema 5 which does not know them reads the file with as before, so they
 * take no new schema version (every older monitor would refuse the file, and going back would cost a rebuild from
 * /v2): each has a number, the file keeps the last it has (meta `schemaRevision`; none in a file from before the
 * first, read as 0), and opening a file of an earlier revision makes the ones it lacks ({@link SCHEMA_ADDITIONS}) in
 * the same transaction as the version, then says so in one line. A file of a later revision (a newer monitor's
 * additions) is opened as it is and keeps its number. A new file is made whole by SCHEMA, at this revision.
 * A revision may only add: an older monitor still runs its SCHEMA's `IF NOT EXISTS` / `IF EXISTS` statements on the
 * file, so what a revision dropped or renamed would come back there unnoticed (that needs a new schema version).
 */
const SCHEMA_REVISION = 2;

interface SchemaAddition {
  revision: number;
  /** What it adds, for the line the upgrade logs. */
  what: string;
  /**
   * Makes it in a file of an earlier revision, before SCHEMA runs; whether it did. Files a monitor of
   * 598c752..e9c7998 opened may have it already without a revision number, so each looks before it adds.
   */
  make(db: Database.Database, log: ((line: string) => void) | undefined): boolean;
}

const SCHEMA_ADDITIONS: readonly SchemaAddition[] = [
  {
    // 598c752: the flag of the tasks closed by their case's end, to look up by key; a monitor that does not know it
    // writes none, and a task it flagged is looked up once more at worst
    revision: 1,
    what: 'tasks.look_up',
    make(db) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info('tasks')`).all() as { name: string }[];
      if (columns.length === 0 || columns.some((column) => column.name === 'look_up')) return false;
      db.exec('ALTER TABLE tasks ADD COLUMN look_up INTEGER NOT NULL DEFAULT 0');
      return true;
    },
  },
  {
    // 6e8e96b: the end events by date, for their pruning. CREATE INDEX reads every row kept (about 1.3 s for 2
    // million), once, while the shared server waits, so it is said before
    revision: 2,
    what: 'case_end_events_end',
    make(db, log) {
      const endEventsKept = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'case_end_events'`).get();
      const endIndexed = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'case_end_events_end'`).get();
      if (endEventsKept === undefined || endIndexed !== undefined) return false;
      log?.('[monitor] indexing the kept end events by date (case_end_events_end), once: a large file takes a few seconds');
      db.exec('CREATE INDEX case_end_events_end ON case_end_events (end_date)');
      return true;
    },
  },
];

/** The day tables' kind of a case's start: a case not accepted (不予受理) was never 受理'd. */
const STARTED_KIND = (row: string) => `CASE WHEN ${row}.outcome = 'notAccepted' THEN 'startedNotAccepted' ELSE 'started' END`;
/** The day tables' kind of a case's end: its state, or NOT_ACCEPTED for a case completed at a 不予受理 end event. */
const ENDED_KIND = (row: string) => `CASE WHEN ${row}.state = 'COMPLETED' AND ${row}.outcome = 'notAccepted' THEN 'NOT_ACCEPTED' ELSE ${row}.state END`;

export type CaseState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface CaseRecord {
  processInstanceKey: string;
  processId: string;
  processDefinitionKey: string;
  version: number;
  state: CaseState;
  startDate: string;
  endDate: string | null;
  startDay: string;
  endDay: string | null;
  hasIncident: boolean;
  /** From the case variables (null until known). */
  acceptedDay: string | null;
  deadlineDay: string | null;
  originalDeadlineDay: string | null;
  deadlineProvisional: boolean;
  /** personName or unitName: the applicant, for finding a case by name. */
  applicant: string | null;
  /** Working days from acceptance to completion (completed cases with an acceptance date). */
  cycleWorkingDays: number | null;
  /** Completed on or before the deadline day (null: no deadline known). */
  onTime: boolean | null;
  /** The figures rest on a year whose holiday notice is not entered yet. */
  figuresProvisional: boolean;
  /**
   * How a completed case ended (a CaseOutcome; '' when no end event was found; null until looked up). Read only:
   * {@link MonitorStore.putCase} ignores the record's and takes the kept end event's ({@link MonitorStore.putEndEvent}),
   * {@link MonitorStore.setOutcome} sets it.
   */
  outcome?: string | null;
}

/** The end event a process instance ended at (case-outcome.ts: the last completed on the main path), and its outcome. */
export interface EndEventRecord {
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  elementName: string | null;
  endDate: string | null;
  /** A CaseOutcome. */
  outcome: string;
  /** A side path's end event (已提醒, 督办完毕: case-outcome.ts), kept while no main-path end is known. */
  side: boolean;
}

/** Where one call of {@link MonitorStore.pruneEndEvents} stopped. */
export interface EndEventsPruned {
  /** The last end event it looked at, where the next call goes on; undefined when it reached the newest it may prune. */
  last?: { endDate: string; processInstanceKey: string };
}

export type TaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

export interface TaskRecord {
  userTaskKey: string;
  processInstanceKey: string;
  processId: string;
  elementId: string;
  name: string;
  state: TaskState;
  assignee: string | null;
  candidateGroups: string[];
  creationDate: string;
  completionDate: string | null;
  dueDate: string | null;
  completionDay: string | null;
  /** Working days from the day the task was created to the day it was completed. */
  handlingWorkingDays: number | null;
}

export interface IncidentRecord {
  incidentKey: string;
  processInstanceKey: string;
  processId: string;
  elementId: string;
  errorType: string;
  errorMessage: string;
  creationTime: string;
  jobKey: string | null;
}

/** One bucket of a day table: how many cases ended that way, with that cycle time (-1: none). */
export interface EndedBucket {
  processId: string;
  /** NOT_ACCEPTED: completed at a 不予受理 end event. */
  state: 'COMPLETED' | 'TERMINATED' | 'NOT_ACCEPTED';
  cycleWorkingDays: number;
  /** 1 on time, 0 late, -1 unknown. */
  onTime: number;
  n: number;
}

export interface OpenCaseCounts {
  processId: string;
  open: number;
  overdue: number;
  dueSoon: number;
  withIncident: number;
  noDeadline: number;
}

export interface OpenTaskCount {
  processId: string;
  elementId: string;
  name: string;
  n: number;
}

export interface TaskBucket {
  processId: string;
  elementId: string;
  assignee: string;
  handlingWorkingDays: number;
  n: number;
}

/** An open case with its current step (the oldest open user task, if any). */
export interface OpenCaseRow extends CaseRecord {
  currentStep: { userTaskKey: string; elementId: string; name: string; assignee: string | null; candidateGroups: string[] } | null;
}

export interface OpenCasesQuery {
  /** Deadline day before this day (overdue) … */
  deadlineBefore?: string;
  /** … or from `deadlineFrom` up to and including `deadlineTo` (due soon). */
  deadlineFrom?: string;
  deadlineTo?: string;
  processIds?: readonly string[];
  limit: number;
  offset: number;
}

const CASE_COLUMNS = [
  'process_instance_key', 'process_id', 'process_definition_key', 'version', 'state', 'start_date', 'end_date', 'start_day', 'end_day',
  'has_incident', 'accepted_day', 'deadline_day', 'original_deadline_day', 'deadline_provisional', 'applicant', 'cycle_wd', 'on_time',
  'figures_provisional',
] as const;

const END_EVENT_COLUMNS = ['process_instance_key', 'element_instance_key', 'element_id', 'element_name', 'end_date', 'outcome', 'side', 'looked_up'] as const;

const TASK_COLUMNS = [
  'user_task_key', 'process_instance_key', 'process_id', 'element_id', 'name', 'state', 'assignee', 'candidate_groups', 'creation_date',
  'completion_date', 'due_date', 'completion_day', 'handling_wd',
] as const;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS cases (
    process_instance_key TEXT PRIMARY KEY, process_id TEXT NOT NULL, process_definition_key TEXT NOT NULL, version INTEGER NOT NULL,
    state TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT, start_day TEXT NOT NULL, end_day TEXT,
    has_incident INTEGER NOT NULL, accepted_day TEXT, deadline_day TEXT, original_deadline_day TEXT,
    deadline_provisional INTEGER NOT NULL, applicant TEXT, cycle_wd INTEGER, on_time INTEGER, figures_provisional INTEGER NOT NULL,
    outcome TEXT);
  CREATE INDEX IF NOT EXISTS cases_open ON cases (process_id, deadline_day, has_incident) WHERE state = 'ACTIVE';
  CREATE INDEX IF NOT EXISTS cases_open_deadline ON cases (deadline_day, process_instance_key) WHERE state = 'ACTIVE';
  CREATE INDEX IF NOT EXISTS cases_applicant ON cases (applicant);
  CREATE INDEX IF NOT EXISTS cases_span ON cases (accepted_day);
  -- the few cases with an active incident, so marking them each pass does not read every case
  CREATE INDEX IF NOT EXISTS cases_with_incident ON cases (process_instance_key) WHERE has_incident = 1;
  -- the completed cases without an end event yet (the feeder asks for the end events of those its stream passed by)
  CREATE INDEX IF NOT EXISTS cases_outcome_unknown ON cases (end_date) WHERE state = 'COMPLETED' AND outcome IS NULL;
  -- the end event each process instance ended at as far as the feeder has read (its stream of completed END_EVENTs),
  -- the outcome its name says, and whether it is a side path's (已提醒, 督办完毕: kept only while no main-path end is
  -- known, looked up once more by the case's key). A completed case takes that outcome whichever of the two arrives
  -- first: putCase reads it here as it writes the case, and these triggers write it into the case when the end event
  -- comes (one UPDATE of cases, whose own triggers then run once, as for any other update). No trigger on cases
  -- writes cases: nested in the same row write as the day tables' triggers, their order (which SQLite leaves
  -- undefined) decided the counts — schema 4 had two (cases_outcome_*), dropped here
  DROP TRIGGER IF EXISTS cases_outcome_insert;
  DROP TRIGGER IF EXISTS cases_outcome_update;
  CREATE TABLE IF NOT EXISTS case_end_events (
    process_instance_key TEXT PRIMARY KEY, element_instance_key TEXT NOT NULL, element_id TEXT NOT NULL, element_name TEXT,
    end_date TEXT, outcome TEXT NOT NULL, side INTEGER NOT NULL DEFAULT 0, looked_up INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
  -- the side paths' end events whose case has not been looked up by its key yet (its main-path end may be late)
  CREATE INDEX IF NOT EXISTS case_end_events_side ON case_end_events (process_instance_key) WHERE side = 1 AND looked_up = 0;
  -- the end events by date, oldest first: the feeder prunes those the stream no longer needs a batch at a time
  -- (schema 5 revision 2: SCHEMA_ADDITIONS makes it in an older file)
  CREATE INDEX IF NOT EXISTS case_end_events_end ON case_end_events (end_date);
  CREATE TRIGGER IF NOT EXISTS case_end_events_insert AFTER INSERT ON case_end_events BEGIN
    UPDATE cases SET outcome = NEW.outcome
      WHERE process_instance_key = NEW.process_instance_key AND state = 'COMPLETED' AND outcome IS NOT NEW.outcome;
  END;
  CREATE TRIGGER IF NOT EXISTS case_end_events_update AFTER UPDATE ON case_end_events BEGIN
    UPDATE cases SET outcome = NEW.outcome
      WHERE process_instance_key = NEW.process_instance_key AND state = 'COMPLETED' AND outcome IS NOT NEW.outcome;
  END;
  -- per day and process: cases started (kind 'started', 'startedNotAccepted' once known 不予受理), and cases ended by
  -- state (NOT_ACCEPTED for 不予受理), cycle time and punctuality
  CREATE TABLE IF NOT EXISTS daily_cases (
    day TEXT NOT NULL, process_id TEXT NOT NULL, kind TEXT NOT NULL, cycle_wd INTEGER NOT NULL, on_time INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (day, process_id, kind, cycle_wd, on_time)) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS cases_started_insert AFTER INSERT ON cases BEGIN
    INSERT INTO daily_cases (day, process_id, kind, cycle_wd, on_time, n) VALUES (NEW.start_day, NEW.process_id, ${STARTED_KIND('NEW')}, -1, -1, 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER IF NOT EXISTS cases_started_update AFTER UPDATE OF start_day, process_id, outcome ON cases
  WHEN OLD.start_day IS NOT NEW.start_day OR OLD.process_id IS NOT NEW.process_id OR ${STARTED_KIND('OLD')} IS NOT ${STARTED_KIND('NEW')} BEGIN
    UPDATE daily_cases SET n = n - 1
      WHERE day = OLD.start_day AND process_id = OLD.process_id AND kind = ${STARTED_KIND('OLD')} AND cycle_wd = -1 AND on_time = -1;
    INSERT INTO daily_cases (day, process_id, kind, cycle_wd, on_time, n) VALUES (NEW.start_day, NEW.process_id, ${STARTED_KIND('NEW')}, -1, -1, 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER IF NOT EXISTS cases_ended_insert AFTER INSERT ON cases WHEN NEW.state <> 'ACTIVE' AND NEW.end_day IS NOT NULL BEGIN
    INSERT INTO daily_cases (day, process_id, kind, cycle_wd, on_time, n)
      VALUES (NEW.end_day, NEW.process_id, ${ENDED_KIND('NEW')}, coalesce(NEW.cycle_wd, -1), coalesce(NEW.on_time, -1), 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER IF NOT EXISTS cases_ended_update AFTER UPDATE OF state, end_day, process_id, cycle_wd, on_time, outcome ON cases
  WHEN OLD.state IS NOT NEW.state OR OLD.end_day IS NOT NEW.end_day OR OLD.process_id IS NOT NEW.process_id
    OR OLD.cycle_wd IS NOT NEW.cycle_wd OR OLD.on_time IS NOT NEW.on_time OR ${ENDED_KIND('OLD')} IS NOT ${ENDED_KIND('NEW')} BEGIN
    UPDATE daily_cases SET n = n - 1
      WHERE OLD.state <> 'ACTIVE' AND OLD.end_day IS NOT NULL AND day = OLD.end_day AND process_id = OLD.process_id AND kind = ${ENDED_KIND('OLD')}
        AND cycle_wd = coalesce(OLD.cycle_wd, -1) AND on_time = coalesce(OLD.on_time, -1);
    INSERT INTO daily_cases (day, process_id, kind, cycle_wd, on_time, n)
      SELECT NEW.end_day, NEW.process_id, ${ENDED_KIND('NEW')}, coalesce(NEW.cycle_wd, -1), coalesce(NEW.on_time, -1), 1
      WHERE NEW.state <> 'ACTIVE' AND NEW.end_day IS NOT NULL
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;

  CREATE TABLE IF NOT EXISTS tasks (
    user_task_key TEXT PRIMARY KEY, process_instance_key TEXT NOT NULL, process_id TEXT NOT NULL, element_id TEXT NOT NULL, name TEXT NOT NULL,
    state TEXT NOT NULL, assignee TEXT, candidate_groups TEXT NOT NULL, creation_date TEXT NOT NULL, completion_date TEXT, due_date TEXT,
    completion_day TEXT, handling_wd INTEGER,
    -- 1: closed because its case completed before its own end showed, to be looked up by its key (the feeder; schema 5
    -- revision 1: SCHEMA_ADDITIONS adds it to an older file)
    look_up INTEGER NOT NULL DEFAULT 0);
  -- (the overview's open-step figures come from open_task_counts, below)
  DROP INDEX IF EXISTS tasks_open;
  DROP INDEX IF EXISTS tasks_open_figures;
  CREATE INDEX IF NOT EXISTS tasks_open_assignee ON tasks (assignee) WHERE state = 'CREATED';
  CREATE INDEX IF NOT EXISTS tasks_case ON tasks (process_instance_key, state);
  -- per day of completion, process, step and clerk: how many tasks took how many working days
  CREATE TABLE IF NOT EXISTS daily_tasks (
    day TEXT NOT NULL, process_id TEXT NOT NULL, element_id TEXT NOT NULL, assignee TEXT NOT NULL, handling_wd INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (day, process_id, element_id, assignee, handling_wd)) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS tasks_completed_insert AFTER INSERT ON tasks WHEN NEW.state = 'COMPLETED' AND NEW.completion_day IS NOT NULL BEGIN
    INSERT INTO daily_tasks (day, process_id, element_id, assignee, handling_wd, n)
      VALUES (NEW.completion_day, NEW.process_id, NEW.element_id, coalesce(NEW.assignee, ''), coalesce(NEW.handling_wd, -1), 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER IF NOT EXISTS tasks_completed_update AFTER UPDATE OF state, completion_day, assignee, handling_wd, element_id, process_id ON tasks
  WHEN OLD.state IS NOT NEW.state OR OLD.completion_day IS NOT NEW.completion_day OR OLD.assignee IS NOT NEW.assignee
    OR OLD.handling_wd IS NOT NEW.handling_wd OR OLD.element_id IS NOT NEW.element_id OR OLD.process_id IS NOT NEW.process_id BEGIN
    UPDATE daily_tasks SET n = n - 1
      WHERE OLD.state = 'COMPLETED' AND OLD.completion_day IS NOT NULL AND day = OLD.completion_day AND process_id = OLD.process_id
        AND element_id = OLD.element_id AND assignee = coalesce(OLD.assignee, '') AND handling_wd = coalesce(OLD.handling_wd, -1);
    INSERT INTO daily_tasks (day, process_id, element_id, assignee, handling_wd, n)
      SELECT NEW.completion_day, NEW.process_id, NEW.element_id, coalesce(NEW.assignee, ''), coalesce(NEW.handling_wd, -1), 1
      WHERE NEW.state = 'COMPLETED' AND NEW.completion_day IS NOT NULL
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;

  -- the day tables summed per month (month = YYYY-MM), in step through triggers on the day tables themselves
  CREATE TABLE IF NOT EXISTS monthly_cases (
    month TEXT NOT NULL, process_id TEXT NOT NULL, kind TEXT NOT NULL, cycle_wd INTEGER NOT NULL, on_time INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (month, process_id, kind, cycle_wd, on_time)) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS daily_cases_insert AFTER INSERT ON daily_cases BEGIN
    INSERT INTO monthly_cases (month, process_id, kind, cycle_wd, on_time, n) VALUES (substr(NEW.day, 1, 7), NEW.process_id, NEW.kind, NEW.cycle_wd, NEW.on_time, NEW.n)
      ON CONFLICT DO UPDATE SET n = n + excluded.n;
  END;
  CREATE TRIGGER IF NOT EXISTS daily_cases_update AFTER UPDATE ON daily_cases BEGIN
    UPDATE monthly_cases SET n = n - OLD.n
      WHERE month = substr(OLD.day, 1, 7) AND process_id = OLD.process_id AND kind = OLD.kind AND cycle_wd = OLD.cycle_wd AND on_time = OLD.on_time;
    INSERT INTO monthly_cases (month, process_id, kind, cycle_wd, on_time, n) VALUES (substr(NEW.day, 1, 7), NEW.process_id, NEW.kind, NEW.cycle_wd, NEW.on_time, NEW.n)
      ON CONFLICT DO UPDATE SET n = n + excluded.n;
  END;
  CREATE TRIGGER IF NOT EXISTS daily_cases_delete AFTER DELETE ON daily_cases BEGIN
    UPDATE monthly_cases SET n = n - OLD.n
      WHERE month = substr(OLD.day, 1, 7) AND process_id = OLD.process_id AND kind = OLD.kind AND cycle_wd = OLD.cycle_wd AND on_time = OLD.on_time;
  END;
  CREATE TABLE IF NOT EXISTS monthly_tasks (
    month TEXT NOT NULL, process_id TEXT NOT NULL, element_id TEXT NOT NULL, assignee TEXT NOT NULL, handling_wd INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (month, process_id, element_id, assignee, handling_wd)) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS daily_tasks_insert AFTER INSERT ON daily_tasks BEGIN
    INSERT INTO monthly_tasks (month, process_id, element_id, assignee, handling_wd, n)
      VALUES (substr(NEW.day, 1, 7), NEW.process_id, NEW.element_id, NEW.assignee, NEW.handling_wd, NEW.n)
      ON CONFLICT DO UPDATE SET n = n + excluded.n;
  END;
  CREATE TRIGGER IF NOT EXISTS daily_tasks_update AFTER UPDATE ON daily_tasks BEGIN
    UPDATE monthly_tasks SET n = n - OLD.n
      WHERE month = substr(OLD.day, 1, 7) AND process_id = OLD.process_id AND element_id = OLD.element_id AND assignee = OLD.assignee
        AND handling_wd = OLD.handling_wd;
    INSERT INTO monthly_tasks (month, process_id, element_id, assignee, handling_wd, n)
      VALUES (substr(NEW.day, 1, 7), NEW.process_id, NEW.element_id, NEW.assignee, NEW.handling_wd, NEW.n)
      ON CONFLICT DO UPDATE SET n = n + excluded.n;
  END;
  CREATE TRIGGER IF NOT EXISTS daily_tasks_delete AFTER DELETE ON daily_tasks BEGIN
    UPDATE monthly_tasks SET n = n - OLD.n
      WHERE month = substr(OLD.day, 1, 7) AND process_id = OLD.process_id AND element_id = OLD.element_id AND assignee = OLD.assignee
        AND handling_wd = OLD.handling_wd;
  END;

  -- open cases per process, deadline day ('' when none) and incident flag; a row leaves when its count is 0
  CREATE TABLE IF NOT EXISTS open_case_counts (
    process_id TEXT NOT NULL, deadline_day TEXT NOT NULL, has_incident INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (process_id, deadline_day, has_incident)) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS cases_open_insert AFTER INSERT ON cases WHEN NEW.state = 'ACTIVE' BEGIN
    INSERT INTO open_case_counts (process_id, deadline_day, has_incident, n) VALUES (NEW.process_id, coalesce(NEW.deadline_day, ''), NEW.has_incident, 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER IF NOT EXISTS cases_open_update AFTER UPDATE OF state, process_id, deadline_day, has_incident ON cases
  WHEN (OLD.state = 'ACTIVE' OR NEW.state = 'ACTIVE') AND (OLD.state IS NOT NEW.state OR OLD.process_id IS NOT NEW.process_id
    OR OLD.deadline_day IS NOT NEW.deadline_day OR OLD.has_incident IS NOT NEW.has_incident) BEGIN
    UPDATE open_case_counts SET n = n - 1
      WHERE OLD.state = 'ACTIVE' AND process_id = OLD.process_id AND deadline_day = coalesce(OLD.deadline_day, '') AND has_incident = OLD.has_incident;
    DELETE FROM open_case_counts
      WHERE OLD.state = 'ACTIVE' AND process_id = OLD.process_id AND deadline_day = coalesce(OLD.deadline_day, '') AND has_incident = OLD.has_incident AND n = 0;
    INSERT INTO open_case_counts (process_id, deadline_day, has_incident, n)
      SELECT NEW.process_id, coalesce(NEW.deadline_day, ''), NEW.has_incident, 1 WHERE NEW.state = 'ACTIVE'
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER IF NOT EXISTS cases_open_delete AFTER DELETE ON cases WHEN OLD.state = 'ACTIVE' BEGIN
    UPDATE open_case_counts SET n = n - 1
      WHERE process_id = OLD.process_id AND deadline_day = coalesce(OLD.deadline_day, '') AND has_incident = OLD.has_incident;
    DELETE FROM open_case_counts
      WHERE process_id = OLD.process_id AND deadline_day = coalesce(OLD.deadline_day, '') AND has_incident = OLD.has_incident AND n = 0;
  END;
  -- open user tasks per step, candidate groups (JSON as stored) and clerk ('' when unclaimed)
  CREATE TABLE IF NOT EXISTS open_task_counts (
    process_id TEXT NOT NULL, element_id TEXT NOT NULL, name TEXT NOT NULL, candidate_groups TEXT NOT NULL, assignee TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (process_id, element_id, name, candidate_groups, assignee)) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS tasks_open_insert AFTER INSERT ON tasks WHEN NEW.state = 'CREATED' BEGIN
    INSERT INTO open_task_counts (process_id, element_id, name, candidate_groups, assignee, n)
      VALUES (NEW.process_id, NEW.element_id, NEW.name, NEW.candidate_groups, coalesce(NEW.assignee, ''), 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER IF NOT EXISTS tasks_open_update AFTER UPDATE OF state, process_id, element_id, name, candidate_groups, assignee ON tasks
  WHEN (OLD.state = 'CREATED' OR NEW.state = 'CREATED') AND (OLD.state IS NOT NEW.state OR OLD.process_id IS NOT NEW.process_id
    OR OLD.element_id IS NOT NEW.element_id OR OLD.name IS NOT NEW.name OR OLD.candidate_groups IS NOT NEW.candidate_groups
    OR OLD.assignee IS NOT NEW.assignee) BEGIN
    UPDATE open_task_counts SET n = n - 1
      WHERE OLD.state = 'CREATED' AND process_id = OLD.process_id AND element_id = OLD.element_id AND name = OLD.name
        AND candidate_groups = OLD.candidate_groups AND assignee = coalesce(OLD.assignee, '');
    DELETE FROM open_task_counts
      WHERE OLD.state = 'CREATED' AND process_id = OLD.process_id AND element_id = OLD.element_id AND name = OLD.name
        AND candidate_groups = OLD.candidate_groups AND assignee = coalesce(OLD.assignee, '') AND n = 0;
    INSERT INTO open_task_counts (process_id, element_id, name, candidate_groups, assignee, n)
      SELECT NEW.process_id, NEW.element_id, NEW.name, NEW.candidate_groups, coalesce(NEW.assignee, ''), 1 WHERE NEW.state = 'CREATED'
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER IF NOT EXISTS tasks_open_delete AFTER DELETE ON tasks WHEN OLD.state = 'CREATED' BEGIN
    UPDATE open_task_counts SET n = n - 1
      WHERE process_id = OLD.process_id AND element_id = OLD.element_id AND name = OLD.name AND candidate_groups = OLD.candidate_groups
        AND assignee = coalesce(OLD.assignee, '');
    DELETE FROM open_task_counts
      WHERE process_id = OLD.process_id AND element_id = OLD.element_id AND name = OLD.name AND candidate_groups = OLD.candidate_groups
        AND assignee = coalesce(OLD.assignee, '') AND n = 0;
  END;

  CREATE TABLE IF NOT EXISTS incidents (
    incident_key TEXT PRIMARY KEY, process_instance_key TEXT NOT NULL, process_id TEXT NOT NULL, element_id TEXT NOT NULL,
    error_type TEXT NOT NULL, error_message TEXT NOT NULL, creation_time TEXT NOT NULL, job_key TEXT);
  CREATE INDEX IF NOT EXISTS incidents_case ON incidents (process_instance_key);
`;

const SET_META = 'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value';

type Row = Record<string, unknown>;

export class MonitorStore {
  private readonly db: Database.Database;
  private readonly statements: Record<string, Database.Statement>;

  /** `log`: one line when opening does slow work once (never personal data). */
  constructor(file: string, options: { log?: (line: string) => void } = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    // the side paths' end events by case-outcome.ts's own rule (its names and ids, kept there only), for the upgrade of a
    // schema-4 file below; a function of this connection, so no trigger, index or view of the file may call it
    this.db.function('is_side_path_end', { deterministic: true }, (elementId: unknown, elementName: unknown) =>
      isSidePathEnd({ elementId: String(elementId), elementName: typeof elementName === 'string' ? elementName : null }) ? 1 : 0,
    );
    // the upgrade and the version it reaches commit together: a crash leaves the old schema or the new one with its version
    const upgrade = this.db.transaction(() => {
      const before = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'meta'`).get() === undefined
        ? undefined
        : (this.db.prepare(`SELECT value FROM meta WHERE name = 'schemaVersion'`).get() as { value: string } | undefined)?.value;
      if (before !== undefined && Number(before) > SCHEMA_VERSION) {
        throw new Error(`${file} was written by a newer monitor (schema ${before}); this one knows schema ${SCHEMA_VERSION}`);
      }
      // an older schema's upgrade reads every case (the day and month tables counted again below, and more before
      // schema 4): about 1.3 s for 2 million rows, while the shared server waits, so it is said before
      if (before !== undefined && Number(before) < SCHEMA_VERSION) {
        options.log?.(
          `[monitor] upgrading the read model from schema ${before} to schema ${SCHEMA_VERSION}, once: its cases are read to count the day and month tables again (a large file takes a few seconds)`,
        );
      }
      // a file before schema 4: the outcome column, and the day tables' triggers that read it (made again below)
      if (before !== undefined && Number(before) < 4) {
        const columns = this.db.prepare(`SELECT name FROM pragma_table_info('cases')`).all() as { name: string }[];
        if (columns.length > 0 && !columns.some((column) => column.name === 'outcome')) this.db.exec('ALTER TABLE cases ADD COLUMN outcome TEXT');
        this.db.exec(`
          DROP TRIGGER IF EXISTS cases_started_insert;
          DROP TRIGGER IF EXISTS cases_started_update;
          DROP TRIGGER IF EXISTS cases_ended_insert;
          DROP TRIGGER IF EXISTS cases_ended_update;`);
      }
      // a schema-4 file's end events: which are a side path's (isSidePathEnd, as the feeder tells them), none looked up
      const endEventColumns = this.db.prepare(`SELECT name FROM pragma_table_info('case_end_events')`).all() as { name: string }[];
      if (endEventColumns.length > 0 && !endEventColumns.some((column) => column.name === 'side')) {
        this.db.exec(`
          ALTER TABLE case_end_events ADD COLUMN side INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE case_end_events ADD COLUMN looked_up INTEGER NOT NULL DEFAULT 0;
          UPDATE case_end_events SET side = 1 WHERE is_side_path_end(element_id, element_name);`);
      }
      // the additions to schema 5 a file of an earlier revision lacks (a file before schema 5 too)
      const revisionBefore = before === undefined
        ? undefined
        : Number((this.db.prepare(`SELECT value FROM meta WHERE name = 'schemaRevision'`).get() as { value: string } | undefined)?.value ?? 0) || 0;
      const added = revisionBefore === undefined
        ? []
        : SCHEMA_ADDITIONS.filter((addition) => addition.revision > revisionBefore && addition.make(this.db, options.log));
      this.db.exec(SCHEMA);
      // a schema-1 file has day tables but no month tables yet: sum them once
      if (before !== undefined && Number(before) < 2) {
        this.db.exec(`
          DELETE FROM monthly_cases;
          INSERT INTO monthly_cases (month, process_id, kind, cycle_wd, on_time, n)
            SELECT substr(day, 1, 7), process_id, kind, cycle_wd, on_time, sum(n) FROM daily_cases GROUP BY 1, 2, 3, 4, 5;
          DELETE FROM monthly_tasks;
          INSERT INTO monthly_tasks (month, process_id, element_id, assignee, handling_wd, n)
            SELECT substr(day, 1, 7), process_id, element_id, assignee, handling_wd, sum(n) FROM daily_tasks GROUP BY 1, 2, 3, 4, 5;`);
      }
      // a file before schema 3 has open cases and tasks but no counts of them yet
      if (before !== undefined && Number(before) < 3) {
        this.db.exec(`
          DELETE FROM open_case_counts;
          INSERT INTO open_case_counts (process_id, deadline_day, has_incident, n)
            SELECT process_id, coalesce(deadline_day, ''), has_incident, count(*) FROM cases WHERE state = 'ACTIVE' GROUP BY 1, 2, 3;
          DELETE FROM open_task_counts;
          INSERT INTO open_task_counts (process_id, element_id, name, candidate_groups, assignee, n)
            SELECT process_id, element_id, name, candidate_groups, coalesce(assignee, ''), count(*) FROM tasks WHERE state = 'CREATED'
            GROUP BY 1, 2, 3, 4, 5;`);
      }
      // a file before schema 5 may have counted a case's end twice (schema 4's cases_outcome_* triggers, see SCHEMA):
      // the day and month tables of cases are counted again from the cases
      if (before !== undefined && Number(before) < 5) {
        this.db.exec(`
          DELETE FROM daily_cases;
          DELETE FROM monthly_cases;
          INSERT INTO daily_cases (day, process_id, kind, cycle_wd, on_time, n)
            SELECT start_day, process_id, ${STARTED_KIND('cases')}, -1, -1, count(*) FROM cases GROUP BY 1, 2, 3;
          INSERT INTO daily_cases (day, process_id, kind, cycle_wd, on_time, n)
            SELECT end_day, process_id, ${ENDED_KIND('cases')}, coalesce(cycle_wd, -1), coalesce(on_time, -1), count(*) FROM cases
            WHERE state <> 'ACTIVE' AND end_day IS NOT NULL GROUP BY 1, 2, 3, 4, 5;`);
      }
      this.db.prepare(SET_META).run('schemaVersion', String(SCHEMA_VERSION));
      if (revisionBefore === undefined || revisionBefore < SCHEMA_REVISION) {
        this.db.prepare(SET_META).run('schemaRevision', String(SCHEMA_REVISION));
      }
      if (before === undefined || (Number(before) === SCHEMA_VERSION && revisionBefore! >= SCHEMA_REVISION)) return undefined;
      const made = added.map((addition) => `${addition.what} added`).join(', ');
      // (revisions are schema 5's: an older schema's file is said by its version alone)
      const from = Number(before) < SCHEMA_VERSION ? `schema ${before}` : `schema ${before} (revision ${revisionBefore})`;
      return (took: string) => `[monitor] read model upgraded from ${from} to schema ${SCHEMA_VERSION} (revision ${SCHEMA_REVISION}) in ${took}${made && `: ${made}`}`;
    });
    let upgraded: ((took: string) => string) | undefined;
    let upgradeMs: number;
    try {
      // (a damaged file fails here, before the transaction: closed below too)
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      const started = performance.now();
      upgraded = upgrade.immediate();
      upgradeMs = performance.now() - started;
    } catch (failure) {
      this.db.close();
      throw failure;
    }
    // (said once it is committed, with how long the server waited for it: a failed upgrade leaves the file as it was)
    if (upgraded !== undefined) options.log?.(upgraded(`${(upgradeMs / 1000).toFixed(1)} s`));
    const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    const upsert = (table: string, columns: readonly string[], key: string) =>
      this.db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})
         ON CONFLICT (${key}) DO UPDATE SET ${columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`).join(', ')}`,
      );
    // a completed case takes the outcome of the end event kept for it, in the same write (no trigger on cases writes cases)
    const keptOutcome = (key: string) => `(SELECT outcome FROM case_end_events WHERE process_instance_key = ${key})`;
    this.statements = {
      putCase: this.db.prepare(
        `INSERT INTO cases (${CASE_COLUMNS.join(', ')}, outcome)
         VALUES (${CASE_COLUMNS.map((c) => `@${c}`).join(', ')},
           CASE WHEN @state = 'COMPLETED' THEN ${keptOutcome('@process_instance_key')} END)
         ON CONFLICT (process_instance_key) DO UPDATE SET
           ${CASE_COLUMNS.filter((c) => c !== 'process_instance_key').map((c) => `${c} = excluded.${c}`).join(', ')},
           outcome = CASE WHEN excluded.state = 'COMPLETED' THEN coalesce(${keptOutcome('excluded.process_instance_key')}, cases.outcome)
             ELSE cases.outcome END`,
      ),
      getCase: this.db.prepare('SELECT * FROM cases WHERE process_instance_key = ?'),
      putTask: upsert('tasks', TASK_COLUMNS, 'user_task_key'),
      getTask: this.db.prepare('SELECT * FROM tasks WHERE user_task_key = ?'),
      openTasksOf: this.db.prepare(`SELECT * FROM tasks WHERE process_instance_key = ? AND state = 'CREATED'`),
      setTaskState: this.db.prepare('UPDATE tasks SET state = ? WHERE user_task_key = ?'),
      setOutcome: this.db.prepare('UPDATE cases SET outcome = ? WHERE process_instance_key = ?'),
      outcomeUnknown: this.db.prepare(
        `SELECT key FROM (
           SELECT process_instance_key AS key, end_date FROM cases WHERE state = 'COMPLETED' AND outcome IS NULL AND end_date < @before
           UNION ALL
           SELECT c.process_instance_key, c.end_date FROM case_end_events e JOIN cases c USING (process_instance_key)
           WHERE e.side = 1 AND e.looked_up = 0 AND c.state = 'COMPLETED' AND c.end_date < @before)
         ORDER BY end_date DESC LIMIT @limit`,
      ),
      lookedUp: this.db.prepare('UPDATE case_end_events SET looked_up = 1 WHERE process_instance_key = ?'),
      noOutcomeBefore: this.db.prepare(`UPDATE cases SET outcome = '' WHERE state = 'COMPLETED' AND outcome IS NULL AND end_date < ?`),
      getEndEvent: this.db.prepare('SELECT * FROM case_end_events WHERE process_instance_key = ?'),
      // (the date and key after the last row looked at: row values, in the order of case_end_events_end)
      endEventsToPrune: this.db.prepare(
        `SELECT e.process_instance_key AS key, e.end_date AS endDate,
           CASE WHEN c.process_instance_key IS NULL THEN e.end_date < @startedBefore
             WHEN c.end_date IS NULL OR c.end_date >= @before THEN 0
             WHEN c.state = 'TERMINATED' THEN 1
             WHEN c.state = 'COMPLETED' AND c.outcome IS NOT NULL AND NOT (e.side = 1 AND e.looked_up = 0) THEN 1
             ELSE 0 END AS prune
         FROM case_end_events e LEFT JOIN cases c USING (process_instance_key)
         WHERE e.end_date < @before AND (e.end_date, e.process_instance_key) > (@afterDate, @afterKey)
         ORDER BY e.end_date, e.process_instance_key LIMIT @limit`,
      ),
      deleteEndEvent: this.db.prepare('DELETE FROM case_end_events WHERE process_instance_key = ?'),
      putEndEvent: upsert('case_end_events', END_EVENT_COLUMNS, 'process_instance_key'),
      getMeta: this.db.prepare('SELECT value FROM meta WHERE name = ?'),
      setMeta: this.db.prepare(SET_META),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `work` in one transaction (a pass of the feeder commits once). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // meta: the feeder's watermarks, the calendar's fingerprints

  meta(name: string): string | undefined {
    return (this.statements.getMeta!.get(name) as { value: string } | undefined)?.value;
  }

  setMeta(name: string, value: string): void {
    this.statements.setMeta!.run(name, value);
  }

  // cases

  getCase(processInstanceKey: string): CaseRecord | undefined {
    const row = this.statements.getCase!.get(processInstanceKey) as Row | undefined;
    return row ? toCase(row) : undefined;
  }

  /** Writes a case; a completed one takes the outcome of the end event kept for it (if any; else it keeps its own). */
  putCase(record: CaseRecord): void {
    this.statements.putCase!.run({
      process_instance_key: record.processInstanceKey, process_id: record.processId, process_definition_key: record.processDefinitionKey,
      version: record.version, state: record.state, start_date: record.startDate, end_date: record.endDate, start_day: record.startDay,
      end_day: record.endDay, has_incident: bit(record.hasIncident), accepted_day: record.acceptedDay, deadline_day: record.deadlineDay,
      original_deadline_day: record.originalDeadlineDay, deadline_provisional: bit(record.deadlineProvisional), applicant: record.applicant,
      cycle_wd: record.cycleWorkingDays, on_time: record.onTime === null ? null : bit(record.onTime),
      figures_provisional: bit(record.figuresProvisional),
    } satisfies Record<(typeof CASE_COLUMNS)[number], unknown>);
  }

  /**
   * Sets how a completed case ended: '' when it was looked up and no end event was found (not looked up again; an
   * end event read later still sets it, through {@link putEndEvent}).
   */
  setOutcome(processInstanceKey: string, outcome: string): void {
    this.statements.setOutcome!.run(outcome, processInstanceKey);
  }

  /**
   * Completed cases to look up by their key (ended before `endedBefore`, if given), the latest ended first: those
   * without an end event yet, and those whose kept end event is a side path's not looked up yet (its main-path end
   * may have come later than the stream's overlap).
   */
  casesWithoutOutcome(limit: number, endedBefore = '9999'): string[] {
    return (this.statements.outcomeUnknown!.all({ before: endedBefore, limit }) as { key: string }[]).map((row) => row.key);
  }

  /** A case was looked up by its key: a side path's end event kept for it is not looked up again. */
  markLookedUp(processInstanceKey: string): void {
    this.statements.lookedUp!.run(processInstanceKey);
  }

  /**
   * Marks '' the completed cases without an end event that ended before `endedBefore` (before any end event the
   * cluster still shows: its history of them is gone), in one statement instead of a search each; how many.
   */
  markWithoutEndEvent(endedBefore: string): number {
    return this.statements.noOutcomeBefore!.run(endedBefore).changes;
  }

  /** The end event a process instance ended at, as far as the feeder has read. */
  endEventOf(processInstanceKey: string): EndEventRecord | undefined {
    const row = this.statements.getEndEvent!.get(processInstanceKey) as Row | undefined;
    if (!row) return undefined;
    return {
      processInstanceKey: String(row.process_instance_key),
      elementInstanceKey: String(row.element_instance_key),
      elementId: String(row.element_id),
      elementName: text(row.element_name),
      endDate: text(row.end_date),
      outcome: String(row.outcome),
      side: row.side === 1,
    };
  }

  /** Keeps the end event a process instance ended at (replacing the one kept); its completed case takes its outcome. */
  putEndEvent(record: EndEventRecord): void {
    this.statements.putEndEvent!.run(
      record.processInstanceKey, record.elementInstanceKey, record.elementId, record.elementName, record.endDate, record.outcome,
      bit(record.side), 0,
    );
  }

  /**
   * Deletes the end events kept that no case needs any more, looking at no more than `limit` of them, oldest first
   * from after `after` (the last one looked at by the call before; none: from the oldest), all ended before
   * `before`: those of a case ended before `before` that has its outcome (completed, and not waiting to be looked up
   * by its key for a side path's end: see {@link casesWithoutOutcome}) or was cancelled, and those ended before
   * `startedBefore` too of a process instance the model holds no case of (a called process: part of its caller's
   * case). The caller chooses `before` so that the end-event stream can no longer read another end event of such a
   * case, and `startedBefore` so that the stream of started cases has passed such a process instance's start. The
   * last row looked at (undefined when fewer than `limit` were: the next call begins again from the oldest).
   */
  pruneEndEvents(before: string, startedBefore: string, limit: number, after?: EndEventsPruned['last']): EndEventsPruned {
    return this.transaction(() => {
      const rows = this.statements.endEventsToPrune!.all({
        before, startedBefore, limit, afterDate: after?.endDate ?? '', afterKey: after?.processInstanceKey ?? '',
      }) as { key: string; endDate: string; prune: number }[];
      for (const row of rows) if (row.prune === 1) this.statements.deleteEndEvent!.run(row.key);
      const last = rows.length < limit ? undefined : rows[rows.length - 1]!;
      return { last: last && { endDate: last.endDate, processInstanceKey: last.key } };
    });
  }

  /** Keys of the cases whose span (acceptance to end, or to today while open) touches the days `from`–`to`. */
  casesSpanning(from: string, to: string): string[] {
    const rows = this.db
      .prepare(
        `SELECT process_instance_key AS key FROM cases
         WHERE accepted_day IS NOT NULL AND accepted_day <= ? AND (end_day IS NULL OR end_day >= ?)`,
      )
      .all(to, from) as { key: string }[];
    return rows.map((row) => row.key);
  }

  /** Cases whose applicant's name contains `text` (newest first). */
  findByApplicant(text: string, limit: number): CaseRecord[] {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.db
      .prepare(`SELECT * FROM cases WHERE applicant LIKE ? ESCAPE '\\' ORDER BY start_date DESC LIMIT ?`)
      .all(pattern, limit) as Row[];
    return rows.map(toCase);
  }

  /** Sets `has_incident` on exactly the cases with an active incident. */
  markIncidents(processInstanceKeys: readonly string[]): void {
    this.db.prepare(`UPDATE cases SET has_incident = 0 WHERE has_incident = 1 AND process_instance_key NOT IN (SELECT value FROM json_each(?))`).run(
      JSON.stringify(processInstanceKeys),
    );
    this.db.prepare(`UPDATE cases SET has_incident = 1 WHERE has_incident = 0 AND process_instance_key IN (SELECT value FROM json_each(?))`).run(
      JSON.stringify(processInstanceKeys),
    );
  }

  // tasks

  getTask(userTaskKey: string): TaskRecord | undefined {
    const row = this.statements.getTask!.get(userTaskKey) as Row | undefined;
    return row ? toTask(row) : undefined;
  }

  putTask(record: TaskRecord): void {
    this.statements.putTask!.run(
      record.userTaskKey, record.processInstanceKey, record.processId, record.elementId, record.name, record.state, record.assignee,
      JSON.stringify(record.candidateGroups), record.creationDate, record.completionDate, record.dueDate, record.completionDay,
      record.handlingWorkingDays,
    );
  }

  openTasksOf(processInstanceKey: string): TaskRecord[] {
    return (this.statements.openTasksOf!.all(processInstanceKey) as Row[]).map(toTask);
  }

  /** The keys of the tasks open in the model created before `before` (the feeder's open-task sweep, once a lap). */
  openTaskKeysCreatedBefore(before: string): string[] {
    const rows = this.db.prepare(`SELECT user_task_key AS key FROM tasks WHERE state = 'CREATED' AND creation_date < ?`).all(before) as { key: string }[];
    return rows.map((row) => row.key);
  }

  /** A task that is no longer open, without a completion the feeder saw (interrupted, or its case ended). */
  closeTask(userTaskKey: string): void {
    this.statements.setTaskState!.run('CANCELED', userTaskKey);
  }

  /** A task closed because its case completed before its own end showed: kept to be looked up (a restart keeps it). */
  closeTaskByCaseEnd(userTaskKey: string): void {
    this.db.prepare(`UPDATE tasks SET state = 'CANCELED', look_up = 1 WHERE user_task_key = ?`).run(userTaskKey);
  }

  /** The tasks closed by their case's end still cancelled in the model (their completion not seen since), to look up. */
  tasksClosedByCaseEnd(): string[] {
    const rows = this.db.prepare(`SELECT user_task_key AS key FROM tasks WHERE look_up = 1 AND state = 'CANCELED'`).all() as { key: string }[];
    return rows.map((row) => row.key);
  }

  /** A task closed by its case's end, looked up. */
  taskLookedUp(userTaskKey: string): void {
    this.db.prepare(`UPDATE tasks SET look_up = 0 WHERE user_task_key = ? AND look_up = 1`).run(userTaskKey);
  }

  // incidents

  replaceIncidents(incidents: readonly IncidentRecord[]): void {
    this.db.prepare('DELETE FROM incidents').run();
    const insert = this.db.prepare('INSERT OR REPLACE INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const i of incidents) {
      insert.run(i.incidentKey, i.processInstanceKey, i.processId, i.elementId, i.errorType, i.errorMessage, i.creationTime, i.jobKey);
    }
  }

  incidentsOf(processInstanceKeys: readonly string[]): IncidentRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM incidents WHERE process_instance_key IN (SELECT value FROM json_each(?)) ORDER BY creation_time')
      .all(JSON.stringify(processInstanceKeys)) as Row[];
    return rows.map((row) => ({
      incidentKey: String(row.incident_key),
      processInstanceKey: String(row.process_instance_key),
      processId: String(row.process_id),
      elementId: String(row.element_id),
      errorType: String(row.error_type),
      errorMessage: String(row.error_message),
      creationTime: String(row.creation_time),
      jobKey: row.job_key === null ? null : String(row.job_key),
    }));
  }

  // figures

  /** Cases started per process on the days `from`–`to`. */
  startedBetween(from: string, to: string): { processId: string; n: number }[] {
    return this.db
      .prepare(
        `SELECT process_id AS processId, sum(n) AS n FROM (${casesSpan('process_id, n', `kind = 'started'`)})
         GROUP BY process_id HAVING sum(n) > 0`,
      )
      .all(spanParameters(from, to)) as { processId: string; n: number }[];
  }

  /** Cases ended on the days `from`–`to`, bucketed by process, state (NOT_ACCEPTED apart), cycle time and punctuality. */
  endedBetween(from: string, to: string): EndedBucket[] {
    return this.db
      .prepare(
        `SELECT process_id AS processId, kind AS state, cycle_wd AS cycleWorkingDays, on_time AS onTime, sum(n) AS n
         FROM (${casesSpan('process_id, kind, cycle_wd, on_time, n', `kind NOT IN ('started', 'startedNotAccepted')`)})
         GROUP BY process_id, kind, cycle_wd, on_time HAVING sum(n) > 0`,
      )
      .all(spanParameters(from, to)) as EndedBucket[];
  }

  /** Open cases per process: overdue (deadline before `today`), due soon (deadline `today`–`dueSoonUntil`). */
  openCaseCounts(today: string, dueSoonUntil: string): OpenCaseCounts[] {
    return this.db
      .prepare(
        `SELECT process_id AS processId, sum(n) AS open, sum(CASE WHEN deadline_day <> '' AND deadline_day < ? THEN n ELSE 0 END) AS overdue,
           sum(CASE WHEN deadline_day >= ? AND deadline_day <= ? THEN n ELSE 0 END) AS dueSoon, sum(has_incident * n) AS withIncident,
           sum(CASE WHEN deadline_day = '' THEN n ELSE 0 END) AS noDeadline
         FROM open_case_counts GROUP BY process_id HAVING sum(n) > 0`,
      )
      .all(today, today, dueSoonUntil) as OpenCaseCounts[];
  }

  /** Open user tasks per step. */
  openTasksByStep(): OpenTaskCount[] {
    return this.db
      .prepare(
        `SELECT process_id AS processId, element_id AS elementId, max(name) AS name, sum(n) AS n FROM open_task_counts
         GROUP BY process_id, element_id HAVING sum(n) > 0`,
      )
      .all() as OpenTaskCount[];
  }

  /** Open user tasks per candidate group (a task with two groups counts in both). */
  openTasksByGroup(): { groupId: string; n: number }[] {
    return this.db
      .prepare(`SELECT g.value AS groupId, sum(c.n) AS n FROM open_task_counts c, json_each(c.candidate_groups) g GROUP BY g.value HAVING sum(c.n) > 0`)
      .all() as { groupId: string; n: number }[];
  }

  /** Open user tasks per assignee (claimed ones only). */
  openTasksByAssignee(): { assignee: string; n: number }[] {
    return this.db
      .prepare(`SELECT assignee, sum(n) AS n FROM open_task_counts WHERE assignee <> '' GROUP BY assignee HAVING sum(n) > 0`)
      .all() as { assignee: string; n: number }[];
  }

  /** Completed user tasks on the days `from`–`to`, bucketed by process, step, clerk and handling time. */
  completedTasksBetween(from: string, to: string, processId?: string): TaskBucket[] {
    return this.db
      .prepare(
        `SELECT process_id AS processId, element_id AS elementId, assignee, handling_wd AS handlingWorkingDays, sum(n) AS n
         FROM (${tasksSpan('process_id, element_id, assignee, handling_wd, n', '(@processId IS NULL OR process_id = @processId)')})
         GROUP BY process_id, element_id, assignee, handling_wd HAVING sum(n) > 0`,
      )
      .all({ ...spanParameters(from, to), processId: processId ?? null }) as TaskBucket[];
  }

  /** Open cases by deadline (overdue or due soon), oldest deadline first, with the total. */
  openCases(query: OpenCasesQuery): { total: number; rows: OpenCaseRow[] } {
    const conditions = [`c.state = 'ACTIVE'`];
    const params: unknown[] = [];
    if (query.deadlineBefore !== undefined) {
      conditions.push('c.deadline_day < ?');
      params.push(query.deadlineBefore);
    }
    if (query.deadlineFrom !== undefined && query.deadlineTo !== undefined) {
      conditions.push('c.deadline_day >= ? AND c.deadline_day <= ?');
      params.push(query.deadlineFrom, query.deadlineTo);
    }
    if (query.processIds && query.processIds.length > 0) {
      conditions.push('c.process_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(query.processIds));
    }
    const where = conditions.join(' AND ');
    const total = (this.db.prepare(`SELECT count(*) AS n FROM cases c WHERE ${where}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT c.*, t.user_task_key AS t_key, t.element_id AS t_element_id, t.name AS t_name, t.assignee AS t_assignee,
           t.candidate_groups AS t_groups
         FROM cases c LEFT JOIN tasks t ON t.user_task_key = (
           SELECT user_task_key FROM tasks WHERE process_instance_key = c.process_instance_key AND state = 'CREATED'
           ORDER BY creation_date LIMIT 1)
         WHERE ${where} ORDER BY c.deadline_day, c.process_instance_key LIMIT ? OFFSET ?`,
      )
      .all(...params, query.limit, query.offset) as Row[];
    return {
      total,
      rows: rows.map((row) => ({
        ...toCase(row),
        currentStep:
          row.t_key === null
            ? null
            : {
                userTaskKey: String(row.t_key),
                elementId: String(row.t_element_id),
                name: String(row.t_name),
                assignee: row.t_assignee === null ? null : String(row.t_assignee),
                candidateGroups: JSON.parse(String(row.t_groups)) as string[],
              },
      })),
    };
  }

  /** How many cases and tasks the model holds (the freshness line, tests). */
  size(): { cases: number; openCases: number; tasks: number; openTasks: number } {
    return this.db
      .prepare(
        `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM cases WHERE state = 'ACTIVE') AS openCases,
           (SELECT count(*) FROM tasks) AS tasks, (SELECT count(*) FROM tasks WHERE state = 'CREATED') AS openTasks`,
      )
      .get() as { cases: number; openCases: number; tasks: number; openTasks: number };
  }
}

// helpers

/**
 * The rows of a day table and its month table for the days of a period: whole months from the month table, the
 * days before the first and after the last whole month from the day table. Parameters: {@link spanParameters}.
 */
const span = (dayTable: string, monthTable: string) => (columns: string, condition: string) =>
  `SELECT ${columns} FROM ${dayTable} WHERE day BETWEEN @headFrom AND @headTo AND ${condition}
   UNION ALL SELECT ${columns} FROM ${monthTable} WHERE month BETWEEN @firstMonth AND @lastMonth AND ${condition}
   UNION ALL SELECT ${columns} FROM ${dayTable} WHERE day BETWEEN @tailFrom AND @tailTo AND ${condition}`;
const casesSpan = span('daily_cases', 'monthly_cases');
const tasksSpan = span('daily_tasks', 'monthly_tasks');

/** Days `from`–`to` as leading days, whole months, trailing days (an empty part as an empty range). */
export function spanParameters(from: string, to: string): SpanParameters {
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : addDays(`${from.slice(0, 7)}-01`, 31).slice(0, 7);
  const lastMonth = addDays(to, 1).endsWith('-01') ? to.slice(0, 7) : addDays(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  if (from > to || firstMonth > lastMonth) return { headFrom: from, headTo: to, firstMonth: '1', lastMonth: '0', tailFrom: '1', tailTo: '0' };
  const afterLastMonth = `${addDays(`${lastMonth}-01`, 31).slice(0, 7)}-01`;
  return { headFrom: from, headTo: addDays(`${firstMonth}-01`, -1), firstMonth, lastMonth, tailFrom: afterLastMonth, tailTo: to };
}

export interface SpanParameters {
  headFrom: string;
  headTo: string;
  firstMonth: string;
  lastMonth: string;
  tailFrom: string;
  tailTo: string;
}

const bit = (value: boolean) => (value ? 1 : 0);
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function toCase(row: Row): CaseRecord {
  return {
    processInstanceKey: String(row.process_instance_key),
    processId: String(row.process_id),
    processDefinitionKey: String(row.process_definition_key),
    version: Number(row.version),
    state: row.state as CaseState,
    startDate: String(row.start_date),
    endDate: text(row.end_date),
    startDay: String(row.start_day),
    endDay: text(row.end_day),
    hasIncident: row.has_incident === 1,
    acceptedDay: text(row.accepted_day),
    deadlineDay: text(row.deadline_day),
    originalDeadlineDay: text(row.original_deadline_day),
    deadlineProvisional: row.deadline_provisional === 1,
    applicant: text(row.applicant),
    cycleWorkingDays: num(row.cycle_wd),
    onTime: row.on_time === null ? null : row.on_time === 1,
    figuresProvisional: row.figures_provisional === 1,
    outcome: text(row.outcome),
  };
}

function toTask(row: Row): TaskRecord {
  return {
    userTaskKey: String(row.user_task_key),
    processInstanceKey: String(row.process_instance_key),
    processId: String(row.process_id),
    elementId: String(row.element_id),
    name: String(row.name),
    state: row.state as TaskState,
    assignee: text(row.assignee),
    candidateGroups: JSON.parse(String(row.candidate_groups)) as string[],
    creationDate: String(row.creation_date),
    completionDate: text(row.completion_date),
    dueDate: text(row.due_date),
    completionDay: text(row.completion_day),
    handlingWorkingDays: num(row.handling_wd),
  };
}
