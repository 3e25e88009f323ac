/**
 * What the monitor's browser tests on processes of their own start from: the web apps on the engine with the
 * monitor's read model fed and none of the sample processes deployed (startTasklistHarness), the clock pinned to
 * Monday 2026-03-02 09:30 in Xining unless `now` says otherwise, and the test's BPMN models deployed; then a case's
 * page opened as the manager.
 */
import type { Page } from 'playwright-core';
import { deploy } from './engine-fixture.js';
import { startTasklistHarness, type TasklistHarness, type WebAppsHarnessOptions } from './tasklist-browser.js';

/** 孙强 (config/users.json), a manager: the monitor's user in these tests. */
export const MANAGER = 'sun-qiang';

/** `models`: BPMN XML by process id, deployed in this order (a called process before its caller). */
export async function startMonitorHarness(models: Record<string, string> = {}, options: Omit<WebAppsHarnessOptions, 'processes' | 'monitor'> = {}): Promise<TasklistHarness> {
  const t = await startTasklistHarness({ processes: [], monitor: true, now: '2026-03-02T09:30:00+08:00', ...options });
  try {
    if (Object.keys(models).length > 0) await deploy(t.harness.client, Object.entries(models).map(([id, content]) => ({ name: `${id}.bpmn`, content })));
  } catch (error) {
    // (the caller gets no harness to stop)
    await t.stop();
    throw error;
  }
  return t;
}

/** The manager's monitor on the page of the case `key`, once `shown` (a selector) is on it. */
export async function openCaseAsManager(t: TasklistHarness, key: string, shown: string): Promise<Page> {
  const page = await t.openMonitorAs(MANAGER);
  await page.goto(`${t.url}/monitor/instances/${key}`);
  await page.locator(shown).waitFor();
  return page;
}
