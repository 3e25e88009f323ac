/**
 * Mode (t): the task list's first screen with many open tasks, in headless Chromium as a clerk sees it: from
 * navigating to /tasklist/ (signed in already) until the 待认领 list shows its first page (tasks with applicant,
 * masked ID number and due state) and the counts of both lists. Cold = a fresh browser profile (nothing cached:
 * the bundle is downloaded and parsed); warm = the same profile again (the hashed bundle comes from the cache,
 * as for a clerk who had the page open before). Loads go one after another. Timed as (m) times its first screen:
 * from `goto` until the page reports the frame in which it shows, after that frame's paint (reported-first-screen.ts;
 * until the thirteenth session Playwright's polling found it, which added its own script and round trips).
 */
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../render/bpmn-renderer.js';
import { CLERK } from './task-search.js';
import { percentile } from './instance-tracker.js';
import { firstScreenInitScript, timeFirstScreen } from './reported-first-screen.js';

/** The first screen: 待认领's first page with its due badges, and the list's count read (no longer …). */
const SHOWN = () =>
  document.querySelectorAll('.task-item .due-badge').length > 0 && !/…/.test(document.querySelector('[data-testid=count-claimable]')?.textContent ?? '…');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface FirstScreenResult {
  cold: number[];
  warm: number[];
  /** Rows shown on the first screen and the 待认领 count it showed. */
  rows: number;
  count: string;
  /** The machine's 1-minute load average at the end (2 cores: above ~2 other programs competed). */
  loadAverage: number;
}

export async function measureFirstScreen(url: string, options: { cold: number; warm: number }): Promise<FirstScreenResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // a session cookie for the clerk, shared by every profile (logging in is not part of the first screen)
    const login = await fetch(new URL('/login', url), { method: 'POST', body: new URLSearchParams({ username: CLERK.username, password: CLERK.password }) });
    if (login.status !== 204) throw new Error(`login of ${CLERK.username}: ${login.status}`);
    const session = /camunda-session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!session) throw new Error('login set no camunda-session cookie');
    const host = new URL(url).hostname;

    const profile = async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await context.addCookies([{ name: 'camunda-session', value: session, domain: host, path: '/', httpOnly: true, sameSite: 'Lax' }]);
      // (the stored view is the tab's private data, its owner's: web-shared private-data.ts)
      await context.addInitScript((owner) => {
        sessionStorage.setItem('private:owner', owner);
        sessionStorage.setItem('private:tasklist.query', JSON.stringify({ list: 'claimable', sort: 'dueDate' }));
      }, CLERK.username);
      await context.addInitScript(firstScreenInitScript(SHOWN));
      return context;
    };
    const load = async (context: Awaited<ReturnType<typeof profile>>) => {
      const { page, elapsed } = await timeFirstScreen(context, `${url}/tasklist/`, SHOWN);
      const shown = { rows: await page.locator('.task-item').count(), count: await page.getByTestId('count-claimable').innerText() };
      await page.close();
      return { elapsed, ...shown };
    };

    const cold: number[] = [];
    const warm: number[] = [];
    let last = { rows: 0, count: '' };
    for (let i = 0; i < options.cold; i++) {
      const context = await profile();
      const result = await load(context);
      cold.push(result.elapsed);
      last = result;
      await context.close();
    }
    const context = await profile();
    await load(context); // fills the cache
    for (let i = 0; i < options.warm; i++) {
      const result = await load(context);
      warm.push(result.elapsed);
      last = result;
    }
    await context.close();
    return { cold, warm, ...last, loadAverage: loadavg()[0]! };
  } finally {
    await browser.close();
  }
}

export function summary(values: number[]) {
  return { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
}
