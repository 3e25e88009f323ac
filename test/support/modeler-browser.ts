/**
 * What the modeler's browser tests drive: the embedded engine with the web apps mounted as `npm start` mounts
 * them, the modeler editing a temporary git copy of the project, and headless Chromium (playwright-core,
 * Debian's /usr/bin/chromium) with one browser context per user; the Play sandbox behind `/play/v2` with its workers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startPlaySandbox, type PlaySandbox } from '../../scripts/play-sandbox.js';
import { CHROMIUM } from '../../scripts/render/bpmn-renderer.js';
import { ensureWebAppsBuilt } from '../../web-shared/build/ensure-web-apps-built.js';
import type { EngineServerOptions } from '../../engine/server.js';
import { DEFAULT_WORKER_OPTIONS } from '../../workers/runtime/register-job-workers.js';
import { jsonLinesLogger } from '../../workers/runtime/worker-logger.js';
import { loadWorkerParameters } from '../../workers/runtime/worker-parameters.js';
import { startEngine, type EngineFixture } from './engine-fixture.js';
import { copyModelerProject, type ModelerProject } from './modeler-project.js';
import { keepLintCache, seedLintCache } from './shared-lint-cache.js';
import { CHROMIUM_ARGS, OFFICE_VIEWPORT, submitLogin } from './tasklist-browser.js';
import { webAppsOnEngine } from './web-apps-on-engine.js';

export interface ModelerHarness {
  engine: EngineFixture;
  project: ModelerProject;
  /** The Play sandbox behind /play/v2, with its job workers, as npm start runs it. */
  sandbox: PlaySandbox;
  url: string;
  browser: Browser;
  /** A fresh browser context on the modeler, logged in as `username` (demo password). */
  loginAs(username: string, options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  stop(): Promise<void>;
}

export async function startModelerHarness(options: { extend?: EngineServerOptions['extend'] } = {}): Promise<ModelerHarness> {
  await ensureWebAppsBuilt();
  const project = copyModelerProject();
  const sandboxDir = mkdtempSync(join(tmpdir(), 'play-sandbox-'));
  const sandbox = await startPlaySandbox({
    dataDir: sandboxDir,
    workers: { parameters: loadWorkerParameters(), options: { ...DEFAULT_WORKER_OPTIONS, pollIntervalMs: 100 }, logger: jsonLinesLogger(() => undefined) },
  });
  // the lint results of the earlier test files, and the project lint begun at once as npm start begins it: the first
  // look at the project lints only what changed, beside the engine's and Chromium's start
  seedLintCache(project.dir);
  const apps = webAppsOnEngine({ dataDir: project.dir, modelerProjectDir: project.dir, warmUp: true });
  let url = '';
  const engine = await startEngine({
    extend: (app, mounted) => {
      apps.extend(app, mounted);
      sandbox.mount(app, { v2Url: () => url, ...mounted });
      options.extend?.(app, mounted);
    },
  });
  url = engine.url;
  apps.listening(url);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--lang=en-US'] });
  const contexts: BrowserContext[] = [];
  return {
    engine,
    project,
    sandbox,
    url,
    browser,
    async loginAs(username, loginOptions = {}) {
      const context = await browser.newContext({ viewport: loginOptions.viewport ?? OFFICE_VIEWPORT, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${url}/modeler/`);
      await submitLogin(page, username);
      return page;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await engine.stop();
      await sandbox.stop();
      rmSync(sandboxDir, { recursive: true, force: true });
      await apps.close();
      keepLintCache(project.dir, project.dir);
      project.remove();
    },
  };
}
