/**
 * What an analyst does on the modeler's page, for its browser tests: select an element from the element list,
 * open a group of the properties panel, find where to drop a task on a flow, apply an element template.
 */
import type { Page } from 'playwright-core';
import { vi } from 'vitest';

export async function selectElement(page: Page, id: string): Promise<void> {
  await page.locator(`.element-row[data-element="${id}"]`).click();
  await page.locator('.bpmn-properties #bio-properties-panel-id').waitFor({ state: 'attached' }).catch(() => undefined);
}

/** Opens a group of the properties panel by its title (a closed group shows no fields). */
export async function openGroup(page: Page, title: string): Promise<void> {
  const header = page.locator('.bio-properties-panel-group-header', { has: page.locator('.bio-properties-panel-group-header-title', { hasText: title }) }).first();
  if (!(await header.getAttribute('class'))?.includes('open')) await header.click();
}

/** The screen point in the middle of the longest horizontal run of a sequence flow. */
export function longestHorizontalRun(page: Page, flowId: string): Promise<{ x: number; y: number }> {
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
