/**
 * `/monitor/api`: what the monitor's pages read from its read model (everything about one case, its diagram and
 * repairs goes from the browser to /v2 with the manager's own session):
 *
 * - `GET /catalog` — processes, national items, time limits, groups, whether per-person figures are on;
 * - `GET /overview?period=today|week|month|custom&from&to&now` — the overview's figures;
 * - `GET /open-cases?kind=overdue|dueSoon&now&processId&limit&offset` — the overdue and due-soon lists;
 * - `GET /durations?processId&period…` — handling times per user task against their targets (working days);
 * - `POST /cases/search` `{applicant}` — cases by the applicant's name (for the instance search), with `freshness`;
 * - `POST /working-days` `{now, dates}` — a case's deadline in working days (the case page; the task list's route);
 * - `GET /report.xlsx?period…&now` — the monthly report;
 * - `GET /status` — how fresh the read model is, and for administrators' probes the feeder's own `feederFailingSince`
 *   (epoch ms, while its passes fail: from the first failure, before the freshness line's grace has passed).
 *
 * The overview's, the lists', the durations' and the applicant search's answers carry how fresh the read model is
 * (`freshness`, freshness.ts): every page that shows them has the freshness line (the monthly report writes it into
 * its workbook).
 *
 * `now` is the engine's time as the browser read it from /v2 (HTTP `Date`); without it, the server's clock.
 */
import { create as contentDisposition } from 'content-disposition';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { CSRF_HEADER, type CurrentUserAuth } from '../../web-shared/server/current-user.js';
import { limitRule } from '../../web-shared/server/office-catalog.js';
import { sendProblem } from '../../web-shared/server/problem.js';
import { MissingHolidayDataError } from '../../workers/lib/errors.js';
import { liveVariableLabels } from '../../web-shared/server/variable-labels.js';
import { workingDaysRouter } from '../../web-shared/server/working-days-router.js';
import { isDateOrInstant, officeDateOfDateOrInstant } from '../../workers/lib/instant.js';
import { isIsoDate } from '../../workers/lib/iso-date.js';
import type { VariableLabels } from '../../web-shared/src/format/variable-labels.js';
import type { CaseMatches, DurationView, Freshness, MonitorCatalog, OpenCaseList, WithFreshness } from '../src/monitor-types.js';
import { durationView, limitWorkingDays, openCaseList, overview, periodOf, type FigureSources } from './overview.js';

const day = z.string().refine(isIsoDate, '需要 YYYY-MM-DD 格式的日期');
const periodSchema = z.object({
  period: z.enum(['today', 'week', 'month', 'custom']).default('month'),
  from: day.optional(),
  to: day.optional(),
  now: z.string().refine(isDateOrInstant, '需要 ISO 8601 时间').optional(),
});

const listSchema = z.object({
  kind: z.enum(['overdue', 'dueSoon']).default('overdue'),
  now: z.string().refine(isDateOrInstant, '需要 ISO 8601 时间').optional(),
  processId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export interface MonitorRouterOptions {
  /**
   * The store, asked on every request: without one (its file could not be opened yet), every route but the
   * catalogue answers 503 `unavailable`; once the file opens on a retry, the same routes read it.
   */
  sources: Omit<FigureSources, 'store'> & { store: () => FigureSources['store'] | undefined };
  /** What managers read when there is no store (Chinese), asked when it happens (why may change: a stop). */
  unavailable?: string | (() => string);
  freshness: () => Freshness;
  /** The feeder's own `failingSince` (read-model-feeder.ts), grace or not (none: no feeder, or its passes work). */
  feederFailingSince?: () => number | undefined;
  /** The managers' logins; the clerks' names in the report are asked of /v2 with the manager's own. */
  auth: CurrentUserAuth;
  /** The variables' Chinese labels (default: read live from the forms and the data file). */
  variableLabels?: () => VariableLabels;
}

export function monitorRouter(options: MonitorRouterOptions): Router {
  const router = Router();
  const variableLabels = options.variableLabels ?? liveVariableLabels(options.sources.catalog);
  const { store: storeNow, ...rest } = options.sources;

  router.get('/catalog', (_req, res) => {
    const catalog = monitorCatalog(options.sources, variableLabels);
    // revalidated (ETag) on every page load: edited variable labels show on the next one
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json(catalog);
  });

  // the case page's deadline is counted with the calendar alone: it works without the read model too
  router.use('/working-days', workingDaysRouter(options.sources.calendar));

  // the case pages, 案件查询, 热力图 and 批量操作 read /v2 and need only the catalogue: they work without the read model
  let store: FigureSources['store'] | undefined;
  router.use((_req, res, next) => {
    store = storeNow();
    const { unavailable } = options;
    if (store === undefined) sendProblem(res, 503, '监控数据暂不可用', (typeof unavailable === 'function' ? unavailable() : unavailable) ?? '监控的读取模型暂不可用');
    else next();
  });
  // the store the request's check above found (the handlers read it synchronously, before any await)
  const sources: FigureSources = { ...rest, get store() { return store as FigureSources['store']; } };

  router.get('/status', (_req, res) => {
    const feederFailingSince = options.feederFailingSince?.();
    res.json({ freshness: options.freshness(), ...(feederFailingSince === undefined ? {} : { feederFailingSince }), size: sources.store.size() });
  });

  router.get('/overview', (req, res) => {
    const query = parse(periodSchema, req, res);
    if (!query) return;
    const today = todayOf(query.now);
    const period = periodFromQuery(query, today, res);
    if (!period) return;
    try {
      res.json(overview(sources, period, today, options.freshness()));
    } catch (error) {
      if (!sentOutsideCalendar(error, today, res)) throw error;
    }
  });

  router.get('/open-cases', (req, res) => {
    const query = parse(listSchema, req, res);
    if (!query) return;
    const today = todayOf(query.now);
    let list: OpenCaseList;
    try {
      // (the due-soon window is counted in working days from today)
      list = openCaseList(sources, query.kind, today, {
        processIds: query.processId ? [query.processId] : undefined,
        limit: query.limit,
        offset: query.offset,
      });
    } catch (error) {
      if (!sentOutsideCalendar(error, today, res)) throw error;
      return;
    }
    res.json({ ...list, freshness: options.freshness() } satisfies WithFreshness<OpenCaseList>);
  });

  router.get('/durations', (req, res) => {
    const query = parse(periodSchema.extend({ processId: z.string().min(1).max(200) }), req, res);
    if (!query) return;
    const period = periodFromQuery(query, todayOf(query.now), res);
    if (!period) return;
    res.json({ ...durationView(sources, query.processId, period), freshness: options.freshness() } satisfies WithFreshness<DurationView>);
  });

  // a POST, so the applicant's name is in no address (server and proxy logs, browser history)
  router.post('/cases/search', express.json({ limit: '4kb' }), (req, res) => {
    const query = parseBody(z.object({ applicant: z.string({ error: '请输入申请人姓名' }).trim().min(1, '请输入申请人姓名').max(50, '申请人姓名不能超过 50 个字') }), req, res);
    if (!query) return;
    // with how fresh the read model is: a case started since its last pass is not found yet (案件查询 says so)
    res.json({
      freshness: options.freshness(),
      items: sources.store.findByApplicant(query.applicant, 200).map((record) => ({
        processInstanceKey: record.processInstanceKey,
        processId: record.processId,
        applicant: record.applicant,
        state: record.state,
        startDate: record.startDate,
      })),
    } satisfies WithFreshness<CaseMatches>);
  });

  router.get('/report.xlsx', async (req, res) => {
    const query = parse(periodSchema, req, res);
    if (!query) return;
    const today = todayOf(query.now);
    const period = periodFromQuery(query, today, res);
    if (!period) return;
    let figures: ReturnType<typeof overview>;
    try {
      figures = overview(sources, period, today, options.freshness());
    } catch (error) {
      if (!sentOutsideCalendar(error, today, res)) throw error;
      return;
    }
    const overdue = openCaseList(sources, 'overdue', today, { limit: 10_000, offset: 0 });
    const names = await userNames(options, req);
    // (the spreadsheet library is loaded at the first report asked for, not with the server: it takes a quarter second)
    const { reportWorkbook } = await import('./report-workbook.js');
    const workbook = await reportWorkbook(figures, overdue, (username) => names.get(username) ?? username);
    const file = `业务监控月报_${period.from}_${period.to}.xlsx`;
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // the Chinese name for every browser (filename*), report.xlsx for a client that reads only the plain filename
    res.setHeader('Content-Disposition', contentDisposition(file, { fallback: 'report.xlsx' }));
    res.setHeader('Cache-Control', 'no-store');
    res.send(workbook);
  });

  return router;
}

/** The catalogue a page reads (`GET /catalog`, and 首页's first screen). */
export function monitorCatalog(sources: Pick<FigureSources, 'catalog' | 'settings'>, variableLabels: () => VariableLabels): MonitorCatalog {
  return {
    processes: sources.catalog.processes.map((process) => ({
      processId: process.processId,
      titleZh: process.titleZh,
      nationalItem: process.nationalItem,
      timeLimitZh: process.timeLimitZh,
      limitWorkingDays: limitWorkingDays(process),
      limitRule: limitRule(process.timeLimit),
      userTasks: process.userTasks,
    })),
    groups: sources.catalog.groups,
    perPersonFigures: sources.settings.perPersonFigures,
    variableLabels: variableLabels(),
  };
}

// helpers

function parse<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | undefined {
  return parsed(schema.safeParse(req.query), res);
}

function parseBody<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | undefined {
  return parsed(schema.safeParse(req.body ?? {}), res);
}

function parsed<T>(result: z.ZodSafeParseResult<T>, res: Response): T | undefined {
  if (result.success) return result.data;
  sendProblem(res, 400, '请求有误', result.error.issues.map((issue) => issue.message).join('；'));
  return undefined;
}

export function todayOf(now: string | undefined): string {
  return officeDateOfDateOrInstant(now ?? new Date().toISOString());
}

/**
 * A `now` in a year before the office's calendar (a clock gone back to 1970): the request's fault, answered 400 in
 * Chinese, not a server error. Sent if `error` is that; false otherwise. It is today that lies outside (the routes
 * count only from today in working days — the due-soon window —, a period's figures are read by date), so the answer
 * names today, not the 统计期间; and only where the calendar starts: the years after its last official one are
 * counted on the provisional schedule, not refused.
 */
function sentOutsideCalendar(error: unknown, today: string, res: Response): boolean {
  if (!(error instanceof MissingHolidayDataError)) return false;
  const year = Number(today.slice(0, 4));
  const detail =
    year === error.year
      ? `当前日期（${year} 年）超出办公日历：办公日历自 ${error.firstYear} 年起，请核对系统时钟`
      : // (no route counts another day today; should one, it is not called today)
        `所问日期（${error.year} 年）超出办公日历：办公日历自 ${error.firstYear} 年起`;
  sendProblem(res, 400, '请求有误', detail);
  return true;
}

function periodFromQuery(query: z.output<typeof periodSchema>, today: string, res: Response) {
  if (query.period === 'custom' && (!query.from || !query.to)) {
    sendProblem(res, 400, '请求有误', '自定义时间段需要开始和结束日期');
    return undefined;
  }
  return periodOf(query.period, today, query.from, query.to);
}

/** Display names of the users, asked of /v2 with the requester's own login (managers may read users); {} if not. */
async function userNames(options: MonitorRouterOptions, req: Request): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  try {
    // a search is a POST: a cookie session needs its CSRF token, which a GET of the report does not carry
    const login = await options.auth.lookup(req);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (login?.csrfToken) headers[CSRF_HEADER] = login.csrfToken;
    const response = await options.auth.fetchV2AsUser(req, '/v2/users/search', { method: 'POST', headers, body: JSON.stringify({ page: { limit: 1000 } }) });
    if (!response.ok) return names;
    const body = (await response.json()) as { items?: { username: string; name?: string }[] };
    for (const user of body.items ?? []) if (user.name) names.set(user.username, user.name);
  } catch {
    // names are a courtesy: the report carries user ids without them
  }
  return names;
}
