/**
 * Shapes of the monitor server's own routes (`/monitor/api`), shared by the browser code and the server.
 * Days are office dates (YYYY-MM-DD, Asia/Shanghai); durations are working days of the office's calendar.
 */
import type { LimitRule } from '../../web-shared/src/dates/case-due.js';
import type { VariableLabels } from '../../web-shared/src/format/variable-labels.js';

export type PeriodKind = 'today' | 'week' | 'month' | 'custom';

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

/** Median and 90th percentile of a set of working-day counts. */
export interface Spread {
  n: number;
  median: number | null;
  p90: number | null;
}

export interface Figures {
  /** Cases started in the period, less those since ended 不予受理 (never 受理'd). */
  started: number;
  /** Cases completed in the period, except those ended 不予受理 (不予办理 and the like are 办结: a decision made). */
  completed: number;
  /** Cases ended 不予受理 in the period (by the day of the decision); outside cycle time and 按时办结率. */
  notAccepted: number;
  canceled: number;
  open: number;
  overdue: number;
  dueSoon: number;
  withIncident: number;
  /** Cycle time of the cases completed in the period (those with an acceptance date). */
  cycle: Spread;
  /** Completed cases of the period whose deadline is known, and how many of them on time. */
  onTime: { known: number; onTime: number; rate: number | null };
}

export interface ProcessFigures extends Figures {
  processId: string;
  titleZh: string;
  nationalItem: { name: string; code: string } | null;
  timeLimitZh: string;
  /** The statutory limit in working days (0 = 即时办结); null for limits in calendar days or months. */
  limitWorkingDays: number | null;
}

export interface NationalItemFigures extends Figures {
  code: string | null;
  name: string;
  processIds: string[];
}

export interface Freshness {
  /** Seconds since the read model's last completed pass over /v2 (null: none yet). */
  ageSeconds: number | null;
  lastPassMs: number | null;
  /** When the last completed pass ended (epoch ms; null: none yet): the moment the figures stand at. */
  lastPassAt: number | null;
  /**
   * While the passes fail: when the first of them in a row failed (epoch ms). Why they fail (the SDK's or SQLite's
   * English message) is in the server's log only: managers read what it means for the figures (texts.ts).
   */
  failingSince?: number;
  /**
   * No `lastPassAt`, but the read model holds figures a run before this start read (a file of a monitor that did not
   * keep the last pass's time): they stand at that run's last pass, of a time unknown.
   */
  earlierFigures?: true;
  /** No feeder at all: the server has no monitor service account to read /v2 with, so the figures are never read. */
  unconnected?: true;
  /**
   * Set while the read model has not caught up with /v2 (being rebuilt, oldest first): the office day (YYYY-MM-DD)
   * it has read up to. Its figures are short until then.
   */
  readUpTo?: string;
  syncIntervalMs: number;
}

/**
 * An answer of figures from the read model with how fresh they are: what each page that shows such figures puts in
 * its freshness line (views/freshness-line.tsx).
 */
export type WithFreshness<T> = T & { freshness: Freshness };

/** The overview's answer: its figures, with how fresh they are as the lists' and the durations' answers have it. */
export type Overview = WithFreshness<OverviewFigures>;

interface OverviewFigures {
  period: Period;
  today: string;
  /** 临期: deadline from today up to and including this day. */
  dueSoonUntil: string;
  dueSoonWorkingDays: number;
  totals: Figures;
  processes: ProcessFigures[];
  nationalItems: NationalItemFigures[];
  /** Open user tasks by step. */
  waitingSteps: { processId: string; elementId: string; name: string; n: number }[];
  /** Open user tasks by candidate group. */
  groups: { groupId: string; nameZh: string; n: number }[];
  /** Per clerk; absent when config/monitor.json switches per-person figures off. */
  clerks?: { assignee: string; open: number; completed: number; handling: Spread }[];
}

export interface OpenCase {
  processInstanceKey: string;
  processId: string;
  titleZh: string;
  applicant: string | null;
  acceptedDay: string | null;
  deadlineDay: string | null;
  deadlineProvisional: boolean;
  /** Working days past the deadline (overdue) or left until it (due soon, 0 = due today). */
  workingDays: number | null;
  hasIncident: boolean;
  step: { userTaskKey: string; elementId: string; name: string; assignee: string | null; groups: { groupId: string; nameZh: string }[] } | null;
}

export interface OpenCaseList {
  kind: 'overdue' | 'dueSoon';
  today: string;
  total: number;
  items: OpenCase[];
}

export interface TaskDuration {
  elementId: string;
  name: string;
  handling: Spread;
  /** The share of the statutory limit the step may use, in working days (null: the limit is not in working days). */
  targetWorkingDays: number | null;
  share: number;
  /** green: p90 within the target; amber: median within it; red: median beyond it; none: nothing completed. */
  status: 'green' | 'amber' | 'red' | 'none';
}

export interface DurationView {
  processId: string;
  period: Period;
  limitWorkingDays: number | null;
  timeLimitZh: string;
  tasks: TaskDuration[];
}

interface CaseMatch {
  processInstanceKey: string;
  processId: string;
  applicant: string | null;
  state: string;
  startDate: string;
}

/** `POST /monitor/api/cases/search`'s answer: the cases of an applicant the read model knows (at most 200). */
export interface CaseMatches {
  items: CaseMatch[];
}

export interface MonitorCatalog {
  processes: { processId: string; titleZh: string; nationalItem: { name: string; code: string } | null; timeLimitZh: string; limitWorkingDays: number | null; limitRule: LimitRule; userTasks: { elementId: string; nameZh: string; candidateGroups: string[] }[] }[];
  groups: Record<string, string>;
  perPersonFigures: boolean;
  /** Chinese labels of case variables, shown beside their names. */
  variableLabels: VariableLabels;
}

/**
 * What the server puts into 首页's HTML for a manager (first-screen.ts): the catalogue and this month's figures
 * (the period a new tab shows), counted at the engine's time the page also brings.
 */
export interface MonitorFirstScreen {
  catalog: MonitorCatalog;
  /** Absent when the read model is unavailable (the page asks and shows why). */
  overview?: Overview;
  /** The overview's two top charts drawn by the server (with `overview`; absent when there was nothing to draw). */
  charts?: OverviewChartsSvg;
}

/** 首页's top charts as SVG markup written by ECharts on the server (server/overview-chart-svg.ts). */
export interface OverviewChartsSvg {
  open?: string;
  cycle?: string;
}
