/**
 * A date-time field (form-js `datetime`, subtype datetime: a day and a time of day) completed with Ctrl+Enter
 * straight from it submits what the clerk typed, not the value it had: form-js takes a typed day and time into its
 * data only after the next paint, the task list's shortcut submits in the keydown (half-typed-date-validation.ts,
 * date-time-value.ts). A half-typed or impossible day or time is refused in Chinese, the old value kept. The office's
 * forms have no such field: a test form. The form view (form-view.tsx) on a page of its own, in headless Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callFormViewPage, dateFieldError, openDateFormPageForFile, overtype, showFormWith, submitAtCtrlEnter, submittedAtCtrlEnter } from '../../support/form-view-page.js';

const SCHEMA = {
  type: 'default',
  id: 'date-time-typed',
  schemaVersion: 18,
  components: [
    { type: 'datetime', id: 'visitAt', key: 'visitAt', subtype: 'datetime', dateLabel: '就诊日期', timeLabel: '就诊时间', use24h: true, timeInterval: 1 },
    { type: 'textfield', id: 'hospitalName', key: 'hospitalName', label: '医疗机构名称' },
  ],
};

let page: Page;

openDateFormPageForFile((opened) => (page = opened));

describe('a date-time field typed and submitted with Ctrl+Enter straight from it', { timeout: 60_000 }, () => {
  it('should submit the day and time she typed over the old ones (Ctrl+Enter in the time)', async () => {
    // given a form with 就诊 2026/3/2 09:00
    await open({ visitAt: '2026-03-02T09:00' });
    expect(await page.getByLabel('就诊日期').inputValue()).toBe('2026/3/2');
    expect(await page.getByLabel('就诊时间').inputValue()).toBe('09:00');

    // when the clerk overtypes the day with 2026/3/5, Tab, the time with 14:30, and presses Ctrl+Enter there
    await overtype(page, '就诊日期', '2026/3/5');
    await page.keyboard.press('Tab');
    await overtype(page, '就诊时间', '14:30');
    await page.keyboard.press('Control+Enter');

    // then what that keydown submitted is the day and time she typed
    expect(await submittedAtCtrlEnter(page)).toEqual({ data: expect.objectContaining({ visitAt: '2026-03-05T14:30' }), errors: {} });
  });

  it('should submit a day typed with Ctrl+Enter in the day, with the time the field has', async () => {
    // given a form with 就诊 2026/3/2 09:00
    await open({ visitAt: '2026-03-02T09:00' });

    // when the clerk overtypes the day with 2026/3/5 and presses Ctrl+Enter in it
    await overtype(page, '就诊日期', '2026/3/5');
    await page.keyboard.press('Control+Enter');

    // then 2026-03-05 at 09:00 is submitted
    expect(await submittedAtCtrlEnter(page)).toEqual({ data: expect.objectContaining({ visitAt: '2026-03-05T09:00' }), errors: {} });
  });

  it('should submit a day and a time typed into an empty field', async () => {
    // given an empty form
    await open({});

    // when the clerk types 2026年3月5日 (Tab) and 8:05, and presses Ctrl+Enter in the time
    await page.getByLabel('就诊日期').click();
    await page.keyboard.type('2026年3月5日');
    await page.keyboard.press('Tab');
    await overtype(page, '就诊时间', '8:05');
    await page.keyboard.press('Control+Enter');

    // then 2026-03-05 at 08:05 is submitted
    expect(await submittedAtCtrlEnter(page)).toEqual({ data: expect.objectContaining({ visitAt: '2026-03-05T08:05' }), errors: {} });
  });

  it('should refuse a half-typed day, keep it and the old value, and say what is missing', async () => {
    // given a form with 就诊 2026/3/2 09:00
    await open({ visitAt: '2026-03-02T09:00' });

    // when the clerk overtypes the day with 2026/3 and presses Ctrl+Enter
    await overtype(page, '就诊日期', '2026/3');
    await page.keyboard.press('Control+Enter');

    // then the form is not submitted: the field says what is missing, the old value kept, her text too
    const message = '请输入完整日期，如 2026/12/7（原日期 2026/3/2 仍保留，未改动）';
    expect(await submittedAtCtrlEnter(page)).toEqual({ data: expect.objectContaining({ visitAt: '2026-03-02T09:00' }), errors: { visitAt: [message] } });
    await expect.poll(() => errorOf()).toBe(message);
    expect(await page.getByLabel('就诊日期').inputValue()).toBe('2026/3');
  });

  it('should refuse a day not on the calendar', async () => {
    // given an empty form
    await open({});

    // when the clerk types 2026/2/30, Tab, 10:00, and presses Ctrl+Enter
    await page.getByLabel('就诊日期').click();
    await page.keyboard.type('2026/2/30');
    await page.keyboard.press('Tab');
    await overtype(page, '就诊时间', '10:00');
    await page.keyboard.press('Control+Enter');

    // then the form is not submitted, and the field says why
    expect((await submittedAtCtrlEnter(page)).errors).toEqual({ visitAt: ['日期不存在：2026年2月没有30日，请核对'] });
    expect(await page.getByLabel('就诊日期').inputValue()).toBe('2026/2/30');
  });

  it('should refuse a half-typed or impossible time, and say so even once form-js wiped it', async () => {
    // given a form with 就诊 2026/3/2 09:00
    await open({ visitAt: '2026-03-02T09:00' });

    // when the clerk overtypes the time with 14 and presses Ctrl+Enter
    await overtype(page, '就诊时间', '14');
    await page.keyboard.press('Control+Enter');

    // then the form is not submitted: the field says what is missing
    expect(await submittedAtCtrlEnter(page)).toEqual({ data: expect.objectContaining({ visitAt: '2026-03-02T09:00' }), errors: { visitAt: ['请输入完整时间，如 14:30'] } });
    await expect.poll(() => errorOf()).toBe('请输入完整时间，如 14:30');

    // and when she overtypes it with 25:00 and presses Ctrl+Enter
    await overtype(page, '就诊时间', '25:00');
    await page.keyboard.press('Control+Enter');

    // then the form is not submitted either, and the field says why (form-js's timepicker empties a time it cannot
    // read at the Enter, and with it the field's value: what she typed is what the message is about)
    expect((await submittedAtCtrlEnter(page)).errors).toEqual({ visitAt: ['时间不存在，请核对（小时 0–23，分钟 0–59）'] });
    await expect.poll(() => errorOf()).toBe('时间不存在，请核对（小时 0–23，分钟 0–59）');

    // and when she leaves it with Tab, the time wiped, the field still says why
    await page.keyboard.press('Tab');
    await expect.poll(() => errorOf()).toBe('时间不存在，请核对（小时 0–23，分钟 0–59）');

    // and when she comes back to the empty time and leaves it empty, the time she typed is forgotten: no message
    await page.getByLabel('就诊时间').click();
    await page.keyboard.press('Tab');
    await expect.poll(() => errorOf()).toBe(null);
  });

  it('should refuse a time off the field’s interval at Ctrl+Enter, not floor it unseen', async () => {
    // given a field whose times go by 15 minutes, with 就诊 2026/3/2 09:00
    const byQuarters = { ...SCHEMA, components: [{ ...SCHEMA.components[0], timeInterval: 15 }, SCHEMA.components[1]] };
    await page.evaluate(() => ((window as unknown as { ctrlEnterSubmitted?: unknown }).ctrlEnterSubmitted = undefined));
    await callFormViewPage(page, 'open', byQuarters, { visitAt: '2026-03-02T09:00' });
    await page.clock.runFor(500);

    // when the clerk overtypes the time with 14:37 and presses Ctrl+Enter in it
    await overtype(page, '就诊时间', '14:37');
    await page.keyboard.press('Control+Enter');

    // then the form is not submitted (not 14:30 unseen), and the field says which times it takes and that its time
    // is now 14:30, which it shows, for her to check — true after the key too
    const message = '时间须为 15 分钟的整数倍，已调整为 14:30，请核对后再提交';
    expect((await submittedAtCtrlEnter(page)).errors).toEqual({ visitAt: [message] });
    await expect.poll(() => errorOf()).toBe(message);
    await page.clock.runFor(500);
    expect(await errorOf()).toBe(message);
    expect(await page.getByLabel('就诊时间').inputValue()).toBe('14:30');

    // and when she presses Ctrl+Enter again, the time the field shows (14:30) is submitted
    await page.keyboard.press('Control+Enter');
    expect(await submittedAtCtrlEnter(page)).toEqual({ data: expect.objectContaining({ visitAt: '2026-03-02T14:30' }), errors: {} });
  });
});

/** Selects all in the field labelled `label` and types `text` over it. */
/** Shows the form with `data`, submitted at Ctrl+Enter in the keydown as the task list does. */
async function open(data: Record<string, unknown>): Promise<void> {
  await showFormWith(page, SCHEMA, data);
  await submitAtCtrlEnter(page);
}

const errorOf = () => dateFieldError(page);
