/**
 * The 决定告知书 template in the web modeler, in headless Chromium on a temporary git copy of the project: the
 * decision a generate-decision-notice task states is a dropdown of the worker's four decisions. Applied to FC15's
 * 出具不予认定告知书 it keeps 不予认定; on a new task it states nothing until the analyst picks one, and the saved
 * XML carries the pick.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelerHarness, type ModelerHarness } from '../support/modeler-browser.js';
import { applyTemplate, dropTaskOnFlow, expectNoProblems, openGroup, openModelAsAnalyst, saveWithReason, selectedElementId, selectElement, writeDocumentation } from '../support/modeler-page.js';

const FC15 = 'bpmn/xining-fc15-chronic-disease-entitlement.bpmn';
const TEMPLATE = '生成不予办理（变更、认定、备案）告知书';
const INPUTS = '输入变量（传给作业执行器）';
const NEW_TASK = '再次出具不予认定告知书';

let h: ModelerHarness;

beforeAll(async () => {
  h = await startModelerHarness();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('the 决定告知书 template in the web modeler', { timeout: 120_000 }, () => {
  it('should keep the decision FC15’s notice task states when the analyst applies the template to it', async () => {
    // given FC15 open, its lint clean
    const analyst = await openModelAsAnalyst(h, FC15);

    // when
    await applyTemplateToTheNotice(analyst);
    await openGroup(analyst, INPUTS);

    // then
    const decision = decisionDropdown(analyst);
    expect(await decision.inputValue()).toBe('="不予认定"');
    expect(await decision.locator('option:checked').innerText()).toBe('不予认定（出具不予认定告知书）');
    expect(await decision.locator('option').allInnerTexts()).toEqual([
      '不予办理（出具不予办理告知书）',
      '不予变更（出具不予变更告知书）',
      '不予认定（出具不予认定告知书）',
      '不予备案（出具不予备案告知书）',
    ]);
    await expectNoProblems(analyst);
    await analyst.context().close();
  });

  // its own log-in, lint and template on top of the first test's steps: a budget of its own on a slow machine
  it('should state no decision on a new task until the analyst picks one from the dropdown, and save the pick', { timeout: 240_000 }, async () => {
    // given FC15 open with the template applied to its notice task (the saved XML is read for both), and a new task
    // on the flow from the notice to 不予认定
    const analyst = await openModelAsAnalyst(h, FC15);
    await applyTemplateToTheNotice(analyst);
    // the lint's answer settled first: a problems pane that grows under the drag would move the drop point
    await expectNoProblems(analyst);
    await dropTaskOnFlow(analyst, 'toEndNotRecognised', NEW_TASK);

    // when the analyst applies the template
    await applyTemplate(analyst, TEMPLATE, INPUTS);
    await writeDocumentation(analyst, '补充（流程图未画出）：申请人遗失告知书的，再次出具一份。');
    const newTaskId = await selectedElementId(analyst);
    await openGroup(analyst, INPUTS);

    // then no decision is chosen, and the panel says one is needed
    const decision = decisionDropdown(analyst);
    expect(await decision.inputValue()).toBe('');
    const entry = analyst.locator('.bpmn-properties .bio-properties-panel-entry', { has: analyst.getByLabel('决定', { exact: true }) });
    await expect.poll(() => entry.locator('.bio-properties-panel-error').innerText()).toBe('决定不能为空。');
    // and so does the problems list, which would keep the diagram from being deployed so
    await expect.poll(() => analyst.locator('.problems-panel').innerText(), { timeout: 30_000 }).toContain('没有写明决定');

    // when the analyst picks 不予认定 and saves
    await decision.selectOption({ label: '不予认定（出具不予认定告知书）' });
    await expect.poll(() => decision.inputValue()).toBe('="不予认定"');
    expect(await entry.locator('.bio-properties-panel-error').count()).toBe(0);
    await expectNoProblems(analyst);
    await saveWithReason(analyst, '不予认定告知书改用元素模板，决定从下拉列表选择');

    // then the saved XML states the decision on the new task, and still on the first
    const saved = readFileSync(join(h.project.dir, FC15), 'utf8');
    for (const id of [newTaskId, 'decisionNotice']) {
      const task = new RegExp(`<bpmn:serviceTask id="${id}"[^>]*>[\\s\\S]*?</bpmn:serviceTask>`).exec(saved)?.[0] ?? '';
      expect(task, id).toContain('zeebe:modelerTemplate="xining.job.generate-decision-notice"');
      expect(task, id).toContain('<zeebe:taskDefinition type="generate-decision-notice" />');
      expect(task, id).toMatch(/<zeebe:input source="=(&#34;|&quot;)不予认定(&#34;|&quot;)" target="decision" \/>/);
    }
    expect(saved).toContain(`name="${NEW_TASK}"`);
  });
});

// helpers

/** Applies the template to FC15's 出具不予认定告知书. */
async function applyTemplateToTheNotice(page: Page): Promise<void> {
  await selectElement(page, 'decisionNotice');
  await applyTemplate(page, TEMPLATE, INPUTS);
}

/** The 决定 dropdown of the template's input variables. */
function decisionDropdown(page: Page) {
  return page.locator('.bpmn-properties').getByLabel('决定', { exact: true });
}
