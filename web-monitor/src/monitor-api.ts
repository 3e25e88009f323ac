/**
 * The monitor server's own routes (next to /v2): the catalogue and the figures of its read model. Same session,
 * same CSRF token as /v2 (the V2Client sends both). `now` is the engine's time read from /v2's `Date` header.
 */
import { serverNow } from '../../web-shared/src/api/server-clock.js';
import { earlyGet } from '../../web-shared/src/api/early-get.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import type { CaseMatch, DurationView, MonitorCatalog, OpenCaseList, Overview, PeriodKind } from './monitor-types.js';

const API = '/monitor/api';

/** The catalogue, asked for as the page starts. */
const earlyCatalog = earlyGet<MonitorCatalog>(`${API}/catalog`);

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

export class MonitorApi {
  constructor(private readonly client: V2Client) {}

  async catalog(): Promise<MonitorCatalog> {
    return (await earlyCatalog.answer) ?? this.client.json('GET', `${API}/catalog`, undefined, {});
  }

  overview(period: PeriodChoice, polling = false): Promise<Overview> {
    return this.client.json('GET', `${API}/overview?${periodQuery(period)}`, undefined, { polling });
  }

  openCases(kind: 'overdue' | 'dueSoon', options: { processId?: string; limit: number; offset: number }): Promise<OpenCaseList> {
    const query = new URLSearchParams({ kind, now: now(), limit: String(options.limit), offset: String(options.offset) });
    if (options.processId) query.set('processId', options.processId);
    return this.client.json('GET', `${API}/open-cases?${query.toString()}`, undefined, {});
  }

  durations(processId: string, period: PeriodChoice): Promise<DurationView> {
    return this.client.json('GET', `${API}/durations?${periodQuery(period)}&processId=${encodeURIComponent(processId)}`, undefined, {});
  }

  casesByApplicant(applicant: string): Promise<{ items: CaseMatch[] }> {
    return this.client.json('GET', `${API}/cases?applicant=${encodeURIComponent(applicant)}`, undefined, {});
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
