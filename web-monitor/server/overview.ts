/**
 * The figures of the monitor's pages from the read model: the overview of a period (per process and per national
 * item: started, completed, cancelled, open, overdue, due soon, cycle time median and p90 in working days, share
 * completed on time; open steps by step and group; per clerk), the overdue and due-soon lists, the duration view.
 * "Today" is the office date of the engine's time the browser sends (HTTP `Date` of /v2, pinned in tests).
 */
import type { OfficeCatalog, OfficeProcess } from '../../web-shared/server/office-catalog.js';
import type { CalendarConfig } from '../../workers/lib/calendar-config.js';
import { addDays, parseIsoDate } from '../../workers/lib/iso-date.js';
import { addWorkingDays } from '../../workers/lib/working-day-calendar.js';
import type {
  DurationView,
  Figures,
  NationalItemFigures,
  OpenCaseList,
  Overview,
  Period,
  PeriodKind,
  ProcessFigures,
  Spread,
} from '../src/monitor-types.js';
import { targetShare, type MonitorSettings } from './monitor-config.js';
import type { MonitorStore } from './read-model/monitor-store.js';
import type { WorkingDayCounter } from './working-day-counter.js';

export interface FigureSources {
  store: MonitorStore;
  catalog: OfficeCatalog;
  settings: MonitorSettings;
  calendar: () => CalendarConfig;
  counter: () => WorkingDayCounter;
}

/** The days of a period: today, this week (Monday on), this month, or a chosen range. */
export function periodOf(kind: PeriodKind, today: string, from?: string, to?: string): Period {
  switch (kind) {
    case 'today':
      return { kind, from: today, to: today };
    case 'week': {
      const daysSinceMonday = parseIsoDate(today).dayOfWeek - 1; // ISO weekday: Monday 1 … Sunday 7
      return { kind, from: addDays(today, -daysSinceMonday), to: today };
    }
    case 'month':
      return { kind, from: `${today.slice(0, 8)}01`, to: today };
    case 'custom':
      if (!from || !to) throw new RangeError('a chosen range needs from and to');
      return from <= to ? { kind, from, to } : { kind, from: to, to: from };
  }
}

export function overview(sources: FigureSources, period: Period, today: string, freshness: Overview['freshness']): Overview {
  const { store, catalog, settings } = sources;
  const dueSoonUntil = addWorkingDays(today, settings.dueSoonWorkingDays, sources.calendar());
  const known = new Map(catalog.processes.map((process) => [process.processId, process]));
  const perProcess = new Map<string, Accumulator>();
  const of = (processId: string) => {
    let accumulator = perProcess.get(processId);
    if (!accumulator) perProcess.set(processId, (accumulator = new Accumulator()));
    return accumulator;
  };
  for (const { processId, n } of store.startedBetween(period.from, period.to)) of(processId).started += n;
  for (const bucket of store.endedBetween(period.from, period.to)) {
    const accumulator = of(bucket.processId);
    if (bucket.state === 'TERMINATED') {
      accumulator.canceled += bucket.n;
      continue;
    }
    // refused at intake: never 受理'd, so neither 办结 nor in the cycle time and 按时办结率 (docs/manager-guide.md)
    if (bucket.state === 'NOT_ACCEPTED') {
      accumulator.notAccepted += bucket.n;
      continue;
    }
    accumulator.completed += bucket.n;
    if (bucket.cycleWorkingDays >= 0) accumulator.cycle.add(bucket.cycleWorkingDays, bucket.n);
    if (bucket.onTime >= 0) {
      accumulator.known += bucket.n;
      if (bucket.onTime === 1) accumulator.onTime += bucket.n;
    }
  }
  for (const counts of store.openCaseCounts(today, dueSoonUntil)) {
    const accumulator = of(counts.processId);
    accumulator.open += counts.open;
    accumulator.overdue += counts.overdue;
    accumulator.dueSoon += counts.dueSoon;
    accumulator.withIncident += counts.withIncident;
  }
  // the catalogue's order (flowchart numbers), then processes the catalogue does not know
  const processIds = [...catalog.processes.map((process) => process.processId), ...[...perProcess.keys()].filter((id) => !known.has(id)).sort()];
  const processes: ProcessFigures[] = processIds.map((processId) => {
    const process = known.get(processId);
    return {
      processId,
      titleZh: process?.titleZh ?? processId,
      nationalItem: process?.nationalItem ?? null,
      timeLimitZh: process?.timeLimitZh ?? '未规定',
      limitWorkingDays: limitWorkingDays(process),
      ...(perProcess.get(processId) ?? new Accumulator()).figures(),
    };
  });
  const byItem = new Map<string, { name: string; code: string | null; processIds: string[]; accumulator: Accumulator }>();
  for (const processId of processIds) {
    const item = known.get(processId)?.nationalItem ?? null;
    const id = item?.code ?? '';
    let entry = byItem.get(id);
    if (!entry) byItem.set(id, (entry = { name: item?.name ?? '无国家事项编码', code: item?.code ?? null, processIds: [], accumulator: new Accumulator() }));
    entry.processIds.push(processId);
    entry.accumulator.merge(perProcess.get(processId));
  }
  const nationalItems: NationalItemFigures[] = [...byItem.values()].map(({ name, code, processIds: ids, accumulator }) => ({
    name,
    code,
    processIds: ids,
    ...accumulator.figures(),
  }));
  const totals = new Accumulator();
  for (const accumulator of perProcess.values()) totals.merge(accumulator);
  const result: Overview = {
    period,
    today,
    dueSoonUntil,
    dueSoonWorkingDays: settings.dueSoonWorkingDays,
    totals: totals.figures(),
    processes,
    nationalItems,
    waitingSteps: store
      .openTasksByStep()
      .map((step) => ({ ...step, name: stepName(known.get(step.processId), step.elementId) ?? step.name }))
      .sort((a, b) => b.n - a.n),
    groups: store
      .openTasksByGroup()
      .map(({ groupId, n }) => ({ groupId, nameZh: catalog.groups[groupId] ?? groupId, n }))
      .sort((a, b) => b.n - a.n),
    freshness,
  };
  if (settings.perPersonFigures) result.clerks = clerks(store, period);
  return result;
}

export function openCaseList(sources: FigureSources, kind: 'overdue' | 'dueSoon', today: string, options: { processIds?: string[]; limit: number; offset: number }): OpenCaseList {
  const { store, catalog, settings } = sources;
  const counter = sources.counter();
  const known = new Map(catalog.processes.map((process) => [process.processId, process]));
  const dueSoonUntil = addWorkingDays(today, settings.dueSoonWorkingDays, sources.calendar());
  const query =
    kind === 'overdue'
      ? { deadlineBefore: today, ...options }
      : { deadlineFrom: today, deadlineTo: dueSoonUntil, ...options };
  const { total, rows } = store.openCases(query);
  return {
    kind,
    today,
    total,
    items: rows.map((row) => ({
      processInstanceKey: row.processInstanceKey,
      processId: row.processId,
      titleZh: known.get(row.processId)?.titleZh ?? row.processId,
      applicant: row.applicant,
      acceptedDay: row.acceptedDay,
      deadlineDay: row.deadlineDay,
      deadlineProvisional: row.deadlineProvisional,
      workingDays: row.deadlineDay === null ? null : kind === 'overdue' ? counter.between(row.deadlineDay, today) : counter.between(today, row.deadlineDay),
      hasIncident: row.hasIncident,
      step: row.currentStep && {
        userTaskKey: row.currentStep.userTaskKey,
        elementId: row.currentStep.elementId,
        name: stepName(known.get(row.processId), row.currentStep.elementId) ?? row.currentStep.name,
        assignee: row.currentStep.assignee,
        groups: row.currentStep.candidateGroups.map((groupId) => ({ groupId, nameZh: catalog.groups[groupId] ?? groupId })),
      },
    })),
  };
}

/**
 * Optimize's target values in working days: per user task of a process, the median and p90 of its handling time
 * against the share of the statutory limit it may use (config/monitor.json).
 */
export function durationView(sources: FigureSources, processId: string, period: Period): DurationView {
  const process = sources.catalog.processes.find((candidate) => candidate.processId === processId);
  const limit = limitWorkingDays(process);
  const spreads = new Map<string, Histogram>();
  for (const bucket of sources.store.completedTasksBetween(period.from, period.to, processId)) {
    if (bucket.handlingWorkingDays < 0) continue;
    let histogram = spreads.get(bucket.elementId);
    if (!histogram) spreads.set(bucket.elementId, (histogram = new Histogram()));
    histogram.add(bucket.handlingWorkingDays, bucket.n);
  }
  const elementIds = [...(process?.userTasks.map((task) => task.elementId) ?? []), ...[...spreads.keys()].filter((id) => !process?.userTasks.some((task) => task.elementId === id))];
  return {
    processId,
    period,
    limitWorkingDays: limit,
    timeLimitZh: process?.timeLimitZh ?? '未规定',
    tasks: elementIds.map((elementId) => {
      const handling = (spreads.get(elementId) ?? new Histogram()).spread();
      const share = targetShare(sources.settings, processId, elementId);
      const target = limit === null ? null : Math.round(limit * share * 10) / 10;
      const status =
        handling.n === 0 || handling.median === null
          ? 'none'
          : target === null
            ? 'none'
            : handling.p90 !== null && handling.p90 <= target
              ? 'green'
              : handling.median <= target
                ? 'amber'
                : 'red';
      return { elementId, name: stepName(process, elementId) ?? elementId, handling, targetWorkingDays: target, share, status };
    }),
  };
}

export function limitWorkingDays(process: OfficeProcess | undefined): number | null {
  if (!process) return null;
  if (process.timeLimit.immediate) return 0;
  return process.timeLimit.workingDays ?? null;
}

// helpers

function stepName(process: OfficeProcess | undefined, elementId: string): string | undefined {
  return process?.userTasks.find((task) => task.elementId === elementId)?.nameZh;
}

function clerks(store: MonitorStore, period: Period): NonNullable<Overview['clerks']> {
  const byClerk = new Map<string, { open: number; completed: number; histogram: Histogram }>();
  const of = (assignee: string) => {
    let entry = byClerk.get(assignee);
    if (!entry) byClerk.set(assignee, (entry = { open: 0, completed: 0, histogram: new Histogram() }));
    return entry;
  };
  for (const { assignee, n } of store.openTasksByAssignee()) of(assignee).open += n;
  for (const bucket of store.completedTasksBetween(period.from, period.to)) {
    if (bucket.assignee === '') continue;
    const entry = of(bucket.assignee);
    entry.completed += bucket.n;
    if (bucket.handlingWorkingDays >= 0) entry.histogram.add(bucket.handlingWorkingDays, bucket.n);
  }
  return [...byClerk.entries()]
    .map(([assignee, entry]) => ({ assignee, open: entry.open, completed: entry.completed, handling: entry.histogram.spread() }))
    .sort((a, b) => b.completed + b.open - (a.completed + a.open) || a.assignee.localeCompare(b.assignee));
}

/** Counts per value; percentiles by nearest rank. */
export class Histogram {
  private readonly counts = new Map<number, number>();
  private total = 0;

  add(value: number, n = 1): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + n);
    this.total += n;
  }

  merge(other: Histogram): void {
    for (const [value, n] of other.counts) this.add(value, n);
  }

  /** The smallest value with at least `share` of the counts at or below it. */
  percentile(share: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(share * this.total));
    let seen = 0;
    for (const value of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(value)!;
      if (seen >= rank) return value;
    }
    return null;
  }

  spread(): Spread {
    return { n: this.total, median: this.percentile(0.5), p90: this.percentile(0.9) };
  }
}

class Accumulator {
  started = 0;
  completed = 0;
  notAccepted = 0;
  canceled = 0;
  open = 0;
  overdue = 0;
  dueSoon = 0;
  withIncident = 0;
  known = 0;
  onTime = 0;
  readonly cycle = new Histogram();

  merge(other: Accumulator | undefined): void {
    if (!other) return;
    this.started += other.started;
    this.completed += other.completed;
    this.notAccepted += other.notAccepted;
    this.canceled += other.canceled;
    this.open += other.open;
    this.overdue += other.overdue;
    this.dueSoon += other.dueSoon;
    this.withIncident += other.withIncident;
    this.known += other.known;
    this.onTime += other.onTime;
    this.cycle.merge(other.cycle);
  }

  figures(): Figures {
    return {
      started: this.started,
      completed: this.completed,
      notAccepted: this.notAccepted,
      canceled: this.canceled,
      open: this.open,
      overdue: this.overdue,
      dueSoon: this.dueSoon,
      withIncident: this.withIncident,
      cycle: this.cycle.spread(),
      onTime: { known: this.known, onTime: this.onTime, rate: this.known === 0 ? null : this.onTime / this.known },
    };
  }
}
