/**
 * The monitor server's own routes (next to /v2): the catalogue and the figures of its read model. Same session,
 * same CSRF token as /v2 (the V2Client sends both). `now` is the engine's time read from /v2's `Date` header.
 */
import { serverNow } from '../../web-shared/src/api/server-clock.js';
import { earlyGet, type EarlyGet } from '../../web-shared/src/api/early-get.js';
import type { RequestOptions, V2Client } from '../../web-shared/src/api/v2-client.js';
import type { WorkingDays } from '../../web-shared/src/dates/due-info.js';
import { inlinedFirstScreen } from '../../web-shared/src/first-screen.js';
import type { CaseMatches, DurationView, MonitorCatalog, MonitorFirstScreen, OpenCaseList, Overview, OverviewChartsSvg, PeriodKind, WithFreshness } from './monitor-types.js';

const API = '/monitor/api';

/** 首页's first screen when the server put it into the page (monitor-first-screen.ts on the server). */
const inlined = inlinedFirstScreen()?.app as MonitorFirstScreen | undefined;

/** The top charts the server drew for `overview` when these are the figures that came with the page, else undefined. */
export function chartsDrawnFor(overview: Overview): OverviewChartsSvg | undefined {
  return inlined?.overview === overview ? inlined.charts : undefined;
}

/** The catalogue: from the page when it is there, else asked for as the page starts. */
const earlyCatalog: EarlyGet<MonitorCatalog> = inlined
  ? { answer: Promise.resolve(inlined.catalog), alreadyAnswered: () => inlined.catalog }
  : earlyGet<MonitorCatalog>(`${API}/catalog`);

/**
 * The early catalogue when it came before the app's data provider first rendered (the app's data is there at once),
 * else undefined. That render waits for the session check's answer, by which time the catalogue has often come.
 */
export const catalogAlreadyLoaded = earlyCatalog.alreadyAnswered;

export interface PeriodChoice {
  kind: PeriodKind;
  from?: string;
  to?: string;
}

let earlyOverview: { period: PeriodChoice; answer: Promise<Overview | undefined>; askedAt: number; answered?: Overview } | undefined;

/** An early answer older than this is not shown (a page left at the login, then signed in to much later). */
const EARLY_OVERVIEW_KEPT_MS = 10_000;

/**
 * 首页's figures asked for as the page starts (early-requests.ts), once the session check has answered: its answer
 * brings the engine's time, from which the overview counts "today". Without it the overview would go out only
 * after the app's first renders. The page's first overview of the same period takes the answer; when it failed
 * (undefined), the page asks again through its V2Client, which shows the problem in Chinese. Says whether the
 * figures came with the page with their top charts drawn.
 */
export function askOverviewEarly(period: PeriodChoice, signedIn: Promise<unknown>): { drawn: boolean } {
  // this month's figures came with the page: shown at once when the tab shows this month (a new tab does)
  const figures = inlined?.overview;
  if (figures && period.kind === 'month' && figures.period.kind === 'month') {
    earlyOverview = { period, answer: Promise.resolve(figures), askedAt: performance.now(), answered: figures };
    return { drawn: inlined?.charts !== undefined };
  }
  const answer = signedIn
    .then((user) => (user === undefined ? undefined : earlyGet<Overview>(`${API}/overview?${periodQuery(period)}`).answer))
    .catch(() => undefined);
  earlyOverview = { period, answer, askedAt: performance.now() };
  return { drawn: false };
}

/** The early overview if it is already here for `period` (the page's first render shows it), without taking it. */
export function overviewAlreadyHere(period: PeriodChoice): Overview | undefined {
  return earlyOverview && samePeriod(earlyOverview.period, period) ? earlyOverview.answered : undefined;
}

function samePeriod(a: PeriodChoice, b: PeriodChoice): boolean {
  return a.kind === b.kind && a.from === b.from && a.to === b.to;
}

/** The early overview's answer if it was asked for `period` (once). */
function takeEarlyOverview(period: PeriodChoice): Promise<Overview | undefined> | undefined {
  const early = earlyOverview;
  earlyOverview = undefined;
  const same = early !== undefined && samePeriod(early.period, period);
  return same && performance.now() - early.askedAt < EARLY_OVERVIEW_KEPT_MS ? early.answer : undefined;
}

export class MonitorApi {
  constructor(private readonly client: V2Client) {}

  async catalog(): Promise<MonitorCatalog> {
    return (await earlyCatalog.answer) ?? this.client.json('GET', `${API}/catalog`, undefined, {});
  }

  async overview(period: PeriodChoice, polling = false, signal?: AbortSignal): Promise<Overview> {
    const early = polling ? undefined : takeEarlyOverview(period);
    return (early && (await early)) ?? this.client.json('GET', `${API}/overview?${periodQuery(period)}`, undefined, { polling, signal });
  }

  openCases(kind: 'overdue' | 'dueSoon', options: { processId?: string; limit: number; offset: number }, polling = false, signal?: AbortSignal): Promise<WithFreshness<OpenCaseList>> {
    const query = new URLSearchParams({ kind, now: now(), limit: String(options.limit), offset: String(options.offset) });
    if (options.processId) query.set('processId', options.processId);
    return this.client.json('GET', `${API}/open-cases?${query.toString()}`, undefined, { polling, signal });
  }

  durations(processId: string, period: PeriodChoice, polling = false, signal?: AbortSignal): Promise<WithFreshness<DurationView>> {
    return this.client.json('GET', `${API}/durations?${periodQuery(period)}&processId=${encodeURIComponent(processId)}`, undefined, { polling, signal });
  }

  /** A case's deadline and acceptance date in working days from `now` (the case page's header). */
  workingDays(now: string, dates: string[]): Promise<WorkingDays> {
    return this.client.json('POST', `${API}/working-days`, { now, dates }, {});
  }

  casesByApplicant(applicant: string, options: RequestOptions = {}): Promise<WithFreshness<CaseMatches>> {
    return this.client.json('POST', `${API}/cases/search`, { applicant }, options);
  }

  /** The address of the monthly report of a period (a plain link: the browser downloads it with the session cookie). */
  reportUrl(period: PeriodChoice): string {
    return `${API}/report.xlsx?${periodQuery(period)}`;
  }
}

function now(): string {
  return new Date(serverNow()).toISOString();
}

function periodQuery(period: PeriodChoice): string {
  const query = new URLSearchParams({ period: period.kind, now: now() });
  if (period.kind === 'custom' && period.from && period.to) {
    query.set('from', period.from);
    query.set('to', period.to);
  }
  return query.toString();
}
