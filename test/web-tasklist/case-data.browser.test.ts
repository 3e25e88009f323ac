/**
 * The task page's 案件数据 in headless Chromium (browser zone Europe/Berlin, as in the other browser tests): an
 * FC20 零星报销 case accepted at 2026-03-02 09:30 office time. The 窗口初审 clerk sees each variable by its Chinese
 * label with a readable value (受理时间 2026-03-02 09:30, not acceptedAt and an ISO string); a name nothing labels
 * shows as it is, greyed, with a tooltip; a manager who may read the task but not work it sees the ID number
 * masked as before. The rows go by the labels in dictionary order (Intl.Collator zh-CN), the unlabelled after
 * them. A case with more variables than the page reads (2,000) says so above them. Every app's first page loads its
 * icon, with no 404 on the way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FC20_APPLICATION } from '../support/fc20-sample-case.js';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
const CLERK = 'li-jing';
const MANAGER = 'sun-qiang';

let t: TasklistHarness;
let taskKey = '';
let crowdedTaskKey = '';
/**
 * Date-times as a Camunda 8.8 cluster's FEEL writes them (docs/camunda8-cluster.md, "Date-times in variables"), all
 * 2026-03-02 09:30 office time: `string(now())` on a broker in New York, Zeebe's ISO_ZONED_DATE_TIME, a zone-less
 * local date-time. Read in the browser's zone (Berlin) they would show 03:30, 09:30 and 16:30.
 */
const CLUSTER_STAMPS = { brokerStampedAt: '2026-03-01T20:30:00.123@America/New_York', zonedStampedAt: '2026-03-02T09:30:00+08:00[Asia/Shanghai]', localStampedAt: '2026-03-02T09:30:00' };
/** More variables than 案件数据 reads (MOST in task-variables.tsx). */
const CROWD = Object.fromEntries(Array.from({ length: 2_001 }, (_, i) => [`bulk${String(i).padStart(4, '0')}`, i]));

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID], now: '2026-03-02T09:30:00+08:00' });
  const h = t.harness;
  const caseKey = await h.start(PROCESS_ID, { ...FC20_APPLICATION, legacyImportRef: 'QH-2019-0042', ...CLUSTER_STAMPS });
  await h.complete(caseKey, 'preliminaryReview', { as: 'window-first-review', variables: { receivedMaterials: FC20_APPLICATION.submittedMaterials, preliminaryReviewDecision: 'approved' } });
  taskKey = (await h.waitForTask(caseKey, 'registerAndReview')).userTaskKey;
  const crowdedKey = await h.start(PROCESS_ID, { ...FC20_APPLICATION, ...CROWD });
  await h.complete(crowdedKey, 'preliminaryReview', { as: 'window-first-review', variables: { receivedMaterials: FC20_APPLICATION.submittedMaterials, preliminaryReviewDecision: 'approved' } });
  crowdedTaskKey = (await h.waitForTask(crowdedKey, 'registerAndReview')).userTaskKey;
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

describe('案件数据 of the task list (/tasklist) in Chromium', { timeout: 120_000 }, () => {
  it('should show a clerk 受理时间 and an office date-time instead of acceptedAt and an ISO string', async () => {
    // when
    const clerk = await t.loginAs(CLERK);
    const rows = await caseData(clerk);

    // then
    expect(rows.acceptedAt).toEqual({ label: '受理时间', value: '2026-03-02 09:30', title: 'acceptedAt', technical: false });
    expect(rows.identityValid).toMatchObject({ label: '身份核验通过', value: '是' });
    expect(rows.applicantType).toMatchObject({ label: '申请人', value: '参保人本人' });
    expect(rows.submittedMaterials?.value).toBe(FC20_APPLICATION.submittedMaterials.join('、'));
    expect(rows.idNumber).toMatchObject({ label: '参保人公民身份号码', value: FC20_APPLICATION.idNumber });
    // an amount in yuan (the form's 医疗费用总额（元）, stored as its text 23600.50)
    expect(rows.totalExpenses?.value).toBe('¥23,600.50');
    const text = await clerk.locator('.variables').innerText();
    expect(text).not.toMatch(/acceptedAt|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\btrue\b|\bfalse\b/);
    // a name nothing labels: as it is, greyed, with a tooltip saying why
    expect(rows.legacyImportRef).toEqual({ label: 'legacyImportRef', value: 'QH-2019-0042', title: '该数据项暂无中文名称，显示的是系统内部名称', technical: true });
  });

  it("should show date-times written by FEEL on a cluster in office time, not the browser's (Berlin)", async () => {
    // when
    const clerk = await t.loginAs(CLERK);
    const rows = await caseData(clerk);

    // then
    expect(await clerk.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Europe/Berlin');
    expect(Object.keys(CLUSTER_STAMPS).map((name) => rows[name]?.value)).toEqual(['2026-03-02 09:30', '2026-03-02 09:30', '2026-03-02 09:30']);
  });

  it('should list the case data by the labels in dictionary order across the pages, the unlabelled names after them', async () => {
    // when
    const clerk = await t.loginAs(CLERK);
    const listed = Object.entries(await caseData(clerk));

    // then 公民身份号码 (gōng) before 受理时间 (shòu), though acceptedAt comes before idNumber; legacyImportRef after all labels
    expect(listed.length).toBeGreaterThan(20);
    const order = new Intl.Collator('zh-CN');
    const labelled = listed.filter(([, row]) => !row.technical);
    expect(listed.slice(0, labelled.length)).toEqual(labelled);
    expect(labelled.map(([, row]) => row.label)).toEqual(labelled.map(([, row]) => row.label).sort(order.compare));
    const technical = listed.slice(labelled.length).map(([name]) => name);
    expect(technical).toContain('legacyImportRef');
    expect(technical).toEqual([...technical].sort(order.compare));
    expect(labelled.findIndex(([name]) => name === 'idNumber')).toBeLessThan(labelled.findIndex(([name]) => name === 'acceptedAt'));
  });

  it('should keep the focus on 「下一页」 when she pages the case data with the keyboard to the last page', async () => {
    // given a clerk on the first page of the case data (more than two pages of it)
    const clerk = await t.loginAs(CLERK);
    await openCaseData(clerk, taskKey);
    const pager = clerk.locator('.variables .pager');
    const position = pager.locator('span');
    const firstName = () => clerk.locator('.variables tbody tr').first().getAttribute('data-variable');
    const focused = () => clerk.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : document.activeElement?.tagName));
    const pages = Number(/^第 1 \/ (\d+) 页$/.exec(await position.innerText())?.[1]);
    expect(pages).toBeGreaterThan(1);

    // when she tabs from 「上一页」 to 「下一页」 and presses Enter until the last page
    await pager.getByRole('button', { name: '上一页' }).focus();
    await clerk.keyboard.press('Tab');
    expect(await focused()).toBe('下一页');
    const seen = [await firstName()];
    for (let shown = 2; shown <= pages; shown++) {
      await clerk.keyboard.press('Enter');

      // then each page's own rows are shown, the focus still on 「下一页」
      await expect.poll(() => position.innerText()).toBe(`第 ${shown} / ${pages} 页`);
      expect(seen).not.toContain(await firstName());
      seen.push(await firstName());
      expect(await focused()).toBe('下一页');
    }

    // and on the last page 「下一页」 says there is no page after it, keeps her focus, and Enter there does nothing
    expect(await pager.getByRole('button', { name: '下一页' }).getAttribute('aria-disabled')).toBe('true');
    await clerk.keyboard.press('Enter');
    await clerk.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await position.innerText()).toBe(`第 ${pages} / ${pages} 页`);
    expect(await firstName()).toBe(seen.at(-1));
    expect(await focused()).toBe('下一页');
  });

  it('should say so when a case holds more data than the page reads, and list none of it silently', async () => {
    // when
    const clerk = await t.loginAs(CLERK);
    await openCaseData(clerk, crowdedTaskKey);

    // then
    const notice = await clerk.locator('.variables .truncated').innerText();
    const total = Number(/^本案共有 (\d+) 项数据，仅显示前 2000 项/.exec(notice)?.[1]);
    expect(total).toBeGreaterThan(2_001);
    expect(await clerk.locator('.variables .pager span').innerText()).toBe('第 1 / 100 页');
    // and a case within the limit has no such notice
    await openCaseData(clerk, taskKey);
    expect(await clerk.locator('.variables .truncated').count()).toBe(0);
  });

  it('should keep personal data masked for a manager who may read the task but not work it', async () => {
    // when
    const manager = await t.loginAs(MANAGER);
    const rows = await caseData(manager);

    // then
    expect(rows.idNumber).toMatchObject({ label: '参保人公民身份号码', value: '630103********2014' });
    expect(rows.payeeBankAccount?.value).toBe('****4567');
    expect(await manager.locator('.variables').innerText()).not.toContain(FC20_APPLICATION.idNumber);
  });

  it('should give every app an icon and ask for nothing that is not there on the first load', async () => {
    const page = await t.browser.newPage();
    try {
      const missing: string[] = [];
      page.on('response', (response) => {
        if (response.status() === 404) missing.push(response.url());
      });
      for (const app of ['tasklist', 'monitor', 'modeler']) {
        // when
        await page.goto(`${t.url}/${app}/`);
        await page.getByLabel('用户名').waitFor();

        // then
        const href = await page.locator('link[rel="icon"]').getAttribute('href');
        expect(href).toBe(`/${app}/favicon.svg`);
        const icon = await page.request.get(`${t.url}${href}`);
        expect(icon.status()).toBe(200);
        expect(icon.headers()['content-type']).toContain('image/svg+xml');
      }
      const fallback = await page.request.get(`${t.url}/favicon.ico`);
      expect(fallback.status()).toBe(200);
      expect(missing).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

interface Row {
  label: string;
  value: string;
  title: string | null;
  technical: boolean;
}

async function openCaseData(page: Page, key: string): Promise<void> {
  await page.goto(`${t.url}/tasklist/tasks/${key}`);
  await page.getByRole('button', { name: '查看案件数据' }).click();
  await page.locator('.variables tbody tr').first().waitFor();
}

/** Opens the task's 案件数据 and reads every page of it, by technical name (in the order listed). */
async function caseData(page: Page): Promise<Record<string, Row>> {
  await openCaseData(page, taskKey);
  const rows: Record<string, Row> = {};
  for (;;) {
    const found = await page.locator('.variables tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const [name, value] = Array.from(tr.querySelectorAll('td'));
        return [tr.getAttribute('data-variable') ?? '', { label: name?.textContent ?? '', value: value?.textContent ?? '', title: name?.getAttribute('title') ?? null, technical: name?.classList.contains('technical-name') ?? false }] as const;
      }),
    );
    Object.assign(rows, Object.fromEntries(found));
    const next = page.locator('.variables .pager button').last();
    if ((await next.getAttribute('aria-disabled')) === 'true') return rows;
    const first = found[0]?.[0];
    await next.click();
    await page.waitForFunction((name) => document.querySelector('.variables tbody tr')?.getAttribute('data-variable') !== name, first);
  }
}
