/**
 * A date field a clerk leaves half typed ("2026", "2026/3") keeps her text and says in Chinese what is missing —
 * 请输入完整日期，如 2026/12/7 — and the form cannot be submitted with it (half-typed-date.ts): flatpickr, form-js's
 * calendar, read such a text as the first day of its year or month and wrote that date into the field and the
 * form's data, a date nobody gave. A day not on the calendar (2026/2/30) is kept and marked the same way (flatpickr
 * rolled it over into the next month), a date the field had stays the form's while her text is no date, and whole
 * dates flatpickr cannot read (20261207, full-width digits) are taken. The form view (form-view.tsx) on a page of its
 * own, in headless Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callFormViewPage, changesHandedOn, emptyAndLeave, fieldErrorOf, openDateFormPageForFile, overtypeAndLeave, showFormWith, submitAtCtrlEnter, submitForm, submittedAtCtrlEnter } from '../../support/form-view-page.js';
import { BILLS_WITH_DAYS, DISCHARGE_DAY, HOSPITAL_NAME } from '../../support/date-form-fields.js';

const MESSAGE = '请输入完整日期，如 2026/12/7';

const SCHEMA = {
  type: 'default',
  id: 'half-typed-date',
  schemaVersion: 18,
  components: [
    DISCHARGE_DAY,
    HOSPITAL_NAME,
    BILLS_WITH_DAYS,
  ],
};

const REQUIRED = {
  type: 'default',
  id: 'required-date',
  schemaVersion: 18,
  components: [{ type: 'datetime', id: 'acceptedOn', key: 'acceptedOn', subtype: 'date', dateLabel: '受理日期', validate: { required: true } }],
};

let page: Page;

openDateFormPageForFile((opened) => (page = opened));

describe('a date field left half typed', { timeout: 60_000 }, () => {
  it('should keep “2026” as typed and say what is missing, not invent 2026年1月1日', async () => {
    // given an empty form
    await open({});

    // when the clerk types 2026 into 出院日期 and leaves with Tab
    await page.getByLabel('出院日期').click();
    await page.keyboard.type('2026');
    await page.keyboard.press('Tab');

    // then the field shows 2026, the field's error says what is missing, and the form's data has no date
    await expect.poll(() => errorOf('出院日期')).toBe(MESSAGE);
    expect(await page.getByLabel('出院日期').inputValue()).toBe('2026');
    // and the form cannot be submitted with it
    const { data, errors } = await submit();
    expect(data['treatmentTo'] ?? null).toBe(null);
    expect(errors['treatmentTo']).toEqual([MESSAGE]);
    // and the focus went on, to the next field
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.innerText)).toBe('医疗机构名称');
  });

  it('should keep “2026/3” typed at once as the form showed, before its calendar came, and say what is missing', async () => {
    // given the form shown on a busy PC (the page's clock held): the field there, its calendar not set up yet
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    const opened = callFormViewPage(page, 'open', SCHEMA, {});
    for (let ms = 0; ms < 1_000 && !(await page.getByLabel('出院日期').count()); ms += 1) await page.clock.runFor(1);
    expect(await page.getByLabel('出院日期').evaluate((input) => input.classList.contains('flatpickr-input'))).toBe(false);

    // when the clerk puts 2026/3 into 出院日期 at once (an input method's entry) and leaves with Tab
    await page.getByLabel('出院日期').focus();
    await page.keyboard.insertText('2026/3');
    await page.keyboard.press('Tab');
    await page.clock.runFor(500);
    await page.clock.resume();
    await opened;

    // then the field shows 2026/3, with the error, and the form has no date
    await expect.poll(() => errorOf('出院日期')).toBe(MESSAGE);
    expect(await page.getByLabel('出院日期').inputValue()).toBe('2026/3');
    expect((await submit()).data['treatmentTo'] ?? null).toBe(null);
  });

  it('should keep a date the clerk overtyped with half of one (Enter), say so, and take the whole one she types after', async () => {
    // given a form with 出院日期 2026年3月2日
    await open({ treatmentTo: '2026-03-02' });
    expect(await page.getByLabel('出院日期').inputValue()).toBe('2026/3/2');

    // when the clerk overtypes it with 2026/3 and presses Enter
    await page.getByLabel('出院日期').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026/3');
    await page.keyboard.press('Enter');

    // then her text stays, the error says what is missing and that the old date is kept, and it is still the form's
    const kept = `${MESSAGE}（原日期 2026/3/2 仍保留，未改动）`;
    await expect.poll(() => errorOf('出院日期')).toBe(kept);
    expect(await page.getByLabel('出院日期').inputValue()).toBe('2026/3');
    // (nothing handed on as changed to the draft: no empty date saved over the case's)
    expect((await changesHandedOn(page)).map((data) => data['treatmentTo'])).not.toContain(null);
    // and the form cannot be submitted, its data still the old date
    expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: '2026-03-02' }), errors: { treatmentTo: [kept] } });
    // and the input is marked invalid for a screen reader
    expect(await page.getByLabel('出院日期').getAttribute('aria-invalid')).toBe('true');

    // when she types the day and leaves by a click elsewhere
    await page.getByLabel('出院日期').click();
    await page.keyboard.press('End');
    await page.keyboard.type('/5');
    await page.getByLabel('医疗机构名称').click();

    // then the date is the form's and the error is gone
    await expect.poll(() => errorOf('出院日期')).toBe(null);
    expect(await page.getByLabel('出院日期').inputValue()).toBe('2026/3/5');
    expect(await page.getByLabel('出院日期').getAttribute('aria-invalid')).toBe(null);
    expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: '2026-03-05' }), errors: {} });
  });

  it('should keep the old date when the clerk overtypes it and leaves with Tab, and still take the field emptied', async () => {
    // given a form with 出院日期 2026年3月2日, overtyped with 2026 and left
    await open({ treatmentTo: '2026-03-02' });
    await overtypeAndLeave(page, '出院日期', '2026');
    await expect.poll(() => errorOf('出院日期')).toBe(`${MESSAGE}（原日期 2026/3/2 仍保留，未改动）`);
    expect((await submit()).data['treatmentTo']).toBe('2026-03-02');

    // when she empties the field and leaves
    await emptyAndLeave(page, '出院日期');

    // then the date is taken away, without an error
    await expect.poll(() => errorOf('出院日期')).toBe(null);
    expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: null }), errors: {} });
  });

  it('should take a day the clerk picks in the calendar over her half-typed text', async () => {
    // given 出院日期 2026年3月2日 overtyped with 2026/3 and left
    await open({ treatmentTo: '2026-03-02' });
    await overtypeAndLeave(page, '出院日期', '2026/3');
    await expect.poll(() => errorOf('出院日期')).toBe(`${MESSAGE}（原日期 2026/3/2 仍保留，未改动）`);

    // when she opens the calendar and picks the 10th
    await page.getByLabel('出院日期').click();
    await page.locator('.flatpickr-calendar.open .flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)', { hasText: /^10$/ }).click();

    // then that day is the field's and the form's, without an error
    await expect.poll(() => page.getByLabel('出院日期').inputValue()).toBe('2026/3/10');
    await expect.poll(() => errorOf('出院日期')).toBe(null);
    expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: '2026-03-10' }), errors: {} });

    // and when she overtypes it again and picks the day it has (the form's value unchanged: form-js writes nothing)
    await page.getByLabel('医疗机构名称').click();
    await overtypeAndLeave(page, '出院日期', '2026/3');
    await expect.poll(() => errorOf('出院日期')).toBe(`${MESSAGE}（原日期 2026/3/10 仍保留，未改动）`);
    await page.getByLabel('出院日期').click();
    await page.locator('.flatpickr-calendar.open .flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)', { hasText: /^10$/ }).click();

    // then the error is gone too
    await expect.poll(() => page.getByLabel('出院日期').inputValue()).toBe('2026/3/10');
    await expect.poll(() => errorOf('出院日期')).toBe(null);
    expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: '2026-03-10' }), errors: {} });
  });

  it.each([
    ['2026/2/29', '日期不存在：2026年2月没有29日，请核对'],
    ['2026/4/31', '日期不存在：2026年4月没有31日，请核对'],
    ['2026/2/30', '日期不存在：2026年2月没有30日，请核对'],
  ])('should keep %s as typed and say the day does not exist, not roll it over into the next month', async (text, message) => {
    // given an empty form
    await open({});

    // when the clerk types a day the month does not have, and presses Enter
    await page.getByLabel('出院日期').click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');

    // then the field keeps it, says the day does not exist, and the form has no date
    await expect.poll(() => errorOf('出院日期')).toBe(message);
    expect(await page.getByLabel('出院日期').inputValue()).toBe(text);
    expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: null }), errors: { treatmentTo: [message] } });
  });

  it.each([
    ['20261207', '2026/12/7', '2026-12-07'],
    ['２０２６/３/５', '2026/3/5', '2026-03-05'],
    ['2026年3月5号', '2026/3/5', '2026-03-05'],
    ['2026 / 3 / 5', '2026/3/5', '2026-03-05'],
    ['2026-03-05 10:00', '2026/3/5', '2026-03-05'],
    ['2026-03-05T10:00', '2026/3/5', '2026-03-05'],
  ])('should take %s as the whole date it is', async (text, shown, iso) => {
    // given an empty form
    await open({});

    // when the clerk puts the date in (an input method's entry) and leaves with Tab
    await page.getByLabel('出院日期').click();
    await page.keyboard.insertText(text);
    await page.keyboard.press('Tab');

    // then it is the form's date, shown as the field shows dates, without an error
    await expect.poll(() => page.getByLabel('出院日期').inputValue()).toBe(shown);
    expect(await errorOf('出院日期')).toBe(null);
    expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: iso }), errors: {} });
  });

  it('should take a whole date written as the message shows it (2026/12/7), or as 2026-12-07', async () => {
    // given an empty form
    await open({});

    for (const text of ['2026/12/7', '2026-12-07']) {
      // when the clerk types the date as the message's example writes it (or with dashes), and leaves
      await overtypeAndLeave(page, '出院日期', text);

      // then it is the form's date, without an error
      await expect.poll(() => page.getByLabel('出院日期').inputValue()).toBe('2026/12/7');
      expect(await errorOf('出院日期')).toBe(null);
      expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: '2026-12-07' }), errors: {} });
    }
  });

  it('should take the error away when the clerk empties the field', async () => {
    // given 2026 left half typed in 出院日期
    await open({});
    await page.getByLabel('出院日期').click();
    await page.keyboard.type('2026');
    await page.keyboard.press('Tab');
    await expect.poll(() => errorOf('出院日期')).toBe(MESSAGE);

    // when she empties it and leaves
    await emptyAndLeave(page, '出院日期');

    // then the field is empty, without an error
    await expect.poll(() => errorOf('出院日期')).toBe(null);
    expect((await submit()).errors).toEqual({});
  });

  it('should keep a text that is no date at all, and say so, rather than empty the field', async () => {
    await open({});
    await page.getByLabel('出院日期').click();
    await page.keyboard.type('3月5日');
    await page.keyboard.press('Tab');
    await expect.poll(() => errorOf('出院日期')).toBe(MESSAGE);
    expect(await page.getByLabel('出院日期').inputValue()).toBe('3月5日');
  });

  it('should say only what is missing in a required field left half typed, not 此项为必填项 besides', async () => {
    // given a form whose 受理日期 is required
    await callFormViewPage(page, 'open', REQUIRED, {});
    await page.clock.runFor(500);

    // when the clerk leaves it half typed
    await page.getByLabel('受理日期').click();
    await page.keyboard.type('2026/3');
    await page.keyboard.press('Tab');

    // then the field says what is missing, once, and nothing else
    await expect.poll(() => errorOf('受理日期')).toBe(MESSAGE);
    expect((await submit()).errors).toEqual({ acceptedOn: [MESSAGE] });
  });

  it('should not say 此项为必填项, even for a moment, as the clerk replaces her half-typed text in an empty required field with a date', async () => {
    // given a required 受理日期, empty, holding her half-typed 2026/3
    await callFormViewPage(page, 'open', REQUIRED, {});
    await page.clock.runFor(500);
    await page.getByLabel('受理日期').click();
    await page.keyboard.type('2026/3');
    await page.keyboard.press('Tab');
    await expect.poll(() => errorOf('受理日期')).toBe(MESSAGE);
    // (each error the field shows from now on, however briefly)
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { errorsSeen: string[] }).errorsSeen = seen;
      const form = document.querySelector('.fjs-form')!;
      new MutationObserver(() => {
        for (const error of Array.from(form.querySelectorAll('.fjs-form-field-error'))) seen.push(error.textContent?.trim() ?? '');
      }).observe(form, { subtree: true, childList: true, characterData: true });
    });

    // when she replaces it with 2026/3/5 and leaves
    await overtypeAndLeave(page, '受理日期', '2026/3/5');

    // then the date is taken, and the field never said it was empty
    await expect.poll(() => errorOf('受理日期')).toBe(null);
    expect(await submit()).toEqual({ data: { acceptedOn: '2026-03-05' }, errors: {} });
    const seen = await page.evaluate(() => (window as unknown as { errorsSeen: string[] }).errorsSeen);
    expect(seen.filter((error) => error.includes('必填'))).toEqual([]);
  });

  it('should say so in a list’s row, that row’s field only', async () => {
    // given a form with one row of 票据
    await open({ bills: [{ billDay: null }] });

    // when the clerk leaves its 开票日期 half typed
    await page.getByLabel('开票日期').click();
    await page.keyboard.type('2026/2');
    await page.keyboard.press('Tab');

    // then that row's field shows the error, and the form cannot be submitted
    await expect.poll(() => errorOf('开票日期')).toBe(MESSAGE);
    expect(await errorOf('出院日期')).toBe(null);
    expect((await submit()).errors).toEqual({ billDay: [[MESSAGE]] });
  });
});

describe('a date the clerk types and submits with Ctrl+Enter straight from the field', { timeout: 60_000 }, () => {
  it('should submit the date she typed, not the one the field had', async () => {
    // given a form with 出院日期 2026年3月2日, submitted at Ctrl+Enter as the task list does (a window listener)
    await open({ treatmentTo: '2026-03-02' });
    await submitAtCtrlEnter(page);

    // when the clerk overtypes it with 2026/3/5 and presses Ctrl+Enter in the field
    await page.getByLabel('出院日期').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026/3/5');
    await page.keyboard.press('Control+Enter');

    // then what that keydown submitted is the date she typed (flatpickr read it in the same keydown; form-js took
    // it into its data only after the next paint)
    expect(await submittedAtCtrlEnter(page)).toEqual({ data: expect.objectContaining({ treatmentTo: '2026-03-05' }), errors: {} });
  });

  it('should submit the date she typed into an empty field, and in a list’s row', async () => {
    // given a form with no 出院日期 and a row of 票据 with 开票日期 2026年3月1日
    await open({ bills: [{ billDay: '2026-03-01' }] });
    await submitAtCtrlEnter(page);

    // when the clerk types 2026/3/4 into 出院日期 and leaves with Tab, then 2026/3/3 into the row's 开票日期 and
    // presses Ctrl+Enter there
    await page.getByLabel('出院日期').click();
    await page.keyboard.type('2026/3/4');
    await page.keyboard.press('Tab');
    await page.getByLabel('开票日期').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026/3/3');
    await page.keyboard.press('Control+Enter');

    // then both dates are submitted
    expect(await submittedAtCtrlEnter(page)).toEqual({ data: expect.objectContaining({ treatmentTo: '2026-03-04', bills: [{ billDay: '2026-03-03' }] }), errors: {} });
  });

  it('should submit a date typed that the calendar has not read yet (no Enter, no leaving the field)', async () => {
    // given a form with 出院日期 2026年3月2日
    await open({ treatmentTo: '2026-03-02' });

    // when the clerk overtypes it with 2026/3/5 and the form is submitted with her still in the field
    await page.getByLabel('出院日期').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026/3/5');

    // then the date she typed is submitted, and shown as the calendar writes it
    expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: '2026-03-05' }), errors: {} });
    expect(await page.getByLabel('出院日期').inputValue()).toBe('2026/3/5');
  });

  it('should submit the field emptied, not the date it had', async () => {
    // given a form with 出院日期 2026年3月2日
    await open({ treatmentTo: '2026-03-02' });
    await submitAtCtrlEnter(page);

    // when the clerk empties it and presses Ctrl+Enter
    await page.getByLabel('出院日期').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+Enter');

    // then no date is submitted
    expect(await submittedAtCtrlEnter(page)).toEqual({ data: expect.objectContaining({ treatmentTo: null }), errors: {} });
  });

  it('should still not submit a half-typed date, nor replace the old date with it', async () => {
    // given a form with 出院日期 2026年3月2日
    await open({ treatmentTo: '2026-03-02' });
    await submitAtCtrlEnter(page);

    // when the clerk overtypes it with 2026/3 and presses Ctrl+Enter
    await page.getByLabel('出院日期').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026/3');
    await page.keyboard.press('Control+Enter');

    // then the form is not submitted: the field says what is missing, the old date kept
    expect(await submittedAtCtrlEnter(page)).toEqual({
      data: expect.objectContaining({ treatmentTo: '2026-03-02' }),
      errors: { treatmentTo: [`${MESSAGE}（原日期 2026/3/2 仍保留，未改动）`] },
    });
  });
});

/** Submits the form shown at Ctrl+Enter, in the keydown (a listener on window, as the task list's shortcuts). */
const open = (data: Record<string, unknown>): Promise<void> => showFormWith(page, SCHEMA, data);

const submit = () => submitForm(page);

const errorOf = (label: string) => fieldErrorOf(page, label);
