/**
 * What the monitor's browser tests on processes of their own start from: the web apps on the engine with the
 * monitor's read model fed, none of the sample processes deployed but the test's BPMN models, the clock pinned to
 * Monday 2026-03-02 09:30 in Xining unless `now` says otherwise (startTasklistWithModels); then a case's page opened
 * as the manager.
 */
import type { Page } from 'playwright-core';
import { startTasklistWithModels, type TasklistHarness, type WebAppsHarnessOptions } from './tasklist-browser.js';

/** 孙强 (config/users.json), a manager: the monitor's user in these tests. */
export const MANAGER = 'sun-qiang';

/** `models`: BPMN XML by process id, deployed in this order (a called process before its caller). */
export async function startMonitorHarness(models: Record<string, string> = {}, options: Omit<WebAppsHarnessOptions, 'processes' | 'monitor'> = {}): Promise<TasklistHarness> {
  return startTasklistWithModels(models, { ...options, monitor: true });
}

/** The manager's monitor on the page of the case `key`, once `shown` (a selector) is on it. */
export async function openCaseAsManager(t: TasklistHarness, key: string, shown: string): Promise<Page> {
  const page = await t.openMonitorAs(MANAGER);
  await page.goto(`${t.url}/monitor/instances/${key}`);
  await page.locator(shown).waitFor();
  return page;
}
