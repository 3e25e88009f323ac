/**
 * What an analyst does on the modeler's page, for its browser tests: open a model and wait for its clean lint,
 * select an element from the element list, open a group of the properties panel, rename an element, drop a named
 * task on a flow, write an element's 说明, apply an element template, save with a 修改说明.
 */
import type { Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import type { ModelerHarness } from './modeler-browser.js';

/**
 * Logs the analyst 刘芳 in on the modeler, opens `file` from the project view she lands on, and waits for its
 * diagram and for the live lint to find nothing wrong in it.
 */
export async function openModelAsAnalyst(h: Pick<ModelerHarness, 'loginAs'>, file: string): Promise<Page> {
  const page = await h.loginAs('liu-fang');
  await page.locator(`a[data-file="${file}"]`).first().click();
  await page.locator('.bpmn-canvas .djs-container').waitFor();
  await expectNoProblems(page);
  return page;
}

/** Waits until the live lint of the model open finds nothing wrong (the problems list says 没有发现问题). */
export async function expectNoProblems(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.problems-panel').innerText(), { timeout: 30_000 }).toContain('没有发现问题');
}

export async function selectElement(page: Page, id: string): Promise<void> {
  await page.locator(`.element-row[data-element="${id}"]`).click();
  await page.locator('.bpmn-properties #bio-properties-panel-id').waitFor({ state: 'attached' }).catch(() => undefined);
}

/** Opens a group of the properties panel by its title (a closed group shows no fields). */
export async function openGroup(page: Page, title: string): Promise<void> {
  const header = page.locator('.bio-properties-panel-group-header', { has: page.locator('.bio-properties-panel-group-header-title', { hasText: title }) }).first();
  if (!(await header.getAttribute('class'))?.includes('open')) await header.click();
}

/** Selects the element `id` from the element list and names it `name` in the 常规 group of the properties panel. */
export async function renameElement(page: Page, id: string, name: string): Promise<void> {
  await selectElement(page, id);
  await openGroup(page, '常规');
  const nameField = page.locator('#bio-properties-panel-name');
  await nameField.fill(name);
  await nameField.blur();
}

/** The id of the selected element, from the 常规 group of the properties panel. */
export async function selectedElementId(page: Page): Promise<string> {
  await openGroup(page, '常规');
  return page.locator('.bpmn-properties #bio-properties-panel-id').inputValue();
}

/** Writes `text` as the selected element's 说明 (documentation). */
export async function writeDocumentation(page: Page, text: string): Promise<void> {
  await openGroup(page, '说明');
  await page.locator('#bio-properties-panel-documentation').fill(text);
  await page.locator('#bio-properties-panel-documentation').blur();
}

/** Drops a new task from the palette onto the flow `flowId` (its longest horizontal run) and names it `name`. */
export async function dropTaskOnFlow(page: Page, flowId: string, name: string): Promise<void> {
  const point = await longestHorizontalRun(page, flowId);
  await page.locator('.djs-palette .entry[data-action="create.task"]').click();
  await page.mouse.move(point.x - 20, point.y - 20, { steps: 4 });
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await page.mouse.down();
  await page.mouse.up();
  // (into the label's box itself: on a busy PC the box shows before it has the focus, and typed keys went nowhere;
  // diagram-js may also close the box on a late event before the name lands — the analyst then names the task in
  // the properties panel's 常规, which an earlier step may have left folded, and so does the test)
  const label = page.locator('.djs-direct-editing-content');
  await label.fill(name, { timeout: 5_000 }).catch(() => undefined);
  if (await label.isVisible()) await label.press('Enter', { timeout: 5_000 }).catch(() => undefined);
  const nameField = page.locator('#bio-properties-panel-name');
  if ((await nameField.inputValue()) !== name) {
    await openGroup(page, '常规');
    await nameField.fill(name);
    await nameField.blur();
  }
  await expect.poll(() => nameField.inputValue()).toBe(name);
}

/** The screen point in the middle of the longest horizontal run of a sequence flow. */
function longestHorizontalRun(page: Page, flowId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const path = document.querySelector(`g.djs-connection[data-element-id="${id}"] .djs-visual > path`) as SVGPathElement;
    const total = path.getTotalLength();
    const points: DOMPoint[] = [];
    for (let length = 0; length <= total; length += 4) points.push(path.getPointAtLength(length));
    let best = { start: 0, end: 0 };
    let start = 0;
    for (let i = 1; i < points.length; i++) {
      if (Math.abs(points[i]!.y - points[start]!.y) > 0.5) start = i;
      if (i - start > best.end - best.start) best = { start, end: i };
    }
    const middle = points[Math.floor((best.start + best.end) / 2)]!;
    const matrix = path.getScreenCTM()!;
    return { x: middle.x * matrix.a + middle.y * matrix.c + matrix.e, y: middle.x * matrix.b + middle.y * matrix.d + matrix.f };
  }, flowId);
}

/**
 * Applies the element template named `name` to the selected element from the properties panel's chooser, and
 * waits until the panel shows the template's group `groupTitle`.
 */
export async function applyTemplate(page: Page, name: string, groupTitle: string): Promise<void> {
  // diagram-js closes the chooser on any command or viewbox change; when a late one (the label edit, a
  // scroll) lands right after it opened, the analyst opens it again, and so does the test
  await vi.waitFor(async () => {
    if (!(await page.locator('.djs-popup-search input').isVisible())) {
      await page.locator('.bpmn-properties').getByRole('button', { name: '选择' }).click({ timeout: 5_000 });
    }
    await page.locator('.djs-popup-search input').fill(name, { timeout: 5_000 });
    await page.locator('.djs-popup .entry', { hasText: name }).first().click({ timeout: 5_000 });
    // (a click the closing chooser swallowed applied nothing: a CI run under load went on without the template)
    await page.locator('.bio-properties-panel-group-header-title', { hasText: groupTitle }).first().waitFor({ timeout: 5_000 });
  }, { timeout: 60_000, interval: 200 });
}

/** Saves the model open with `reason` typed as its 修改说明 (Enter in the box), and waits for 已保存. */
export async function saveWithReason(page: Page, reason: string): Promise<void> {
  const box = page.getByRole('textbox', { name: '修改说明' });
  await box.fill(reason);
  await box.press('Enter');
  await page.locator('.banner.ok', { hasText: '已保存' }).waitFor();
}
