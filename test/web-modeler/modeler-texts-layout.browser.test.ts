/**
 * The web modeler on the office's 1366×768 screens, in headless Chromium: the analyst works in the form editor
 * (a tall canvas beside the palette and the properties, every property group reachable, side panels folded and
 * unfolded from its toolbar, the preview shown beside them from 1600 pixels on), and meets the library texts the
 * `translate` modules do not reach in Chinese: the element templates' titles in the properties panel and chooser,
 * the FEEL fields' titles, the replace menu's descriptions, dmn-js's drill-down and its hit policies with their DMN
 * names beside them. The diagram is fitted beside the palette as it opens, and once more after the first lint result
 * only when the analyst has not zoomed or scrolled meanwhile.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelerHarness, type ModelerHarness } from '../support/modeler-browser.js';
import { expectNoProblems, renameElement } from '../support/modeler-page.js';

const FORM = 'forms/fc20-settlement-review.form';
const FC20 = 'bpmn/xining-fc20-manual-reimbursement.bpmn';
const DMN = 'bpmn/statutory-time-limit.dmn';
const HAN = /\p{Script=Han}/u;

let h: ModelerHarness;
let analyst: Page;

beforeAll(async () => {
  h = await startModelerHarness();
  analyst = await h.loginAs('liu-fang', { viewport: { width: 1366, height: 768 } });
  await analyst.locator('a[data-file]').first().waitFor();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('web modeler at 1366×768 in Chromium', { timeout: 120_000 }, () => {
  it('should name the statutory time limits in the project view as the task list and the monitor do', async () => {
    // given the project view the analyst lands on after logging in
    const row = (file: string) => analyst.locator('tr', { has: analyst.locator(`a[data-file="${file}"]`) });
    await row(FC20).waitFor();

    // then a limit in working days and an immediate service read 15 个工作日 and 即时办结, as in 新办件 and 业务监控
    const cells = async (file: string) => (await row(file).locator('td').allInnerTexts()).map((text) => text.trim());
    expect(await cells(FC20)).toContain('15 个工作日');
    expect(await cells('bpmn/xining-fc05-flexible-employment-enrolment.bpmn')).toContain('即时办结');
    // and no limit in the column is written otherwise (即办, 5个工作日; the quoted sources elsewhere keep their wording)
    const table = analyst.locator('table', { has: analyst.locator('th', { hasText: '办理时限' }) }).first();
    const column = (await table.locator('th').allInnerTexts()).findIndex((text) => text.trim() === '办理时限');
    const limits = await table.locator(`tbody tr td:nth-child(${column + 1})`).allInnerTexts();
    expect(limits.length).toBeGreaterThan(20);
    expect(limits.filter((text) => /即办|\d个|\d日/.test(text))).toEqual([]);
  });

  it('should name a split flowchart\'s part once in the project view', async () => {
    // given the catalogue's title already names the part: 关系转移接续（转入）, subflow 转入
    const cell = analyst.locator('tr', { has: analyst.locator('a[data-file="bpmn/xining-fc11-transfer-in.bpmn"]') }).locator('td').first();

    // then
    expect(await cell.innerText()).toMatch(/^关系转移接续（转入）\s*xining-fc11-transfer-in$/);
  });

  it('should give the BPMN diagram the screen: problems in one line when there are none, the diagram beside the palette, 修改记录 over the properties', async () => {
    // when
    await analyst.goto(`${h.url}/modeler/edit/${FC20}`);
    await analyst.locator('.bpmn-canvas .djs-palette').waitFor();
    await expectNoProblems(analyst);

    // then the empty problems pane is one line, the canvas takes the height it gave up
    const problems = await box(analyst, '.problems-panel');
    expect(problems.height).toBeLessThanOrEqual(36);
    expect(problems.y + problems.height).toBeLessThanOrEqual(768);
    const canvas = await box(analyst, '.bpmn-canvas');
    expect(canvas.height).toBeGreaterThanOrEqual(540);
    expect(canvas.y + canvas.height).toBeLessThanOrEqual(problems.y + 1);
    // the fitted diagram starts right of the palette, which no longer hides its first lane's start
    const palette = await box(analyst, '.bpmn-canvas .djs-palette');
    await expect.poll(async () => (await diagramBox(analyst)).left).toBeGreaterThanOrEqual(palette.x + palette.width);
    const diagram = await diagramBox(analyst);
    expect(diagram.right).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    expect(diagram.bottom).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
    // the bpmn.io logo stays on the canvas, out of the Tab order
    const logo = analyst.locator('.bpmn-canvas a.bjs-powered-by');
    expect(await logo.isVisible()).toBe(true);
    expect(await logo.getAttribute('tabindex')).toBe('-1');

    // when 修改记录 opens
    await analyst.getByRole('button', { name: '修改记录' }).click();
    await analyst.locator('.history-panel .version-list li').nth(1).waitFor();

    // then it lies over the properties panel: the canvas keeps its size, the panel is on the screen
    const history = await box(analyst, '.history-panel');
    const properties = await box(analyst, '.bpmn-properties');
    expect(await box(analyst, '.bpmn-canvas')).toEqual(canvas);
    expect(history.x).toBeLessThanOrEqual(properties.x + 1);
    expect(history.x + history.width).toBeLessThanOrEqual(1366);
    expect(history.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
    // the covered properties panel is out of reach meanwhile
    expect(await analyst.locator('.bpmn-properties').evaluate((panel) => (panel as HTMLElement).inert)).toBe(true);
    await analyst.getByRole('button', { name: '修改记录' }).click();
    // after the next render, not at once: under load the click returns first
    await expect.poll(() => analyst.locator('.bpmn-properties').evaluate((panel) => (panel as HTMLElement).inert)).toBe(false);
    await expect.poll(() => analyst.locator('.history-panel').count()).toBe(0);
  });

  it('should save a renamed task as a two-line change: the models are kept as bpmn-js writes them (npm run normalise:bpmn)', async () => {
    // when the analyst renames 初步审核 on FC20, open as the previous test left it, and saves with Ctrl+S
    await renameElement(analyst, 'preliminaryReview', '窗口工作人员初步审核');
    await analyst.keyboard.press('Control+s');
    await analyst.locator('.banner.ok', { hasText: '已保存' }).waitFor();

    // then the commit holds the name and its label's size, not a rewrite of the file
    const numstat = h.project.git('diff', '--numstat', 'HEAD~1', 'HEAD', '--', FC20);
    const [added = 0, removed = 0] = numstat.split('\t').map(Number);
    expect(removed).toBeLessThanOrEqual(2);
    expect(added).toBeLessThanOrEqual(2);
    expect(h.project.git('show', 'HEAD', '--', FC20)).toContain('+    <bpmn:userTask id="preliminaryReview" name="窗口工作人员初步审核">');
  });

  it('should give the form editor a canvas to work on beside the palette and the properties, all on the screen', async () => {
    // when
    await openForm(analyst);
    await analyst.locator('.form-editor-canvas .fjs-element[data-id="f_hospitalName"]').click();
    await analyst.locator('.form-editor-properties .bio-properties-panel-group-header').first().waitFor();

    // then palette, canvas and properties are side by side, the preview folded, nothing below the screen's edge
    expect(await pressed(analyst)).toEqual({ 组件: 'true', 属性: 'true', '预览（填写效果）': 'false' });
    expect(await analyst.locator('.form-preview').count()).toBe(0);
    const palette = await box(analyst, '.form-editor-palette');
    const canvas = await box(analyst, '.form-editor-canvas');
    const properties = await box(analyst, '.form-editor-properties');
    expect(canvas.height).toBeGreaterThanOrEqual(520);
    expect(canvas.width).toBeGreaterThanOrEqual(700);
    expect(palette.x + palette.width).toBeLessThanOrEqual(canvas.x + 1);
    expect(canvas.x + canvas.width).toBeLessThanOrEqual(properties.x + 1);
    expect(properties.x + properties.width).toBeLessThanOrEqual(1366);
    const problems = await box(analyst, '.problems-panel');
    expect(problems.y + problems.height).toBeLessThanOrEqual(768);
    expect(canvas.y + canvas.height).toBeLessThanOrEqual(problems.y + 1);
    // the palette's entries scroll within it: its last group is reachable
    const lastPaletteGroup = analyst.locator('.form-editor-palette .fjs-palette-group').last();
    await lastPaletteGroup.scrollIntoViewIfNeeded();
    expect(await within(analyst, lastPaletteGroup, '.form-editor-palette')).toBe(true);
  });

  it('should reach every property of the selected field by scrolling the properties panel', async () => {
    // when every group is opened
    const headers = analyst.locator('.form-editor-properties .bio-properties-panel-group-header');
    for (let i = 0; i < (await headers.count()); i++) {
      const header = headers.nth(i);
      if ((await header.locator('.bio-properties-panel-arrow').count()) === 0) continue;
      if (!(await header.getAttribute('class'))?.includes('open')) await header.click();
    }

    // then the panel scrolls, and its last entry comes fully into view inside it
    const scroll = await analyst.locator('.form-editor-properties').evaluate((panel) => ({ height: panel.scrollHeight, client: panel.clientHeight }));
    expect(scroll.height).toBeGreaterThan(scroll.client);
    const lastEntry = analyst.locator('.form-editor-properties .bio-properties-panel-entry').last();
    await lastEntry.scrollIntoViewIfNeeded();
    expect(await within(analyst, lastEntry, '.form-editor-properties')).toBe(true);

    // and the palette's titles, the properties' titles and their descriptions under the fields are Chinese
    await expect.poll(() => englishAttributes(analyst, '.form-editor-palette')).toEqual([]);
    expect(await englishAttributes(analyst, '.form-editor-properties')).toEqual([]);
    const descriptions = await analyst.locator('.form-editor-properties .bio-properties-panel-description').allInnerTexts();
    expect(descriptions.length).toBeGreaterThan(0);
    expect(descriptions.filter((text) => !HAN.test(text))).toEqual([]);
    expect(await analyst.locator('.form-editor-palette [title="添加文本框"]').count()).toBe(1);
  });

  it('should fold the palette and the properties for a wider canvas, and show the preview on demand', async () => {
    // when
    await analyst.getByRole('button', { name: '组件', exact: true }).click();
    await analyst.getByRole('button', { name: '属性', exact: true }).click();

    // then the canvas takes the width
    expect(await pressed(analyst)).toEqual({ 组件: 'false', 属性: 'false', '预览（填写效果）': 'false' });
    expect((await box(analyst, '.form-editor-canvas')).width).toBeGreaterThanOrEqual(1300);
    expect(await analyst.locator('.form-editor-palette').isVisible()).toBe(false);

    // when the preview is shown and the palette comes back
    await analyst.getByRole('button', { name: '预览（填写效果）' }).click();
    await analyst.getByRole('button', { name: '组件', exact: true }).click();

    // then the preview shows the form as a clerk fills it, and the palette still drags components in
    await expect.poll(() => analyst.locator('.form-preview').innerText()).toContain('医疗机构');
    const fields = await analyst.locator('.form-editor-canvas .fjs-element').count();
    const textField = analyst.locator('.form-editor-palette .fjs-palette-field[data-field-type="textfield"]');
    await textField.scrollIntoViewIfNeeded(); // the palette was scrolled to its end above
    await analyst.locator('.form-editor-canvas .fjs-element[data-id="f_hospitalName"]').scrollIntoViewIfNeeded();
    const target = await box(analyst, '.form-editor-canvas .fjs-element[data-id="f_hospitalName"]');
    const source = (await textField.boundingBox())!;
    const from = { x: source.x + source.width / 2, y: source.y + source.height / 2 };
    const to = { x: target.x + 100, y: target.y + target.height - 5 }; // just above the field's lower edge
    await analyst.mouse.move(from.x, from.y);
    await analyst.mouse.down();
    await analyst.mouse.move(to.x, to.y, { steps: 20 });
    await analyst.mouse.up();
    await expect.poll(() => analyst.locator('.form-editor-canvas .fjs-element').count()).toBe(fields + 1);
    await analyst.getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => analyst.locator('.form-editor-canvas .fjs-element').count()).toBe(fields);
  });

  it('should show the preview beside palette, canvas and properties on a 1920×1080 screen', async () => {
    // given
    const wide = await h.loginAs('liu-fang', { viewport: { width: 1920, height: 1080 } });
    await wide.locator('a[data-file]').first().waitFor();

    // when
    await openForm(wide);

    // then
    expect(await pressed(wide)).toEqual({ 组件: 'true', 属性: 'true', '预览（填写效果）': 'true' });
    const canvas = await box(wide, '.form-editor-canvas');
    const preview = await box(wide, '.form-preview');
    expect(canvas.width).toBeGreaterThanOrEqual(800);
    expect(canvas.height).toBeGreaterThanOrEqual(780);
    expect(preview.x + preview.width).toBeLessThanOrEqual(1920);

    // when 修改记录 opens
    await wide.getByRole('button', { name: '修改记录' }).click();
    await wide.locator('.history-panel .version-list li').first().waitFor();

    // then it is a column beside the preview, not over it or the form-js logo
    const history = await box(wide, '.history-panel');
    const previewBeside = await box(wide, '.form-preview');
    expect(history.x).toBeGreaterThanOrEqual(previewBeside.x + previewBeside.width - 1);
    expect(history.x + history.width).toBeLessThanOrEqual(1920);
    const logos = await wide.locator('a.fjs-powered-by-link').evaluateAll((links) =>
      links.map((link) => link.getBoundingClientRect()).filter((rect) => rect.width > 0).map((rect) => rect.right),
    );
    expect(logos.length).toBeGreaterThan(0);
    for (const right of logos) expect(right).toBeLessThanOrEqual(history.x + 1);
    await wide.context().close();
  });

  it('should show the element templates, the chooser and the FEEL fields in Chinese', async () => {
    // given FC20's 计算办理时限, a service task without a template yet
    await analyst.goto(`${h.url}/modeler/edit/${FC20}`);
    await analyst.locator('.bpmn-canvas .djs-container').waitFor();
    await analyst.locator('.element-row[data-element="computeDeadline"]').click();
    const select = analyst.locator('.bpmn-properties .bio-properties-panel-select-template-button');

    // then the template group offers 选择 with a Chinese title, and the FEEL fields' titles are Chinese
    await expect.poll(() => select.getAttribute('title')).toBe('选择模板');
    expect(await select.innerText()).toBe('选择');
    expect(await englishAttributes(analyst, '.bpmn-properties')).toEqual([]);

    // when the analyst opens the replace menu from the context pad
    await analyst.locator('.djs-context-pad .entry[data-action="replace"]').click();
    const descriptions = analyst.locator('.djs-popup .djs-popup-entry-description');
    await descriptions.first().waitFor();

    // then each type's one-line description is Chinese too
    expect((await descriptions.allTextContents()).filter((text) => !HAN.test(text))).toEqual([]);
    await analyst.keyboard.press('Escape');
    await expect.poll(() => analyst.locator('.djs-popup').count()).toBe(0);

    // when the analyst opens the template chooser
    await select.click();
    const popup = analyst.locator('.djs-popup');
    await popup.locator('.entry').first().waitFor();

    // then
    expect(await popup.innerText()).toContain('选择元素模板');
    expect(await englishAttributes(analyst, '.djs-popup')).toEqual([]);

    // when the analyst applies 计算办理时限
    await analyst.locator('.djs-popup-search input').fill('计算办理时限');
    await popup.locator('.entry', { hasText: '计算办理时限' }).first().click();

    // then the template's header and the fields it adds are Chinese too
    const templates = analyst.locator('.bpmn-properties .bio-properties-panel-templates-group');
    await expect.poll(() => templates.locator('.bio-properties-panel-applied-template-button').innerText()).toContain('已应用');
    await expect.poll(() => templates.locator('.bio-properties-panel-arrow').first().getAttribute('title')).toBe('展开/收起本节');
    const feel = analyst.locator('.bpmn-properties .bio-properties-panel-feel-icon').first();
    await expect.poll(() => feel.getAttribute('title')).toMatch(HAN);
    expect(await englishAttributes(analyst, '.bpmn-properties')).toEqual([]);
  });

  it('should show dmn-js\'s drill-down and hit policies in Chinese, with the DMN names beside them', async () => {
    // when
    await analyst.goto(`${h.url}/modeler/edit/${DMN}`);
    const drillDown = analyst.locator('.drill-down-overlay button').first();
    await drillDown.waitFor();

    // then
    expect(await drillDown.getAttribute('title')).toBe('打开决策表');

    // when
    await drillDown.click();
    const hitPolicy = analyst.locator('.dmn-decision-table-container .hit-policy').first();
    await hitPolicy.waitFor();

    // then the table's hit policy is named, and explained on hover; the columns' drag handles say what they move
    await expect.poll(() => analyst.locator('.dmn-decision-table-container .dmn-icon-drag.horizontal').first().getAttribute('title')).toBe('移动输入列');
    expect(await englishAttributes(analyst, '.dmn-decision-table-container')).toEqual([]);
    expect(await hitPolicy.innerText()).toContain('唯一（UNIQUE）');
    expect(await hitPolicy.getAttribute('title')).toBe('唯一（UNIQUE）：规则之间不得重叠、互不相交，只能有一条规则匹配');

    // when the analyst opens the list of hit policies
    await hitPolicy.locator('.dms-input-select').click();
    const options = analyst.locator('.dms-select-options .option');
    await options.first().waitFor();

    // then each has its Chinese name and its DMN name, on one line
    expect(await options.allInnerTexts()).toEqual([
      '唯一（UNIQUE）',
      '首个（FIRST）',
      '优先级（PRIORITY）',
      '任一（ANY）',
      '收集（COLLECT）',
      '收集求和（COLLECT SUM）',
      '收集最小值（COLLECT MIN）',
      '收集最大值（COLLECT MAX）',
      '收集计数（COLLECT COUNT）',
      '规则顺序（RULE ORDER）',
      '输出顺序（OUTPUT ORDER）',
    ]);
    const heights = await options.evaluateAll((items) => items.map((item) => item.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(Math.min(...heights) * 1.5);
    await analyst.keyboard.press('Escape');

    // when the analyst opens a rule's context menu
    await analyst.locator('.dmn-decision-table-container td.input-cell').first().click({ button: 'right' });
    const menu = analyst.locator('.context-menu-flex[role=menu]');
    await menu.waitFor();

    // then it is Chinese, its label for screen readers too
    expect(await menu.innerText()).toMatch(HAN);
    await expect.poll(() => englishAttributes(analyst, '.context-menu-flex[role=menu]')).toEqual([]);
    await analyst.keyboard.press('Escape');
  });

  it('should name an expression field on the form editor\'s canvas in Chinese, its key as written', async () => {
    // when
    await analyst.goto(`${h.url}/modeler/edit/forms/fc20-application.form`);
    const placeholder = analyst.locator('.form-editor-canvas .fjs-form-field-placeholder', { hasText: 'idNumberCheckOk' });
    await placeholder.waitFor();

    // then
    await expect.poll(() => placeholder.innerText()).toBe('「idNumberCheckOk」的表达式');
  });

  it('should fit the diagram again after the first lint result only when the analyst has not moved the view meanwhile', async () => {
    // given FC20 with a lint error, so the first lint result grows the problems pane under the canvas, and a page
    // whose lint starts only when the test lets it (its 400 ms debounce held)
    const path = join(h.project.dir, ...FC20.split('/'));
    const original = readFileSync(path, 'utf8');
    const broken = original.replace('<zeebe:taskDefinition type="compute-deadline" />', '');
    expect(broken).not.toBe(original);
    writeFileSync(path, broken);
    const page = await h.loginAs('liu-fang', { viewport: { width: 1366, height: 768 } });
    await page.locator('a[data-file]').first().waitFor();
    await page.addInitScript(holdLint);
    try {
      // when the analyst zooms in with Ctrl and the wheel before the first lint result has come
      const fitted = await openFitted(page);
      // (the hold works: no lint result yet — a changed debounce in project-lint.ts would show here)
      expect(await page.locator('.problems-panel h2 .count').count()).toBe(0);
      const canvas = await box(page, '.bpmn-canvas');
      await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -300);
      await page.keyboard.up('Control');
      await expect.poll(() => viewTransform(page)).not.toBe(fitted);
      const zoomed = await viewTransform(page);
      await page.evaluate(() => (window as unknown as { releaseLint(): void }).releaseLint());

      // then the error shows, the pane grows, and her zoom stays
      await page.locator('.problems-panel .problem.error').first().waitFor();
      await settled(page);
      expect(await viewTransform(page)).toBe(zoomed);

      // and when she opens it again and leaves the view alone, the diagram is fitted to the smaller canvas
      const again = await openFitted(page);
      const before = await box(page, '.bpmn-canvas');
      await page.evaluate(() => (window as unknown as { releaseLint(): void }).releaseLint());
      await page.locator('.problems-panel .problem.error').first().waitFor();
      await expect.poll(() => viewTransform(page)).not.toBe(again);
      await settled(page);
      // the fit itself: right of the palette, within the canvas the pane made lower and centred in its height (fitted
      // to the taller canvas it would sit half the pane's height too low: 62 pixels at 1366×768)
      const shrunk = await box(page, '.bpmn-canvas');
      expect(shrunk.height).toBeLessThan(before.height - 50);
      const palette = await box(page, '.bpmn-canvas .djs-palette');
      const refitted = await diagramBox(page);
      expect(refitted.left).toBeGreaterThanOrEqual(palette.x + palette.width);
      expect(refitted.top).toBeGreaterThanOrEqual(shrunk.y);
      expect(refitted.bottom).toBeLessThanOrEqual(shrunk.y + shrunk.height);
      expect(Math.abs((refitted.top + refitted.bottom) / 2 - (shrunk.y + shrunk.height / 2))).toBeLessThan(4);
    } finally {
      writeFileSync(path, original);
      await page.context().close();
    }
  });
});

// helpers

/**
 * An init script: the project lint's 400 ms debounce timer (project-lint.ts) waits until `releaseLint()` is called;
 * every other timer runs as usual.
 */
function holdLint(): void {
  const held = new Map<number, () => void>();
  const setNative = window.setTimeout.bind(window);
  const clearNative = window.clearTimeout.bind(window);
  let next = 1_000_000_000;
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    if (delay !== 400 || typeof handler !== 'function') return setNative(handler, delay, ...args);
    const id = next++;
    held.set(id, () => (handler as (...values: unknown[]) => void)(...args));
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => (id !== undefined && held.delete(id) ? undefined : clearNative(id))) as typeof window.clearTimeout;
  (window as unknown as { releaseLint(): void }).releaseLint = () => {
    const due = [...held.values()];
    held.clear();
    for (const run of due) run();
  };
}

/** Opens FC20 in the editor and waits for its first fit beside the palette; the view's transform then. */
async function openFitted(page: Page): Promise<string | null> {
  await page.goto(`${h.url}/modeler/edit/${FC20}`);
  const palette = page.locator('.bpmn-canvas .djs-palette');
  await palette.waitFor();
  const { x, width } = await box(page, '.bpmn-canvas .djs-palette');
  await expect.poll(async () => (await diagramBox(page)).left).toBeGreaterThanOrEqual(x + width);
  await settled(page);
  return viewTransform(page);
}

/** The transform of the canvas's viewport layer: its scale and scroll. */
function viewTransform(page: Page): Promise<string | null> {
  return page.locator('.bpmn-canvas svg .viewport').first().getAttribute('transform');
}

/** A few frames later, after any ResizeObserver callback and fit they bring. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => done())))));
}

/** The drawn diagram's extent on the screen (its shapes, not the canvas's empty layers). */
function diagramBox(page: Page): Promise<{ left: number; right: number; top: number; bottom: number }> {
  return page.locator('.bpmn-canvas .djs-shape').evaluateAll((shapes) => {
    const boxes = shapes.map((shape) => shape.getBoundingClientRect()).filter((rect) => rect.width > 0);
    return { left: Math.min(...boxes.map((b) => b.left)), right: Math.max(...boxes.map((b) => b.right)), top: Math.min(...boxes.map((b) => b.top)), bottom: Math.max(...boxes.map((b) => b.bottom)) };
  });
}

async function openForm(page: Page): Promise<void> {
  await page.goto(`${h.url}/modeler/edit/${FORM}`);
  await page.locator('.form-editor .fjs-editor-container').waitFor();
  await page.locator('.problems-panel h2 .count').waitFor();
}

async function box(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not shown`);
  return found;
}

/** The form editor toolbar's buttons and whether each panel is shown. */
async function pressed(page: Page): Promise<Record<string, string | null>> {
  const buttons = page.locator('.form-editor-toolbar button');
  const entries: [string, string | null][] = [];
  for (let i = 0; i < (await buttons.count()); i++) entries.push([await buttons.nth(i).innerText(), await buttons.nth(i).getAttribute('aria-pressed')]);
  return Object.fromEntries(entries);
}

/** Whether the element is fully inside the scrolling panel's visible part (and so on the screen). */
function within(page: Page, element: ReturnType<Page['locator']>, panel: string): Promise<boolean> {
  return element.evaluate((node, selector) => {
    const inner = node.getBoundingClientRect();
    const outer = document.querySelector(selector)!.getBoundingClientRect();
    return inner.height > 0 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1 && outer.bottom <= window.innerHeight;
  }, panel);
}

/** Titles, labels and placeholders under `root` with Latin words and no Chinese (the library's own English). */
function englishAttributes(page: Page, root: string): Promise<string[]> {
  return page.locator(root).first().evaluate((container) => {
    const found = new Set<string>();
    for (const element of [container, ...Array.from(container.querySelectorAll('*'))]) {
      for (const name of ['title', 'aria-label', 'placeholder']) {
        const value = element.getAttribute(name);
        // the bpmn.io watermark the libraries' licence asks to keep as it is
        if (value === 'Powered by bpmn.io') continue;
        if (value && /[A-Za-z]{3}/.test(value) && !/\p{Script=Han}/u.test(value)) found.add(`${name}: ${value}`);
      }
    }
    return [...found];
  });
}
