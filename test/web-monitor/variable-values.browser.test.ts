/**
 * A case's variables on the monitor's case page, in headless Chromium, as a manager reads them: each by its Chinese
 * label with the technical name beneath, values in words — amounts as ¥12,345.60, a form option's code by its label,
 * 是/否, office date-times, lists joined with 、 — and ID numbers, bank accounts and diagnoses masked in those words
 * as in the raw JSON that 显示原始值（JSON） shows and 修改 edits. A failed read says why beside 重试, which reads
 * again; a failed re-read after an edit leaves the values read before (the panel's, the header's applicant and
 * acceptance date), noted as of then, beside 重新读取. 案件查询
 * offers the variable names by their Chinese labels.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterRender } from '../support/after-render.js';
import { serviceTaskProcess } from '../support/bpmn.js';
import { formatDateTime } from '../../web-shared/src/format/dates.js';
import { MANAGER, openCaseAsManager, startMonitorHarness } from '../support/monitor-browser.js';
import { pageHolds } from '../support/page-holds.js';
import { BANK_ACCOUNT, DIAGNOSIS, FULL_VALUES, ID_NUMBER, MEMBER_ID } from '../support/personal-values.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'monitor-variable-values';
const MASKED_ID = '630103********2014';

/** A case waiting at a job nobody works, so its variables stay as the test leaves them. */
const waiting = serviceTaskProcess('monitor-test-nobody-works-this', { processId: PROCESS_ID, task: 'wait', name: '变量显示测试' });

let t: TasklistHarness;
let page: Page;
let key: string;

beforeAll(async () => {
  t = await startMonitorHarness({ [PROCESS_ID]: waiting });
  key = await t.harness.start(PROCESS_ID, {
    reimbursementCategory: 'inpatient',
    paymentRoute: 'personalAccount',
    note: 'inpatient',
    totalExpenses: '12345.6',
    contributionBase: 4200,
    contributionMonths: 12345,
    identityValid: true,
    acceptedAt: '2026-03-02T01:30:00Z',
    submittedMaterials: ['医院收费票据', '住院费用清单（住院）'],
    expenseItems: [{ item: '床位费', amount: '1200' }],
    idNumber: ID_NUMBER,
    payeeBankAccount: BANK_ACCOUNT,
    diagnosis: DIAGNOSIS,
    familyMembers: [{ name: '马小兰', idNumber: MEMBER_ID }],
    checkNote: `身份证 ${ID_NUMBER} 已核对`,
  });
  page = await openCaseAsManager(t, key, '[data-variable="reimbursementCategory"]');
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

/**
 * The case page in a page of its own, whose variables' answer (as another Camunda may give it) holds an ID number as
 * a JSON number under a name not known as personal, alone and in an object, a long integer of no ID number's shape, a
 * decimal written 1.50 and a value cut short.
 */
async function openWithForeignValues(): Promise<Page> {
  const own = await t.openMonitorAs(MANAGER);
  await own.route(/\/v2\/variables\/search/, async (route) => {
    if ((route.request().postData() ?? '').includes('$in')) return route.continue();
    let response;
    let body: { items: Record<string, unknown>[] };
    try {
      response = await route.fetch();
      body = (await response.json()) as { items: Record<string, unknown>[] };
    } catch {
      return; // the test closed the page while this read was on its way
    }
    const template = body.items.find((item) => item.name === 'contributionMonths')!;
    const added = [
      { name: 'applicantCode', value: '630102199001011234', isTruncated: false },
      { name: 'rateText', value: '1.50', isTruncated: false },
      { name: 'materialsCut', value: '["医院收费票据","住院', isTruncated: true },
      { name: 'externalRef', value: '12345678901234567890', isTruncated: false },
      { name: 'linked', value: '{"code":630102199001011234,"key":2251799813685249,"note":"旧"}', isTruncated: false },
    ].map((item, index) => ({ ...template, ...item, variableKey: `${String(template.variableKey)}${index}` }));
    // the page may have closed meanwhile too
    return route.fulfill({ response, json: { ...body, items: [...body.items, ...added] } }).catch(() => undefined);
  });
  return own;
}

const value = (name: string, on = page) => on.locator(`[data-variable="${name}"] td.value`).innerText();

describe('variables on the monitor’s case page (/monitor) in Chromium', { timeout: 120_000 }, () => {
  it('should show each value as staff read it: amounts in yuan, option labels, 是/否, dates, lists', async () => {
    expect(await value('totalExpenses')).toBe('¥12,345.60');
    expect(await value('contributionBase')).toBe('¥4,200.00');
    // a number that is no amount stays a number
    expect(await value('contributionMonths')).toBe('12345');
    expect(await value('reimbursementCategory')).toBe('住院费用');
    expect(await value('paymentRoute')).toMatch(/^\p{Script=Han}/u);
    expect(await value('identityValid')).toBe('是');
    expect(await value('acceptedAt')).toBe('2026-03-02 09:30');
    expect(await value('submittedMaterials')).toBe('医院收费票据、住院费用清单（住院）');
    expect(await value('expenseItems')).toBe('费用项目：床位费，金额（元）：¥1,200.00');
  });

  it('should name each variable by its Chinese label with the technical name beneath, and one nothing labels by its name', async () => {
    expect(await page.locator('[data-variable="identityValid"] td.name').innerText()).toMatch(/^身份核验通过\s+identityValid$/);
    expect(await page.locator('[data-variable="identityValid"] td.name .label').innerText()).toBe('身份核验通过');
    expect(await page.locator('[data-variable="checkNote"] td.name').innerText()).toBe('checkNote');
  });

  it('should give no reading to a value that is no option of its variable, and mask personal data in the words', async () => {
    expect(await value('note')).toBe('inpatient');
    expect(await value('idNumber')).toBe(MASKED_ID);
    expect(await value('payeeBankAccount')).toBe('****4567');
    expect(await value('diagnosis')).toBe('（已遮挡）');
    expect(await value('familyMembers')).toContain('630102********1234');
    expect(await value('checkNote')).toBe(`身份证 ${MASKED_ID} 已核对`);
    expect(await pageHolds(page, FULL_VALUES)).toEqual([]);
  });

  it('should show the values as the engine holds them (JSON, masked) on 显示原始值（JSON）, and open JSON on 修改', async () => {
    // when
    await page.getByLabel('显示原始值（JSON）').check();

    // then
    expect(await value('totalExpenses')).toBe('"12345.6"');
    expect(await value('reimbursementCategory')).toBe('"inpatient"');
    expect(await value('identityValid')).toBe('true');
    expect(await value('submittedMaterials')).toBe('["医院收费票据","住院费用清单（住院）"]');
    expect(await value('idNumber')).toBe(`"${MASKED_ID}"`);
    expect(await value('diagnosis')).toBe('"（已遮挡）"');
    expect(await pageHolds(page, FULL_VALUES)).toEqual([]);

    // when she goes back to the words and opens an amount for repair
    await page.getByLabel('显示原始值（JSON）').uncheck();
    expect(await value('totalExpenses')).toBe('¥12,345.60');
    const row = page.locator('[data-variable="totalExpenses"]');
    await row.getByRole('button', { name: '修改 totalExpenses' }).click();

    // then the box holds the JSON the engine holds, as before
    expect(await row.getByRole('textbox').inputValue()).toBe('"12345.6"');
    await row.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => row.locator('textarea').count()).toBe(0);
  });

  it('should show an ID number stored as a long JSON number masked, not rounded, and a raw value as stored, a cut one ending in …', async () => {
    // given the case page with values as another Camunda may give them
    const own = await openWithForeignValues();

    // when
    await own.goto(`${t.url}/monitor/instances/${key}`);
    await own.locator('[data-variable="applicantCode"]').waitFor({ timeout: 20_000 });

    // then the words show it masked, not as 630102199001011200
    expect(await value('applicantCode', own)).toBe('630102********1234');
    // and so does the raw JSON, where a value masking leaves alone is shown as stored, a cut one ending in …
    await own.getByLabel('显示原始值（JSON）').check();
    expect(await value('applicantCode', own)).toBe('"630102********1234"');
    expect(await value('rateText', own)).toBe('1.50');
    expect(await value('materialsCut', own)).toBe('["医院收费票据","住院…');
    expect(await value('contributionMonths', own)).toBe('12345');
    // a long integer masking leaves alone, as stored (not quoted, not rounded), and in words its digits
    expect(await value('externalRef', own)).toBe('12345678901234567890');
    expect(await value('linked', own)).toBe('{"code":"630102********1234","key":2251799813685249,"note":"旧"}');
    await own.getByLabel('显示原始值（JSON）').uncheck();
    expect(await value('externalRef', own)).toBe('12345678901234567890');
    expect(await pageHolds(own, ['630102199001011234', '630102199001011200'])).toEqual([]);
    await own.context().close();
  });

  it('should put the exact digits of a long JSON number in the box on 显示原值 and send them exactly on 保存', async () => {
    // given the case page with the foreign values, its saves caught (the body as the engine would receive it)
    const own = await openWithForeignValues();
    const sent: string[] = [];
    await own.route(/\/v2\/element-instances\/[^/]+\/variables$/, (route) => {
      sent.push(route.request().postData() ?? '');
      return route.fulfill({ status: 204 });
    });
    await own.goto(`${t.url}/monitor/instances/${key}`);
    await own.locator('[data-variable="linked"]').waitFor({ timeout: 20_000 });

    // when she opens the object holding the ID number for repair: masked first, then revealed
    const row = own.locator('[data-variable="linked"]');
    await row.getByRole('button', { name: '修改 linked' }).click();
    const box = row.getByRole('textbox');
    expect(await box.inputValue()).toContain('"630102********1234"');
    await row.getByRole('button', { name: '显示原值' }).click();

    // then the box holds the exact digits (not 630102199001011200), the engine key still a number
    await expect.poll(() => box.inputValue()).toBe('{\n  "code": 630102199001011234,\n  "key": 2251799813685249,\n  "note": "旧"\n}');

    // when she changes only the note and saves
    await box.fill((await box.inputValue()).replace('"旧"', '"新"'));
    await row.getByRole('button', { name: '保存' }).click();

    // then the body carries the number's digits exactly
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]).toBe('{"variables":{"linked":{"code":630102199001011234,"key":2251799813685249,"note":"新"}},"local":true}');

    // and a long integer no masking touches is in the box and sent as stored
    const ref = own.locator('[data-variable="externalRef"]');
    await ref.getByRole('button', { name: '修改 externalRef' }).click();
    expect(await ref.getByRole('textbox').inputValue()).toBe('12345678901234567890');
    await ref.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => sent.length).toBe(2);
    expect(sent[1]).toBe('{"variables":{"externalRef":12345678901234567890},"local":true}');
    await own.context().close();
  });

  it("should say why the variables could not be read, with 重试 that reads them again (the panel's read, then the case's personal values)", async () => {
    for (const failing of ['panel', 'all'] as const) {
      // given the case page in a page of its own whose reads of the variables fail (only the panel's, or every one)
      const own = await t.openMonitorAs(MANAGER);
      let failed = 0;
      let fail = true;
      await own.route(/\/v2\/variables\/search/, async (route) => {
        const ours = !(route.request().postData() ?? '').includes('$in');
        if (fail && (failing === 'all' || ours)) {
          failed += 1;
          return route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: '服务暂不可用' }) });
        }
        return route.continue();
      });

      // when
      await own.goto(`${t.url}/monitor/instances/${key}`);

      // then
      const panel = own.getByTestId('variables');
      await expect.poll(() => panel.getByRole('alert').count(), { timeout: 20_000 }).toBe(1);
      // (every read failing, the panel's own failure shows first while the case's personal values are still read, and
      // gives way to theirs when that read fails: the same one alert, another text)
      await expect.poll(() => panel.getByRole('alert').innerText()).toContain(failing === 'panel' ? '未能读取案件的变量' : '未能读取案件数据');
      if (failing === 'all') expect(await panel.getByRole('alert').innerText()).toContain('请点「重试」');
      expect(failed).toBeGreaterThan(0);

      // when the reads answer again and she presses 重试
      fail = false;
      await panel.getByRole('button', { name: '重试' }).click();

      // then
      await expect.poll(() => value('totalExpenses', own), { timeout: 20_000 }).toBe('¥12,345.60');
      expect(await panel.getByRole('alert').count()).toBe(0);
      expect(await value('idNumber', own)).toBe(MASKED_ID);
      // and the keyboard goes on from the list, not from the page's start (the 重试 button is gone)
      // (the focus moves in an effect, after the render that shows the values: a frame and more later)
      await expect.poll(() => own.evaluate(() => document.activeElement?.closest('[data-testid="variables"]') !== null)).toBe(true);
      await own.context().close();
    }
  });

  it('should keep the values read before, noted as of then and maybe stale, when the re-read after an edit fails, and read them again on 重新读取', async () => {
    // given the case page in a page of its own, its variables read once
    const own = await t.openMonitorAs(MANAGER);
    let fail = false;
    // the panel's reads wait for this while set, and say so when one does
    let held: Promise<void> | undefined;
    let holding = () => undefined as void;
    await own.route(/\/v2\/variables\/search/, async (route) => {
      // (only the panel's read of the case's variables: the header's and the personal values' go by $in)
      if (held && !(route.request().postData() ?? '').includes('$in')) {
        holding();
        await held;
      }
      if (fail && !(route.request().postData() ?? '').includes('$in')) {
        return route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: '服务暂不可用' }) });
      }
      return route.continue();
    });
    const readFrom = await own.evaluate(() => Date.now());
    await own.goto(`${t.url}/monitor/instances/${key}`);
    await own.locator('[data-variable="contributionMonths"]').waitFor({ timeout: 20_000 });
    const readUntil = await own.evaluate(() => Date.now());
    const panel = own.getByTestId('variables');
    const stale = own.getByTestId('variables-stale');

    // when she changes a value while the reads of the variables fail
    fail = true;
    const row = own.locator('[data-variable="contributionMonths"]');
    await row.getByRole('button', { name: '修改 contributionMonths' }).click();
    await row.getByRole('textbox').fill('12346');
    await row.getByRole('button', { name: '保存' }).click();

    // then the values read before stay, the one she saved shown as sent, under a note saying when they were read,
    // that they may be stale and why the re-read failed — not the failed first read's notice in their place
    await stale.waitFor({ timeout: 20_000 });
    const note = await stale.getByRole('alert').innerText();
    expect([formatDateTime(readFrom), formatDateTime(readUntil)].map((at) => `重新读取案件的变量失败，下面仍是 ${at} 读取的值，修改后由流程重新计算的变量可能不是最新：`)).toContain(note.slice(0, note.indexOf('：') + 1));
    expect(note).toContain('服务暂不可用');
    expect(await stale.getAttribute('class')).toContain('notice');
    expect(await value('totalExpenses', own)).toBe('¥12,345.60');
    expect(await value('idNumber', own)).toBe(MASKED_ID);
    expect(await value('contributionMonths', own)).toMatch(/^12346\s*已提交$/);
    expect(await panel.getByText('未能读取案件的变量').count()).toBe(0);
    expect(await pageHolds(own, FULL_VALUES)).toEqual([]);

    // when the reads answer again, but slowly, and she presses 重新读取
    fail = false;
    let release = () => undefined as void;
    held = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (holding = resolve));
    await stale.getByRole('button', { name: '重新读取' }).click();

    // then the note and its button stay while the read is on its way, the button saying 读取中…
    await expect.poll(() => stale.getByRole('button', { name: '读取中…' }).count(), { timeout: 20_000 }).toBe(1);
    // (the read has reached the server, and the page has rendered since: all it does before the answer is done)
    await reached;
    await afterRender(own);
    expect(await stale.count()).toBe(1);

    // when it answers
    held = undefined;
    release();

    // then the note is gone and the values are as the engine holds them now, the focus on the list
    await expect.poll(() => value('contributionMonths', own), { timeout: 20_000 }).toBe('12346');
    expect(await stale.count()).toBe(0);
    // (the focus moves in an effect, after the render that shows the values: a frame and more later)
    await expect.poll(() => own.evaluate(() => document.activeElement?.closest('[data-testid="variables"]') !== null)).toBe(true);
    await own.context().close();
  });

  it("should keep the header's facts read before, noted by which re-read failed and as of then, and show the value changed meanwhile once 重新读取 answers", async () => {
    // given a case of its own naming its applicant, its page open, the header read once
    const own = await t.openMonitorAs(MANAGER);
    const ownKey = await t.harness.start(PROCESS_ID, { personName: '马建国', acceptedAt: '2026-03-02T01:30:00Z', contributionMonths: 1 });
    // which of the header's reads fail (the applicant's names, the deadline's variables), or wait for `release`
    let failing: 'none' | 'applicant' | 'both' | 'held' = 'none';
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // the held reads that have reached the test's handler, and a call once both kinds have
    const heldReads = new Set<'applicant' | 'dates'>();
    let bothHeld = () => undefined as void;
    const reachedBoth = new Promise<void>((resolve) => (bothHeld = resolve));
    await own.route(/\/v2\/variables\/search/, async (route) => {
      const body = route.request().postData() ?? '';
      const applicant = body.includes('personName');
      const dates = body.includes('refusedBySystem');
      if (failing === 'held' && (applicant || dates)) {
        heldReads.add(applicant ? 'applicant' : 'dates');
        if (heldReads.size === 2) bothHeld();
        await released;
      }
      if ((failing === 'applicant' && applicant) || (failing === 'both' && (applicant || dates))) {
        return route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: '服务暂不可用' }) });
      }
      return route.continue().catch(() => undefined); // (the page may have closed meanwhile)
    });
    const readFrom = await own.evaluate(() => Date.now());
    await own.goto(`${t.url}/monitor/instances/${ownKey}`);
    await expect.poll(() => own.getByTestId('instance-applicant').innerText(), { timeout: 20_000 }).toBe('马建国');
    await expect.poll(() => own.getByTestId('accepted-day').innerText(), { timeout: 20_000 }).toBe('2026-03-02');
    const readUntil = await own.evaluate(() => Date.now());
    const stale = own.getByTestId('header-stale');
    const noteOf = (what: string) => [formatDateTime(readFrom), formatDateTime(readUntil)].map((at) => what.replace('AT', at));
    const edit = async (name: string, text: string) => {
      const row = own.locator(`[data-variable="${name}"]`);
      await row.getByRole('button', { name: `修改 ${name}` }).click();
      await row.getByRole('textbox').fill(text);
      await row.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => value(name, own), { timeout: 20_000 }).toMatch(/已提交$/);
    };

    // when she changes the applicant's name while only the applicant's read fails
    failing = 'applicant';
    await edit('personName', '"马建民"');

    // then the header keeps the name read before, under a note that names the applicant alone
    await stale.waitFor({ timeout: 20_000 });
    expect(noteOf('重新读取申请人失败，上方的申请人仍是 AT 读取的，可能不是最新。')).toContain(await stale.getByRole('alert').innerText());
    expect(await own.getByTestId('instance-applicant').innerText()).toBe('马建国');
    expect(await own.getByText('未能读取，请刷新重试').count()).toBe(0);

    // when she changes another value while both of the header's reads fail
    failing = 'both';
    await edit('contributionMonths', '2');

    // then the note names the applicant and the dates, and the facts counted from them — not 法定时限 (the catalogue's)
    await expect
      .poll(() => stale.getByRole('alert').innerText(), { timeout: 20_000 })
      .toSatisfy((note: string) => noteOf('重新读取申请人、受理日期和办理时限届满日失败，上方的申请人、受理日期、办理时限届满日和剩余工作日仍是 AT 读取的，可能不是最新。').includes(note));
    expect(await own.getByTestId('accepted-day').innerText()).toBe('2026-03-02');
    expect(await own.getByText('案件变量未能读取').count()).toBe(0);

    // when the reads answer again, but slowly, and she presses 重新读取
    failing = 'held';
    await stale.getByRole('button', { name: '重新读取' }).click();

    // then the note and its button stay while the reads are on their way, the button saying 读取中…
    await expect.poll(() => stale.getByRole('button').innerText(), { timeout: 20_000 }).toBe('读取中…');
    // (both reads have reached the server, and the page has rendered since: all it does before the answers is done)
    await reachedBoth;
    await afterRender(own);
    expect(await stale.count()).toBe(1);
    expect(await own.getByTestId('instance-applicant').innerText()).toBe('马建国');

    // when they answer
    release();

    // then the note is gone, the header shows the name she changed, and the focus is on the facts read
    await expect.poll(() => own.getByTestId('instance-applicant').innerText(), { timeout: 20_000 }).toBe('马建民');
    // (the name, the note's removal and the focus come in separate renders: each is waited for, not read once)
    await expect.poll(() => stale.count()).toBe(0);
    await expect.poll(() => own.evaluate(() => document.activeElement?.matches('dl.facts') === true)).toBe(true);
    await own.context().close();
  });

  it("should say 未能读取 when the case's first read of its variables fails, with no values and no note of stale ones", async () => {
    // given the case page in a page of its own whose every read of the panel's variables fails
    const own = await t.openMonitorAs(MANAGER);
    await own.route(/\/v2\/variables\/search/, (route) =>
      (route.request().postData() ?? '').includes('$in')
        ? route.continue()
        : route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: '服务暂不可用' }) }),
    );

    // when
    await own.goto(`${t.url}/monitor/instances/${key}`);

    // then
    const panel = own.getByTestId('variables');
    await expect.poll(() => panel.getByRole('alert').count(), { timeout: 20_000 }).toBe(1);
    expect(await panel.getByRole('alert').innerText()).toContain('未能读取案件的变量');
    expect(await own.getByTestId('variables-stale').count()).toBe(0);
    expect(await panel.locator('[data-variable]').count()).toBe(0);
    await own.context().close();
  });

  it('should offer the variable names of 案件查询 by their Chinese labels, with a Chinese hint, and name the pages in the shortcut hint as their tabs do', async () => {
    // when the manager opens 案件查询
    await page.getByRole('link', { name: '案件查询' }).first().click();
    const input = page.getByLabel('变量名');

    // then the field says what to type in Chinese, and its suggestions carry the labels beside the names
    expect(await input.getAttribute('placeholder')).toMatch(/\p{Script=Han}/u);
    const listId = await input.getAttribute('list');
    const option = page.locator(`datalist[id="${listId}"] option[value="personName"]`);
    expect(await option.getAttribute('label')).toBe('参保人姓名');
    // and the shortcut hint names the pages as their tabs do
    const tabs = await page.locator('nav a').allInnerTexts();
    expect(tabs).toContain('流程热力图');
    expect(await page.locator('body').innerText()).toContain('首页/逾期与临期/案件查询/流程热力图');
  });
});
