import type { Page } from 'playwright-core';
import { it } from 'vitest';
import { startModelerHarness } from '../support/modeler-browser.js';

const scan = (page: Page, root: string) => page.locator(root).first().evaluate((container) => {
  const found = new Set<string>();
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let n: Node | null = container; n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      const v = n.nodeValue?.trim();
      const el = n.parentElement;
      if (v && /[A-Za-z]{3}/.test(v) && !/\p{Script=Han}/u.test(v) && !el?.closest('.cm-content,[contenteditable]')) found.add(`text<${el?.className}>: ${v.slice(0, 80)}`);
    } else {
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = (n as Element).getAttribute(name);
        if (v && /[A-Za-z]{3}/.test(v) && !/\p{Script=Han}/u.test(v)) found.add(`${name}: ${v}`);
      }
    }
  }
  return [...found];
});

it('probe', async () => {
const h = await startModelerHarness();
try {
  const p = await h.loginAs('liu-fang', { viewport: { width: 1366, height: 768 } });
  await p.locator('a[data-file]').first().waitFor();
  await p.goto(`${h.url}/modeler/edit/bpmn/xining-fc20-manual-reimbursement.bpmn`);
  await p.locator('.bpmn-canvas .djs-container').waitFor();
  await p.waitForTimeout(1500);
  console.log('BPMN page', await scan(p, 'body'));
  for (const id of ['computeDeadline', 'preliminaryReview']) {
    await p.locator(`.element-row[data-element="${id}"]`).click();
    await p.waitForTimeout(800);
    for (const h2 of await p.locator('.bpmn-properties .bio-properties-panel-group-header').all()) { await h2.click().catch(() => {}); }
    await p.waitForTimeout(800);
    console.log('BPMN props', id, await scan(p, '.bpmn-properties'));
  }
  await p.locator('.bpmn-properties .bio-properties-panel-select-template-button').click().catch(() => {});
  await p.waitForTimeout(800);
  if (await p.locator('.djs-popup').count()) console.log('chooser', await scan(p, '.djs-popup'));
  await p.keyboard.press('Escape');
  await p.goto(`${h.url}/modeler/edit/bpmn/statutory-time-limit.dmn`);
  const dd = p.locator('.drill-down-overlay button').first(); await dd.waitFor();
  console.log('DRD', await scan(p, 'body'));
  await dd.click();
  await p.locator('.dmn-decision-table-container .hit-policy').first().waitFor();
  await p.waitForTimeout(800);
  console.log('DT', await scan(p, 'body'));
  await p.locator('.dmn-decision-table-container td.input-cell').first().click({ button: 'right' });
  await p.waitForTimeout(500);
  console.log('DT ctx', await scan(p, 'body'));
  await p.keyboard.press('Escape');
  await p.locator('.dmn-decision-table-container th.input-cell').first().click();
  await p.waitForTimeout(500);
  console.log('DT input edit', await scan(p, 'body'));
  await p.goto(`${h.url}/modeler/edit/forms/fc20-settlement-review.form`);
  await p.locator('.form-editor .fjs-editor-container').waitFor();
  await p.waitForTimeout(1000);
  console.log('FORM', await scan(p, 'body'));
  await p.locator('.form-editor-canvas .fjs-element[data-id="f_hospitalName"]').click();
  for (const h2 of await p.locator('.form-editor-properties .bio-properties-panel-group-header').all()) { await h2.click().catch(() => {}); }
  await p.waitForTimeout(800);
  console.log('FORM props', await scan(p, 'body'));
} finally { await h.stop(); }
}, 300_000);
