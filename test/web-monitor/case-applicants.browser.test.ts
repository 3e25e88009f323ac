/**
 * The applicant's name on the monitor in headless Chromium: 案件查询 lists each case with its applicant (the
 * person's name, else the unit's; a dash for a case naming neither), read with one /v2 variables search per page
 * sent by POST, so no name is in any address; the case page names the applicant in its header.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterRender } from '../support/after-render.js';
import { serviceTaskProcess } from '../support/bpmn.js';
import { MANAGER, startMonitorHarness } from '../support/monitor-browser.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'monitor-case-applicants';

/** Cases waiting at a job nobody works, so their variables stay as the test leaves them. */
const waiting = serviceTaskProcess('monitor-test-nobody-works-this', { processId: PROCESS_ID, task: 'wait', name: '申请人姓名测试' });

let t: TasklistHarness;
let page: Page;
const cases = { person: '', unit: '', blankPerson: '', none: '' };
/** The requests the page sent since the test began listening. */
const sent: Request[] = [];

beforeAll(async () => {
  t = await startMonitorHarness({ [PROCESS_ID]: waiting });
  cases.person = await t.harness.start(PROCESS_ID, { personName: '马福林', unitName: '西宁市城中区某某商贸有限公司', idNumber: '630103196503152014' });
  cases.unit = await t.harness.start(PROCESS_ID, { unitName: '青海某某建筑工程有限公司' });
  cases.blankPerson = await t.harness.start(PROCESS_ID, { personName: ' ', unitName: '西宁某某物业服务有限公司' });
  cases.none = await t.harness.start(PROCESS_ID, { note: '无申请人' });
  page = await t.openMonitorAs(MANAGER);
  page.on('request', (request) => sent.push(request));
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

const applicantOf = (key: string) => page.locator(`[data-testid="instances"] tr[data-case="${key}"] [data-testid="applicant"]`);
const searches = (path: string) => sent.filter((request) => new URL(request.url()).pathname === path);

describe('applicants on the monitor (/monitor) in Chromium', { timeout: 120_000 }, () => {
  it('should list each case of 案件查询 with its applicant, read with one variables search by POST for the page', async () => {
    // given 案件查询, its first (unfiltered) list shown
    await page.goto(`${t.url}/monitor/instances`);
    await page.getByTestId('instances').waitFor();
    sent.length = 0;

    // when the manager searches the open cases (the test's process is in no catalogue: no 事项 to choose)
    // (the first list, of the same four cases, stays on the page until this search's answers are in: its rows prove
    // nothing, so the test waits for the answer of the search's applicants and the render after it)
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/v2/variables/search');
    await page.getByLabel('状态').selectOption('ACTIVE');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await answered;
    await afterRender(page);

    // then each row names its applicant: the person, else the unit, else a dash
    await expect.poll(() => page.locator('[data-testid="instances"] tbody tr').count()).toBe(4);
    expect(await page.locator('[data-testid="instances"] thead th').allInnerTexts()).toContain('申请人');
    expect(await applicantOf(cases.person).innerText()).toBe('马福林');
    expect(await applicantOf(cases.unit).innerText()).toBe('青海某某建筑工程有限公司');
    expect(await applicantOf(cases.blankPerson).innerText()).toBe('西宁某某物业服务有限公司');
    expect(await applicantOf(cases.none).innerText()).toBe('—');
    // one request for the page's applicants (not one per row), beside the one for its cases, both POSTs
    const variableSearches = searches('/v2/variables/search');
    expect(variableSearches).toHaveLength(1);
    expect(searches('/v2/process-instances/search')).toHaveLength(1);
    expect(variableSearches[0]!.method()).toBe('POST');
    // at process scope only, two a case: an inner scope's copy of a name cannot crowd a case's own out of the page
    const body = JSON.parse(variableSearches[0]!.postData() ?? '{}') as { filter: { processInstanceKey: { $in: string[] }; scopeKey: { $in: string[] } }; page: { limit: number } };
    expect(body).toMatchObject({ filter: { name: { $in: ['personName', 'unitName'] } }, page: { limit: 8 } });
    expect([...body.filter.scopeKey.$in].sort()).toEqual([...body.filter.processInstanceKey.$in].sort());
    expect(body.filter.scopeKey.$in).toHaveLength(4);
  });

  it('should find a case by its applicant and show the name, with the name in no address sent', async () => {
    // given (a search by applicant reads the read model: it has read the cases' variables)
    await t.readModelCaughtUp();
    sent.length = 0;

    // when
    await page.getByRole('button', { name: '清空条件' }).click();
    await page.getByLabel('申请人姓名').fill('马福林');
    await page.getByRole('button', { name: '查询', exact: true }).click();

    // then
    await expect.poll(() => page.locator('[data-testid="instances"] tbody tr').count()).toBe(1);
    expect(await applicantOf(cases.person).innerText()).toBe('马福林');
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) expect(decodeURIComponent(request.url())).not.toContain('马福林');
  });

  it('should date the applicant search’s one-off answer by the clock time of its figures, not by an age that never grows', async () => {
    // given the read model's answer stood at 10:05 office time (02:05 UTC), said 3 s old when it was read
    await t.readModelCaughtUp();
    const lastPassAt = Date.UTC(2026, 11, 7, 2, 5, 30);
    await page.route('**/monitor/api/cases/search', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { freshness: Record<string, unknown> };
      await route.fulfill({ response, json: { ...body, freshness: { ...body.freshness, lastPassAt, ageSeconds: 3, failingSince: undefined } } });
    });
    try {
      // when she searches by applicant on 案件查询
      await page.goto(`${t.url}/monitor/instances`);
      await page.getByRole('button', { name: '清空条件' }).click();
      await page.getByLabel('申请人姓名').fill('马福林');
      await page.getByRole('button', { name: '查询', exact: true }).click();

      // then the line under the search says when the figures were read, which stays true when she comes back later
      await expect.poll(() => page.locator('[data-testid="instances"] tbody tr').count()).toBe(1);
      await expect.poll(() => page.getByTestId('freshness').innerText()).toBe('数据同步于 10:05');
    } finally {
      await page.unrouteAll({ behavior: 'wait' });
    }
  });

  it('should name the applicant in the case page’s header, beside the process and the case number', async () => {
    // when the manager opens the case from the list
    await page.getByRole('link', { name: cases.person }).click();

    // then
    await expect.poll(() => page.getByTestId('instance-applicant').innerText()).toBe('马福林');
    expect(await page.locator('#instance-title').innerText()).toContain(cases.person);
    expect(await page.locator('dl.facts').innerText()).toMatch(/申请人\s+马福林/);
    // a case naming no applicant shows a dash
    // (the header shows the dash while the applicant is read too: the answer of that read, rendered, is the proof)
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/v2/variables/search' && (response.request().postData() ?? '').includes(cases.none) && (response.request().postData() ?? '').includes('personName'));
    await page.goto(`${t.url}/monitor/instances/${cases.none}`);
    await answered;
    await afterRender(page);
    expect(await page.getByTestId('instance-applicant').innerText()).toBe('—');
  });

  it('should say in the case page’s header that the applicant could not be read, not show the dash of no applicant', async () => {
    // given the applicant's read fails (the other variable reads of the page go through)
    const variableSearch = (url: URL) => url.pathname === '/v2/variables/search';
    await page.route(variableSearch, (route) =>
      route.request().postData()?.includes('personName') ? route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ status: 500, title: 'INTERNAL', detail: 'boom' }) }) : route.fallback(),
    );

    try {
      // when
      await page.goto(`${t.url}/monitor/instances/${cases.person}`);

      // then
      await expect.poll(() => page.getByTestId('instance-applicant').innerText()).toBe('未能读取，请刷新重试');
    } finally {
      await page.unroute(variableSearch);
    }
  });
});
