/**
 * 流程热力图 on a process deployed twice, in headless Chromium: the counts the manager reads are drawn on the diagram
 * of their own version only. Choosing another version reads its diagram and its counts apart; until its diagram is
 * read (or while that read fails), the counts of the version chosen are never drawn on the diagram of the one before.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutBpmnXml } from '../../scripts/layout/layout-bpmn-xml.js';
import { serviceTaskProcess } from '../support/bpmn.js';
import { deploy } from '../support/engine-fixture.js';
import { MANAGER, startMonitorHarness } from '../support/monitor-browser.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'monitor-heatmap-versions';
/** Both versions wait at the same task `wait` (a job nobody works): a version's counts would fit the other's diagram. */
const version = (name: string) => layoutBpmnXml(serviceTaskProcess('monitor-test-nobody-works-this', { processId: PROCESS_ID, task: 'wait', name }));

let t: TasklistHarness;
let page: Page;

beforeAll(async () => {
  // three cases waiting on version 1, one on version 2
  t = await startMonitorHarness({ [PROCESS_ID]: await version('热力图版本测试') });
  for (let i = 0; i < 3; i += 1) await t.harness.start(PROCESS_ID, {});
  await deploy(t.harness.client, [{ name: `${PROCESS_ID}.bpmn`, content: await version('热力图版本测试（第二版）') }]);
  await t.harness.start(PROCESS_ID, {});
  page = await t.openMonitorAs(MANAGER);
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

const badge = () => page.locator('.diagram-badge.badge-active[data-element="wait"]');

describe('流程热力图 across versions (/monitor/heatmap) in Chromium', { timeout: 120_000 }, () => {
  it('should draw a version’s counts only on its own diagram, none on the one before while its own is not read', async () => {
    // given the heatmap of the latest version: one case waiting
    await page.goto(`${t.url}/monitor/heatmap?process=${PROCESS_ID}`);
    await page.locator('.diagram[data-ready="true"]').waitFor();
    await expect.poll(() => badge().innerText()).toBe('1');

    // when she chooses version 1 while its diagram cannot be read (the network), its counts read all the same
    await page.route('**/v2/process-definitions/*/xml', (route) => route.abort('connectionreset'));
    const counted = page.waitForResponse((response) => /\/v2\/process-definitions\/\d+\/statistics\/element-instances$/.test(new URL(response.url()).pathname));
    await page.getByLabel('版本').selectOption({ label: '1' });
    await counted;

    // then the failure is said and no diagram shows version 1's three cases on version 2's drawing
    await expect.poll(() => page.locator('.banner.error').count()).toBeGreaterThan(0);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.locator('.diagram').count()).toBe(0);
    expect(await badge().count()).toBe(0);

    // and once the diagram reads again (R), version 1's is drawn with its three cases
    await page.unrouteAll({ behavior: 'wait' });
    await page.keyboard.press('r');
    await page.locator('.diagram[data-ready="true"]').waitFor();
    await expect.poll(() => badge().innerText()).toBe('3');
  });
});
