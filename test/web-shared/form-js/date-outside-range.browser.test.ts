/**
 * A whole date typed into a date field whose calendar does not allow it — a day before today in a field with
 * "disallow passed dates" — stays as typed, the field names the days it takes in Chinese, and the form cannot be
 * submitted with it (date-outside-range.ts): flatpickr, form-js's calendar, dropped such a date without a word, and
 * the form went without the date she meant (or with the old one). A day picked before midnight in a form left open
 * past it stays too, marked the same way, as the calendar opens. The office's forms have no such field: a test
 * form. The form view (form-view.tsx) on a page of its own, in headless Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callFormViewPage, dateFieldError, openDateFormPageForFile, overtype, showFormWith, submitAtCtrlEnter, submitForm, submittedAtCtrlEnter } from '../../support/form-view-page.js';

const SCHEMA = {
  type: 'default',
  id: 'date-outside-range',
  schemaVersion: 18,
  components: [
    { type: 'datetime', id: 'appointmentDay', key: 'appointmentDay', subtype: 'date', dateLabel: '预约日期', disallowPassedDates: true },
    { type: 'textfield', id: 'hospitalName', key: 'hospitalName', label: '医疗机构名称' },
  ],
};

const MESSAGE = '日期超出允许范围：只能填写 2026/3/2 或之后的日期';

let page: Page;

// (today 2026/3/2)
openDateFormPageForFile((opened) => (page = opened), {
  now: '2026-03-02T04:00:00Z',
  moreExports: `
        export const openAt = (schema, data, now) => showForm({ schema, data, now: () => Date.parse(now) });
        export const openOnPageClock = (schema, data) => showForm({ schema, data, now: () => Date.now() });`,
});

describe('a date typed outside the days a date field allows', { timeout: 60_000 }, () => {
  it('should keep a passed day as typed, name the days allowed, and refuse the form', async () => {
    // given an empty form whose 预约日期 takes no passed day
    await open({});

    // when the clerk types 2026/3/1 (yesterday) and leaves with Tab
    await page.getByLabel('预约日期').click();
    await page.keyboard.type('2026/3/1');
    await page.keyboard.press('Tab');

    // then her text stays, the field says which days it takes, and the form cannot be submitted with it
    await expect.poll(() => errorOf()).toBe(MESSAGE);
    expect(await page.getByLabel('预约日期').inputValue()).toBe('2026/3/1');
    expect(await page.getByLabel('预约日期').getAttribute('aria-invalid')).toBe('true');
    const { data, errors } = await submit();
    expect(data['appointmentDay'] ?? null).toBe(null);
    expect(errors).toEqual({ appointmentDay: [MESSAGE] });

    // when she corrects it to 2026/3/9 and leaves with Enter
    await overtype(page, '预约日期', '2026/3/9');
    await page.keyboard.press('Enter');

    // then the date is the form's and the error is gone
    await expect.poll(() => errorOf()).toBe(null);
    expect(await submit()).toEqual({ data: expect.objectContaining({ appointmentDay: '2026-03-09' }), errors: {} });
  });

  it('should keep the old date, not submit, when she overtypes it with a passed day and presses Ctrl+Enter', async () => {
    // given a form with 预约日期 2026/3/5, submitted at Ctrl+Enter as the task list does (a listener on window)
    await open({ appointmentDay: '2026-03-05' });
    await submitAtCtrlEnter(page);

    // when the clerk overtypes it with 2026/2/27 and presses Ctrl+Enter in the field
    await overtype(page, '预约日期', '2026/2/27');
    await page.keyboard.press('Control+Enter');

    // then the form is not submitted: the field names the days allowed, her text and the old date kept
    const message = `${MESSAGE}（原日期 2026/3/5 仍保留，未改动）`;
    expect(await submittedAtCtrlEnter(page)).toEqual({ data: expect.objectContaining({ appointmentDay: '2026-03-05' }), errors: { appointmentDay: [message] } });
    await expect.poll(() => errorOf()).toBe(message);
    expect(await page.getByLabel('预约日期').inputValue()).toBe('2026/2/27');
  });

  it('should take no day before the office’s day, when the PC’s date is another', async () => {
    // given the office's clock already on 2026/3/3 in Xining (00:30), the PC's date still 2026/3/2
    await callFormViewPage(page, 'openAt', SCHEMA, {}, '2026-03-03T00:30:00+08:00');
    await page.clock.runFor(500);
    expect(await page.evaluate(() => new Date().getDate())).toBe(2);

    // when the clerk types 2026/3/2 (the PC's today, the office's yesterday) and leaves with Tab
    await page.getByLabel('预约日期').click();
    await page.keyboard.type('2026/3/2');
    await page.keyboard.press('Tab');

    // then it is refused, the field naming the office's day as the first allowed
    await expect.poll(() => errorOf()).toBe('日期超出允许范围：只能填写 2026/3/3 或之后的日期');
    expect((await submit()).data['appointmentDay'] ?? null).toBe(null);
  });

  it('should move the first day taken on with the office’s day, in a form left open past midnight', async () => {
    // given a form opened at 23:50 on 2026/3/2 in Xining, left open past midnight
    await page.clock.setSystemTime(new Date('2026-03-02T15:50:00Z'));
    await callFormViewPage(page, 'openOnPageClock', SCHEMA, {});
    await page.clock.runFor(500);
    await page.clock.runFor(20 * 60_000);

    // when the clerk opens the calendar, types 2026/3/2 (yesterday by now) and leaves with Tab
    await page.getByLabel('预约日期').click();
    await page.keyboard.type('2026/3/2');
    await page.keyboard.press('Tab');

    // then it is refused, the field naming the new day as the first allowed
    await expect.poll(() => errorOf()).toBe('日期超出允许范围：只能填写 2026/3/3 或之后的日期');
  });

  it('should keep a day picked before midnight as the calendar opens after it, name the days allowed, and refuse the form, not send it empty', async () => {
    // given a form opened at 23:50 on 2026/3/2 in Xining with 预约日期 2026/3/2 (today then), left open past midnight
    await page.clock.setSystemTime(new Date('2026-03-02T15:50:00Z'));
    await callFormViewPage(page, 'openOnPageClock', SCHEMA, { appointmentDay: '2026-03-02' });
    await page.clock.runFor(500);
    expect(await page.getByLabel('预约日期').inputValue()).toBe('2026/3/2');
    await page.clock.runFor(20 * 60_000);

    // when the clerk opens its calendar (a click), and leaves the field with Tab
    await page.getByLabel('预约日期').click();
    await page.locator('.flatpickr-calendar.open').waitFor();
    await page.keyboard.press('Tab');

    // then the date stays in the field, which says it is no longer allowed, and the form is refused with the date
    // still its own, not sent without it
    const message = '日期超出允许范围：只能填写 2026/3/3 或之后的日期';
    await expect.poll(() => errorOf()).toBe(message);
    expect(await page.getByLabel('预约日期').inputValue()).toBe('2026/3/2');
    expect(await submit()).toEqual({ data: expect.objectContaining({ appointmentDay: '2026-03-02' }), errors: { appointmentDay: [message] } });
  });
});

const open = (data: Record<string, unknown>): Promise<void> => showFormWith(page, SCHEMA, data);

const submit = () => submitForm(page);

const errorOf = () => dateFieldError(page);
