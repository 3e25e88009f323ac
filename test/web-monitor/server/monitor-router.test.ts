/**
 * The monitor's routes (web-monitor/server/monitor-router.ts) on a real HTTP server over an empty read model in a
 * temporary folder: what the monthly report's download is called (and that it asks the clerks' names of /v2 on the
 * manager's behalf), what the status says while the read model is rebuilt, and while its passes fail (since when, once
 * longer than the grace, never the failure's text, which goes to the server's log only) — and the report with it —,
 * and what the figures and lists answer for a today before the office calendar (400, naming today).
 */
import { parse as parseContentDisposition } from 'content-disposition';
import ExcelJS from 'exceljs';
import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorWebApp, type MonitorWebApp } from '../../../web-monitor/server/monitor-web-app.js';
import type { Freshness } from '../../../web-monitor/src/monitor-types.js';
import type { CurrentUserAuth } from '../../../web-shared/server/current-user.js';
import type { ClusterReader } from '../../../web-monitor/server/read-model/read-model-feeder.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { longHistory } from '../../support/monitor-history.js';

/** The calls the routes made to /v2 on a request's behalf. */
const asUser: { path: string; method: string | undefined; csrf: string | undefined }[] = [];

/**
 * Lets every request through as a cookie session with CSRF token `the-token`; its /v2 answers 503, so the clerks'
 * names are left out of the report.
 */
const admitAll: CurrentUserAuth = {
  require: () => (_req, _res, next) => next(),
  lookup: async () => ({ user: {} as never, csrfToken: 'the-token', until: Number.MAX_SAFE_INTEGER, engineDate: undefined, at: 0 }),
  forget: () => undefined,
  fetchV2AsUser: async (_req, path, init) => {
    asUser.push({ path, method: init?.method, csrf: init?.headers?.['X-CSRF-TOKEN'] });
    return new Response(null, { status: 503 });
  },
};

let dataDir: string;
/** What the monitor logged (the feeder's failures). */
const logged: string[] = [];
let monitor: MonitorWebApp;
/** The server's clock when a test moves it (else the real one). */
let clock: number | undefined;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-router-'));
  // (admitAll's /v2 answers 503: the report goes without the clerks' names)
  monitor = monitorWebApp({ dataDir, log: (line) => logged.push(line), now: () => clock ?? Date.now() });
  const app = express();
  app.use('/monitor/api', monitor.api!(admitAll));
  server = await new Promise<Server>((listening) => {
    const started = app.listen(0, '127.0.0.1', () => listening(started));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((closed) => server?.close(closed));
  await monitor?.close?.();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /monitor/api/report.xlsx', () => {
  it('should name the download in Chinese, with an ASCII name for clients that read only the plain filename', async () => {
    // when
    const response = await fetch(`${baseUrl}/monitor/api/report.xlsx?period=custom&from=2026-11-01&to=2026-11-30&now=2026-12-01`);
    await response.arrayBuffer();

    // then
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const header = response.headers.get('content-disposition')!;
    expect(header).toBe(`attachment; filename=report.xlsx; filename*=UTF-8''${encodeURIComponent('业务监控月报_2026-11-01_2026-11-30.xlsx')}`);
    expect(parseContentDisposition(header)).toEqual({ type: 'attachment', parameters: { filename: '业务监控月报_2026-11-01_2026-11-30.xlsx' } });
    // the clerks' names asked on the manager's behalf (their address and login), a cookie session's search with its token
    expect(asUser).toEqual([{ path: '/v2/users/search', method: 'POST', csrf: 'the-token' }]);
  });
});

describe('GET /monitor/api/status while the read model is rebuilt', () => {
  it('should say how far the read model has read until every date stream has reached the present', async () => {
    // given
    const feeder = monitor.feedFrom(longHistory, { autoStart: false });
    const status = async () => ((await (await fetch(`${baseUrl}/monitor/api/status`)).json()) as { freshness: Freshness }).freshness;

    // when a first pass reads 50 whole pages of cases started
    await feeder.syncOnce();

    // then the 50,000th case started on 2024-02-04 (34 days 17 h 19 min after the first)
    expect(await status()).toMatchObject({ readUpTo: '2024-02-04', ageSeconds: expect.any(Number) });

    // when the next pass reads the rest (a page short of its limit)
    await feeder.syncOnce();

    // then it has caught up
    expect((await status()).readUpTo).toBeUndefined();
    expect(feeder.status()).toMatchObject({ caughtUp: true, passes: 2 });
  });
});

describe('GET /monitor/api/status while the read model\'s passes fail', () => {
  it('should say since when they fail and when the figures were last read, the failure\'s text only in the log', async () => {
    // given a feeder whose cluster refuses the connection while `failure` is set, after a pass that worked
    const technical = 'connect ECONNREFUSED 10.0.0.7:8080';
    let failure: Error | undefined;
    const reader: ClusterReader = { search: (path, body) => (failure ? Promise.reject(failure) : longHistory.search(path, body)) };
    const feeder = monitor.feedFrom(reader, { autoStart: false });
    const status = async () => {
      const text = await (await fetch(`${baseUrl}/monitor/api/status`)).text();
      const answer = JSON.parse(text) as { freshness: Freshness; feederFailingSince?: number };
      return { text, freshness: answer.freshness, feederFailingSince: answer.feederFailingSince };
    };
    await feeder.syncOnce();
    const lastPassAt = feeder.status().lastPassAt!;
    expect((await status()).freshness).toMatchObject({ lastPassAt });
    expect((await status()).freshness.failingSince).toBeUndefined();
    expect((await status()).feederFailingSince).toBeUndefined();

    // when three passes fail alike
    failure = new Error(technical);
    const before = Date.now();
    for (let pass = 0; pass < 3; pass += 1) await expect(feeder.syncOnce()).rejects.toThrow('ECONNREFUSED');
    const after = Date.now();

    // then within the grace (60 s) the status says how old the figures are and nothing of a failure, which the log has
    const glitch = (await status()).freshness;
    expect(glitch.failingSince).toBeUndefined();
    expect(glitch).toMatchObject({ lastPassAt });
    // (an administrator's probe reads the feeder's own, from the first failed pass)
    expect((await status()).feederFailingSince).toBe(feeder.status().failingSince);
    expect(feeder.status().failingSince).toBeGreaterThanOrEqual(before);
    expect(logged.filter((line) => line.includes(technical))).toEqual([`[monitor] read model pass failed: ${technical}`]);

    // when the server's clock is past the grace since the last pass that worked
    clock = lastPassAt + 60_000;

    // then the status dates the outage by its first failed pass and says when the figures were last read, without the
    // failure's text; the log has that, once
    const failing = await status();
    expect(failing.freshness.failingSince).toBeGreaterThanOrEqual(before);
    expect(failing.freshness.failingSince).toBeLessThanOrEqual(after);
    expect(failing.freshness.lastPassAt).toBe(lastPassAt);
    expect(failing.feederFailingSince).toBe(failing.freshness.failingSince);
    expect(failing.text).not.toContain('ECONNREFUSED');
    expect(failing.text).not.toContain('10.0.0.7');
    // and so do the answers of 逾期与临期 and of the durations, whose pages show the same line
    const { processes } = (await (await fetch(`${baseUrl}/monitor/api/catalog`)).json()) as { processes: { processId: string }[] };
    for (const route of ['open-cases?kind=dueSoon', `durations?period=month&processId=${processes[0]!.processId}`]) {
      const answer = await fetch(`${baseUrl}/monitor/api/${route}`);
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { freshness: Freshness }).freshness).toEqual(failing.freshness);
    }
    expect(logged.filter((line) => line.includes(technical))).toEqual([`[monitor] read model pass failed: ${technical}`]);
    // and the monthly report says it in its 说明 sheet and under 概览's table, as of its last sync (office time)
    const report = new ExcelJS.Workbook();
    await report.xlsx.load((await (await fetch(`${baseUrl}/monitor/api/report.xlsx?period=month&now=2026-12-07`)).arrayBuffer()) as never);
    const notes = new Map((report.getWorksheet('说明')!.getSheetValues().filter(Array.isArray) as unknown[][]).map((values) => [values[1], values[2]]));
    const outage = `自 ${formatDateTime(failing.freshness.failingSince!)} 起未能同步数据：本报表的数字停留在最后同步时间，可能落后于实际办理情况。请联系系统管理员（服务器日志记有原因）。`;
    expect(notes.get('数据最后同步时间')).toBe(formatDateTime(lastPassAt));
    expect(notes.get('同步状态')).toBe(outage);
    const summary = report.getWorksheet('概览')!.getSheetValues().filter(Array.isArray) as unknown[][];
    expect(summary.at(-1)![1]).toBe(`数据最后同步时间：${formatDateTime(lastPassAt)}；${outage}（详见「说明」工作表）`);
    expect(JSON.stringify(report.worksheets.map((sheet) => sheet.getSheetValues()))).not.toContain('ECONNREFUSED');
    const since = failing.freshness.failingSince;
    await expect(feeder.syncOnce()).rejects.toThrow('ECONNREFUSED');
    expect((await status()).freshness.failingSince).toBe(since);

    // when the cluster answers again
    failure = undefined;
    clock = undefined;
    await feeder.syncOnce();

    // then the status says nothing of a failure any more, and the figures are as of that pass
    const back = (await status()).freshness;
    expect(back.failingSince).toBeUndefined();
    expect((await status()).feederFailingSince).toBeUndefined();
    expect(back.lastPassAt).toBeGreaterThan(lastPassAt);
  });
});

describe('the status /monitor/api/status carries after a restart while the passes fail', () => {
  it('should say the figures stand at the last pass before the restart, and date the outage by the failed pass\'s start', async () => {
    // given a monitor whose pass worked, then stopped (its read model kept in the folder)
    const folder = mkdtempSync(join(tmpdir(), 'monitor-restart-'));
    try {
      const before = monitorWebApp({ dataDir: folder, log: () => undefined });
      await before.feedFrom(longHistory, { autoStart: false }).syncOnce();
      const lastPassAt = before.feeder()!.status().lastPassAt!;
      await before.close?.();

      // when the server starts again on that folder while the cluster is down, and its first pass fails slowly (on the
      // feeder's clock, the test's: the search is refused a minute after it was asked)
      let clock = Date.now();
      const after = monitorWebApp({ dataDir: folder, log: () => undefined, feederNow: () => clock });
      const reader: ClusterReader = {
        search: () => {
          clock += 60_000;
          return Promise.reject(new Error('connect ETIMEDOUT 10.0.0.7:8080'));
        },
      };
      const feeder = after.feedFrom(reader, { autoStart: false });
      const started = clock;
      await expect(feeder.syncOnce()).rejects.toThrow('ETIMEDOUT');
      const status = feeder.status();
      await after.close?.();

      // then the figures stand at the pass before the restart, and the outage began when the failed pass started
      expect(status.lastPassAt).toBe(lastPassAt);
      expect(status.failingSince).toBeGreaterThanOrEqual(started);
      expect(status.failingSince).toBeLessThan(started + 150);
      expect(status.earlierFigures).toBeUndefined();

      // when the file is one of a monitor that kept no pass's time (its figures read all the same), started again so
      const older = monitorWebApp({ dataDir: folder, log: () => undefined });
      older.store().setMeta('lastPassAt', '');
      await older.close?.();
      const again = monitorWebApp({ dataDir: folder, log: () => undefined });
      const feederAgain = again.feedFrom(reader, { autoStart: false });
      await expect(feederAgain.syncOnce()).rejects.toThrow('ETIMEDOUT');
      const unknown = feederAgain.status();
      await again.close?.();

      // then the status says the file holds figures of an earlier run, of a time unknown (not: no figures)
      expect(unknown.lastPassAt).toBeUndefined();
      expect(unknown.earlierFigures).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('GET /monitor/api/status without a monitor service account', () => {
  it('should say the read model is not connected (unconnected), with no figures\' time and no outage', async () => {
    // given a monitor whose server was given no services (no service account to read /v2 with): no feeder
    const folder = mkdtempSync(join(tmpdir(), 'monitor-unconnected-'));
    const alone = monitorWebApp({ dataDir: folder, log: () => undefined });
    const app = express();
    app.use('/monitor/api', alone.api!(admitAll));
    const listening = await new Promise<Server>((ready) => {
      const started = app.listen(0, '127.0.0.1', () => ready(started));
    });
    try {
      // when
      const response = await fetch(`http://127.0.0.1:${(listening.address() as AddressInfo).port}/monitor/api/status`);
      const { freshness } = (await response.json()) as { freshness: Freshness };

      // then
      expect(response.status).toBe(200);
      expect(alone.feeder()).toBeUndefined();
      expect(freshness).toMatchObject({ unconnected: true, ageSeconds: null, lastPassAt: null });
      expect(freshness.failingSince).toBeUndefined();
      expect(freshness.earlierFigures).toBeUndefined();
    } finally {
      await new Promise((closed) => listening.close(closed));
      await alone.close?.();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('GET /monitor/api/overview and /open-cases before the office calendar', () => {
  async function problemOf(path: string): Promise<{ status: number; contentType: string | null; title: string; detail: string }> {
    const response = await fetch(`${baseUrl}/monitor/api/${path}`);
    const body = (await response.json()) as { title: string; detail: string };
    return { status: response.status, contentType: response.headers.get('content-type'), title: body.title, detail: body.detail };
  }

  it("should answer 400 in Chinese, not 500, for a now in a year before the holiday files, naming today, not the period", async () => {
    // when a page whose clock went back to 1970 asks for today's figures
    const problem = await problemOf('overview?period=today&now=1969-12-31T23:59:59.000Z');

    // then the answer says today lies before the calendar, and only where it starts (later years are counted on the
    // provisional schedule, not refused)
    expect(problem.status).toBe(400);
    expect(problem.contentType).toContain('application/problem+json');
    expect(problem.title).toBe('请求有误');
    expect(problem.detail).toMatch(/^当前日期（1970 年）超出办公日历：办公日历自 \d{4} 年起，请核对系统时钟$/);
  });

  it('should answer 400 the same way for the lists of overdue and due-soon cases (counted from today)', async () => {
    for (const kind of ['overdue', 'dueSoon']) {
      // when the page whose clock went back asks for a list
      const problem = await problemOf(`open-cases?kind=${kind}&now=1970-01-05T01:00:00.000Z`);

      // then
      expect(problem.status).toBe(400);
      expect(problem.contentType).toContain('application/problem+json');
      expect(problem.title).toBe('请求有误');
      expect(problem.detail).toMatch(/^当前日期（1970 年）超出办公日历：办公日历自 \d{4} 年起，请核对系统时钟$/);
    }
  });

  it('should answer a period before the calendar asked today (read by date), and a today after its last year with a notice', async () => {
    // when a manager today asks for a period of 1999 (no working day is counted in it)
    const before = await fetch(`${baseUrl}/monitor/api/overview?period=custom&from=1999-01-01&to=1999-12-31&now=2026-12-01`);

    // then its figures are answered (none)
    expect(before.status).toBe(200);

    // when she asks, on a day far after the last year with a notice, for its figures and lists
    const later = await fetch(`${baseUrl}/monitor/api/overview?period=month&now=2099-06-15T02:00:00.000Z`);
    const list = await fetch(`${baseUrl}/monitor/api/open-cases?kind=dueSoon&now=2099-06-15T02:00:00.000Z`);

    // then they are answered (on the provisional schedule), not refused as outside the calendar
    expect(later.status).toBe(200);
    expect(list.status).toBe(200);
  });
});
