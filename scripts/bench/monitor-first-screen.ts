/**
 * Mode (m): the monitor over a read model of a million completed and a hundred thousand open cases
 * (monitor-engine-process.ts), as a manager sees it:
 * - the first screen in headless Chromium, from navigating to /monitor/ (signed in already) until the overview
 *   shows its figures and both charts have drawn; cold = a fresh browser profile, warm = the same profile again
 *   (a new tab each load). Timed by this process from `goto` until the page reports the frame in which it shows,
 *   after that frame's paint (the goal's figure), and by the page's own clock (reported-first-screen.ts);
 * - the overview route alone (`GET /monitor/api/overview`) over three years (every seeded case in range);
 * - how fresh it stays: the benchmark starts and completes `completions` cases of the benchmark process through
 *   /v2 while the feeder runs as in service; the figure is the time from the last completion acknowledged until
 *   the overview counts all of them.
 */
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../render/bpmn-renderer.js';
import { firstScreenInitScript, timeFirstScreen } from './reported-first-screen.js';
import { BENCH_AUTHORIZATION } from './bench-credentials.js';
import { BENCH_JOB_TYPE, BENCH_PROCESS_ID } from './bench-process.js';

/** The first screen's condition, checked in the page on every frame and by its own observer alike. */
const SHOWN = () =>
  document.querySelector('[data-testid=kpi-open]') !== null &&
  document.querySelector('[data-testid=open-chart][data-ready=true]') !== null &&
  document.querySelector('[data-testid=cycle-chart][data-ready=true]') !== null;

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const MONITOR_MANAGER = { username: 'sun-qiang', password: 'demo' } as const;

export interface MonitorResult {
  cold: number[];
  warm: number[];
  /** The same loads by the page's own clock: navigation start → the first screen shown (ms). */
  coldInPage: number[];
  warmInPage: number[];
  /** Latencies of the overview route over three years. */
  overview: number[];
  /** What the first screen showed: cases open, and the cases the three-year overview counted (started). */
  open: string;
  started: number;
  /** Last completion acknowledged → all counted by the overview (ms), and how long the completions took. */
  catchUpMs: number;
  completions: number;
  completingMs: number;
  loadAverage: number;
}

export async function measureMonitor(url: string, options: { cold: number; warm: number; overviewRequests: number; completions: number }): Promise<MonitorResult> {
  const session = await login(url);
  const cookie = `camunda-session=${session}`;
  const overviewOf = async (query: string) => {
    const response = await fetch(`${url}/monitor/api/overview?${query}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`overview: ${response.status} ${await response.text()}`);
    return (await response.json()) as { totals: { started: number; completed: number } };
  };

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const cold: number[] = [];
  const warm: number[] = [];
  const coldInPage: number[] = [];
  const warmInPage: number[] = [];
  let open = '';
  try {
    const host = new URL(url).hostname;
    const profile = async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await context.addCookies([{ name: 'camunda-session', value: session, domain: host, path: '/', httpOnly: true, sameSite: 'Lax' }]);
      await context.addInitScript(firstScreenInitScript(SHOWN));
      return context;
    };
    const load = async (context: Awaited<ReturnType<typeof profile>>) => {
      const { page, elapsed, inPage } = await timeFirstScreen(context, `${url}/monitor/`, SHOWN);
      open = await page.getByTestId('kpi-open').innerText();
      await page.close();
      return { elapsed, inPage };
    };
    for (let i = 0; i < options.cold; i++) {
      const context = await profile();
      const { elapsed, inPage } = await load(context);
      cold.push(elapsed);
      coldInPage.push(inPage);
      await context.close();
    }
    const context = await profile();
    await load(context); // fills the cache
    for (let i = 0; i < options.warm; i++) {
      const { elapsed, inPage } = await load(context);
      warm.push(elapsed);
      warmInPage.push(inPage);
    }
    await context.close();
  } finally {
    await browser.close();
  }

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const threeYears = `period=custom&from=${Number(today.slice(0, 4)) - 3}${today.slice(4)}&to=${today}`;
  const overview: number[] = [];
  let started = 0;
  for (let i = 0; i < 5 + options.overviewRequests; i++) {
    const begun = performance.now();
    started = (await overviewOf(threeYears)).totals.started;
    if (i >= 5) overview.push(performance.now() - begun);
  }

  const before = (await overviewOf('period=today')).totals.completed;
  const completing = performance.now();
  await completeCases(url, options.completions);
  const acknowledged = performance.now();
  const completingMs = acknowledged - completing;
  for (;;) {
    if ((await overviewOf('period=today')).totals.completed >= before + options.completions) break;
    if (performance.now() - acknowledged > 120_000) throw new Error('the read model did not catch up within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { cold, warm, coldInPage, warmInPage, overview, open, started, catchUpMs: performance.now() - acknowledged, completions: options.completions, completingMs, loadAverage: loadavg()[0]! };
}

// helpers

async function login(url: string): Promise<string> {
  const response = await fetch(new URL('/login', url), { method: 'POST', body: new URLSearchParams(MONITOR_MANAGER) });
  if (response.status !== 204) throw new Error(`login of ${MONITOR_MANAGER.username}: ${response.status}`);
  const session = /camunda-session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error('login set no camunda-session cookie');
  return session;
}

/** Starts `count` cases of the benchmark process and completes their jobs (32 requests at a time). */
async function completeCases(url: string, count: number): Promise<void> {
  const post = async (path: string, body: object) => {
    const response = await fetch(`${url}/v2${path}`, {
      method: 'POST',
      headers: { authorization: BENCH_AUTHORIZATION, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST /v2${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : ((await response.json()) as unknown);
  };
  let created = 0;
  const creators = Array.from({ length: 32 }, async () => {
    while (created < count) {
      created += 1;
      await post('/process-instances', { processDefinitionId: BENCH_PROCESS_ID });
    }
  });
  await Promise.all(creators);
  let completed = 0;
  while (completed < count) {
    const { jobs } = (await post('/jobs/activation', { type: BENCH_JOB_TYPE, maxJobsToActivate: 128, timeout: 60_000, worker: 'bench-monitor', requestTimeout: 1_000 })) as {
      jobs: { jobKey: string }[];
    };
    for (let i = 0; i < jobs.length; i += 32) {
      await Promise.all(jobs.slice(i, i + 32).map((job) => post(`/jobs/${job.jobKey}/completion`, {})));
    }
    completed += jobs.length;
  }
}
