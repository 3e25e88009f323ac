/**
 * What the web apps' browser tests drive (the task list's, the monitor's): the process harness (embedded engine, models and forms deployed,
 * real job workers, clock pinned) with the web apps mounted on the engine's server exactly as `npm start`
 * mounts them, and headless Chromium (playwright-core, Debian's /usr/bin/chromium) with one browser context per
 * clerk, so each has their own session cookie.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../../scripts/render/bpmn-renderer.js';
import { ensureWebAppsBuilt } from '../../web-shared/build/ensure-web-apps-built.js';
import { DEMO_PASSWORD, deploy } from './engine-fixture.js';
import { startProcessHarness, type ProcessHarness, type ProcessHarnessOptions } from './process-harness.js';
import { readModelCaughtUp } from './read-model-caught-up.js';
import { serviceAccount, webAppsOnEngine } from './web-apps-on-engine.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // headless Chromium 156 loads the address bar's drop-down (chrome://omnibox-popup, and its AI-mode page) as web
  // pages of their own in every new context's window, which no test shows: measured here, about half of Chromium's
  // CPU per new context (plain page: 2.0 s → 1.05 s; a login to the task list: 4.7 s → 2.7 s). Chromium merges this
  // with Playwright's own --disable-features.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/**
 * The login page on `page` filled in as a user does — 用户名, 密码 (the demo password unless told) — and 登录 pressed:
 * the same page in every web app. The caller waits for what it expects to come next (the app, a notice).
 */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The office screen the task list is made for. */
export const OFFICE_VIEWPORT = { width: 1366, height: 768 };

/** How `openMonitorAs` opens the monitor. */
export interface OpenMonitorOptions {
  /** Not the demo password. */
  password?: string;
  /** A clock the test moves (`page.clock`), installed before the app's first page runs. */
  clock?: boolean;
}

export interface TasklistHarness {
  harness: ProcessHarness;
  url: string;
  browser: Browser;
  /** A fresh browser context (own cookies) on the task list, logged in as `username` (demo password). */
  loginAs(username: string, password?: string, options?: LoginOptions): Promise<Page>;
  /** The same on the monitor (/monitor); resolves once the page shows the monitor or says it is not allowed. */
  openMonitorAs(username: string, options?: OpenMonitorOptions): Promise<Page>;
  /**
   * Resolves once the monitor's read model holds everything the engine had at the call: a pass of its feeder begun
   * after it has ended, caught up (read-model-caught-up.ts, from the feeder's status; with `monitor`). Call it before opening or
   * reloading a monitor page whose figures the test then polls: 首页 refreshes itself only every 30 s, so a page
   * opened before the pass that reads the test's cases ended would show their figures too late.
   */
  readModelCaughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export interface LoginOptions {
  /** Playwright's clock installed on the context before the app's first page runs (the test moves it). */
  clock?: boolean;
  /** Where in the task list to sign in (e.g. `tasks/<key>`: the task's page comes back after the login). */
  path?: string;
  /**
   * How: through the login page (default), or with the login form's POST /login before the first page (a test that
   * does not look at the login page: the page then opens signed in, one load less).
   */
  via?: 'login-page' | 'request';
}

/** How long {@link TasklistHarness.readModelCaughtUp} waits: a pass takes well under a second here, on a busy machine a few. */
const READ_MODEL_WAIT_MS = 30_000;

export interface WebAppsHarnessOptions extends Omit<ProcessHarnessOptions, 'extend'> {
  /** Feed the monitor's read model (its own service account with the role monitor-reader), as npm start does. */
  monitor?: boolean;
  /** The SESSION_MAX_HOURS the web apps are told, as npm start tells them its own (the task list's drafts live as long). */
  sessionMaxHours?: number;
}

export async function startTasklistHarness(options: WebAppsHarnessOptions = {}): Promise<TasklistHarness> {
  await ensureWebAppsBuilt();
  const webDataDir = mkdtempSync(join(tmpdir(), 'tasklist-web-'));
  const apps = webAppsOnEngine({ dataDir: webDataDir, sessionMaxHours: options.sessionMaxHours });
  const harness = await startProcessHarness({ ...options, extend: apps.extend });
  const url = harness.fixture.url;
  apps.listening(url);
  // people's names come through the session layer's own account (role name-reader), as npm start gives it
  const nameReader = await serviceAccount(harness.fixture, { username: 'name-reader', role: 'name-reader', name: '人员姓名读取服务账号' });
  apps.web.readNamesAs(nameReader.camunda);
  if (options.monitor) {
    const monitorReader = await serviceAccount(harness.fixture, { username: 'monitor-reader', role: 'monitor-reader', name: '业务监控读取服务账号' });
    apps.web.start({ camunda: monitorReader.camunda });
  }
  // the browser's language is English on purpose: the task list must not depend on it being Chinese
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--lang=en-US'] });
  const contexts: BrowserContext[] = [];
  return {
    harness,
    url,
    browser,
    async loginAs(username, password = DEMO_PASSWORD, { clock = false, path = '', via = 'login-page' } = {}) {
      const context = await browser.newContext({ viewport: OFFICE_VIEWPORT, locale: 'en-US', timezoneId: 'Europe/Berlin' });
      contexts.push(context);
      // (installed before the app's first page runs, as openMonitorAs does: no second load for it)
      if (clock) await context.clock.install();
      if (via === 'request') {
        const login = await context.request.post(`${url}/login`, { form: { username, password } });
        if (!login.ok()) throw new Error(`POST /login as ${username} answered ${login.status()}`);
      }
      const page = await context.newPage();
      await page.goto(`${url}/tasklist/${path}`);
      if (via === 'login-page') await submitLogin(page, username, password);
      await page.locator('.task-list-panel').waitFor();
      return page;
    },
    async openMonitorAs(username, { password = DEMO_PASSWORD, clock = false } = {}) {
      const context = await browser.newContext({ viewport: OFFICE_VIEWPORT, locale: 'en-US', timezoneId: 'Europe/Berlin', acceptDownloads: true });
      contexts.push(context);
      // installed before any page of the app runs: installing it later sets the fake clock to 0 first, so a page
      // that had read the server's time would count "now" from 1970
      if (clock) await context.clock.install();
      const page = await context.newPage();
      await page.goto(`${url}/monitor/`);
      await submitLogin(page, username, password);
      // the page, or a failure or 无权访问 notice (div.page-status), never the loading line (p.page-status)
      await page.locator('.monitor-page, div.page-status').first().waitFor();
      return page;
    },
    async readModelCaughtUp() {
      const feeder = apps.monitor.feeder();
      if (!feeder) throw new Error('the monitor has no read model feeder: start the harness with monitor: true');
      await readModelCaughtUp(feeder, READ_MODEL_WAIT_MS);
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      // the monitor's feeder stops before the engine it reads
      await apps.close();
      await harness.stop();
      rmSync(webDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The web apps with none of the sample processes deployed, only the test's BPMN `models` (XML by process id, deployed
 * in this order: a called process before its caller), the clock pinned to Monday 2026-03-02 09:30 in Xining unless
 * `now` says otherwise: what the browser tests on processes of their own start from.
 */
export async function startTasklistWithModels(models: Record<string, string>, options: Omit<WebAppsHarnessOptions, 'processes'> = {}): Promise<TasklistHarness> {
  const t = await startTasklistHarness({ processes: [], now: '2026-03-02T09:30:00+08:00', ...options });
  try {
    if (Object.keys(models).length > 0) await deploy(t.harness.client, Object.entries(models).map(([id, content]) => ({ name: `${id}.bpmn`, content })));
  } catch (error) {
    // (the caller gets no harness to stop)
    await t.stop();
    throw error;
  }
  return t;
}
