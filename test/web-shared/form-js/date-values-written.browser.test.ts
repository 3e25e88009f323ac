/**
 * A date value another system wrote in a way form-js does not read — `2026-3-2`, not zero-padded — is shown and
 * kept as the date it is (2026-03-02), and a value that is no date at all stays visible in its field with a Chinese
 * note (date-values-read.ts): form-js showed an empty field and emptied the value as the form showed, so the task
 * was completed with the date gone and nobody had seen it. The form view (form-view.tsx) on a page of its own, in
 * headless Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callFormViewPage, changesHandedOn, emptyAndLeave, fieldErrorOf, openDateFormPageForFile, overtypeAndLeave, showFormWith, submitForm } from '../../support/form-view-page.js';
import { BILLS_WITH_DAYS, DISCHARGE_DAY, HOSPITAL_NAME } from '../../support/date-form-fields.js';
import { DATE_TEXTS_KEY } from '../../../web-shared/src/form-js/date-texts-kept.js';

const SCHEMA = {
  type: 'default',
  id: 'date-values-written',
  schemaVersion: 18,
  components: [
    DISCHARGE_DAY,
    { type: 'datetime', id: 'visitAt', key: 'visitAt', subtype: 'datetime', dateLabel: '就诊日期', timeLabel: '就诊时间', use24h: true, timeInterval: 1 },
    HOSPITAL_NAME,
    BILLS_WITH_DAYS,
  ],
};

const NOTE = '原值“待定”不是日期，请改填日期（如 2026/12/7）或清空此项';

let page: Page;

openDateFormPageForFile((opened) => (page = opened));

describe('a date value another system wrote', { timeout: 60_000 }, () => {
  it('should show 2026-3-2 as the date it is, and submit it as written while unchanged (a list’s row and a date-time too)', async () => {
    // given variables written without zero-padding (a date, a date and time, a list's row's date)
    await open({ treatmentTo: '2026-3-2', visitAt: '2026-3-2 9:30', bills: [{ billDay: '2026/3/1' }] });

    // then the fields show the dates, and the form submits them as they were written: she changed none of them
    expect(await page.getByLabel('出院日期').inputValue()).toBe('2026/3/2');
    expect(await page.getByLabel('就诊日期').inputValue()).toBe('2026/3/2');
    expect(await page.getByLabel('就诊时间').inputValue()).toBe('09:30');
    expect(await page.getByLabel('开票日期').inputValue()).toBe('2026/3/1');
    expect(await submit()).toEqual({ data: { treatmentTo: '2026-3-2', visitAt: '2026-3-2 9:30', hospitalName: '', bills: [{ billDay: '2026/3/1' }] }, errors: {} });
    expect(await changesHandedOn(page)).toEqual([]);

    // when the clerk types another day into 出院日期 and leaves with Tab
    await overtypeAndLeave(page, '出院日期', '2026/3/5');

    // then that day is hers, as form-js writes it; the others still go as written
    expect(await submit()).toEqual({ data: { treatmentTo: '2026-03-05', visitAt: '2026-3-2 9:30', hospitalName: '', bills: [{ billDay: '2026/3/1' }] }, errors: {} });
    expect((await changesHandedOn(page)).at(-1)).toMatchObject({ treatmentTo: '2026-03-05', visitAt: '2026-3-2 9:30' });
  });

  it('should show a date with a time as its day in a date field, and submit it as written while unchanged', async () => {
    // given 出院日期 written with a time, no zone (form-js reads no value with a T in a date field: shown empty, null on 办结)
    await open({ treatmentTo: '2026-03-02T00:00:00', bills: [{ billDay: '2026-3-2 9:30' }] });

    // then the fields show the days, with no note, and the values go on as written
    expect(await page.getByLabel('出院日期').inputValue()).toBe('2026/3/2');
    expect(await page.getByLabel('开票日期').inputValue()).toBe('2026/3/2');
    expect(await errorOf('出院日期')).toBe(null);
    expect(await submit()).toEqual({ data: { treatmentTo: '2026-03-02T00:00:00', visitAt: null, hospitalName: '', bills: [{ billDay: '2026-3-2 9:30' }] }, errors: {} });
  });

  it('should show a moment with its zone in a date field as written, with a note, until she gives the day', async () => {
    // given 出院日期 written as a moment in UTC (2026-03-02 in Beijing, 2026-03-01 in UTC)
    await open({ treatmentTo: '2026-03-01T16:30:00Z' });

    // then the field shows it as written, its note says the day is not sure, and the form is not submitted
    const note = '原值“2026-03-01T16:30:00Z”带时区，不能确定是哪一天，请改填日期（如 2026/3/2）或清空此项';
    await expect.poll(() => errorOf('出院日期')).toBe(note);
    expect(await page.getByLabel('出院日期').inputValue()).toBe('2026-03-01T16:30:00Z');
    expect((await submit()).errors).toEqual({ treatmentTo: [note] });
  });

  it('should keep a value that is no date visible with a note, and not submit until she corrects or empties it', async () => {
    // given 出院日期 written as 待定
    await open({ treatmentTo: '待定' });

    // then the field shows 待定, its note says it is the value written and no date, and the form is not submitted
    await expect.poll(() => errorOf('出院日期')).toBe(NOTE);
    expect(await page.getByLabel('出院日期').inputValue()).toBe('待定');
    expect((await submit()).errors).toEqual({ treatmentTo: [NOTE] });

    // when the clerk types 2026/3/5 over it and leaves with Tab
    await overtypeAndLeave(page, '出院日期', '2026/3/5');

    // then the note is gone and the date is submitted
    await expect.poll(() => errorOf('出院日期')).toBe(null);
    expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: '2026-03-05' }), errors: {} });
  });

  it('should show a date-time field’s day written without a time, and ask for the time', async () => {
    // given 就诊 written as a day alone (form-js takes no date-time value without a time)
    await open({ visitAt: '2026-03-02' });

    // then the day is shown (form-js says 日期和时间须同时填写。 beneath), the form is not submitted, and the note
    // asks for the time
    const note = '原值“2026-03-02”缺少时间，请补填时间';
    expect(await page.getByLabel('就诊日期').inputValue()).toBe('2026/3/2');
    expect((await submit()).errors).toEqual({ visitAt: [note] });
    await expect.poll(() => errorOf('就诊日期')).toContain(note);

    // when the clerk types 10:00 into the time and leaves with Tab
    await page.getByLabel('就诊时间').click();
    await page.keyboard.type('10:00');
    await page.keyboard.press('Tab');

    // then the note is gone and the day with her time is submitted
    await expect.poll(() => errorOf('就诊日期')).toBe(null);
    expect(await submit()).toEqual({ data: expect.objectContaining({ visitAt: '2026-03-02T10:00' }), errors: {} });
  });

  it('should keep the value as written, and its note, through a draft of what she typed elsewhere', async () => {
    // given 出院日期 written as 待定, and the clerk typing into 医疗机构名称
    await open({ treatmentTo: '待定' });
    await page.getByLabel('医疗机构名称').click();
    await page.keyboard.type('西宁市第一人民医院');

    // then the data handed on (a draft's) holds 待定 as it came, not an emptied date, and the text the field shows
    const handedOn = (await changesHandedOn(page)).at(-1)!;
    // (no text beside it: the value as written is what shows it again, and a draft of a change elsewhere is no more)
    expect(handedOn).toEqual({ treatmentTo: '待定', visitAt: null, hospitalName: '西宁市第一人民医院', bills: [{ billDay: null }] });
    expect(handedOn).not.toHaveProperty(DATE_TEXTS_KEY);

    // when the form opens again with it
    await open(handedOn);

    // then the field shows 待定 with the same note
    await expect.poll(() => errorOf('出院日期')).toBe(NOTE);
    expect(await page.getByLabel('出院日期').inputValue()).toBe('待定');
  });

  it('should show a value that is no date in a read-only field, keep it the form’s as written, and not hold the form up', async () => {
    // given a read-only 出院日期 written as 待定
    const fixed = { ...SCHEMA, components: [{ ...SCHEMA.components[0], readonly: true }] };
    await callFormViewPage(page, 'open', fixed, { treatmentTo: '待定' });
    await page.clock.runFor(500);

    // then the field shows 待定, the form's value is as written, and the form goes
    await expect.poll(() => page.getByLabel('出院日期').inputValue()).toBe('待定');
    expect(await submit()).toEqual({ data: { treatmentTo: '待定' }, errors: {} });
    expect(await errorOf('出院日期')).toBe(null);

    // and a value not a text (an epoch's milliseconds) is shown as its digits and goes on as the number it is
    await callFormViewPage(page, 'open', fixed, { treatmentTo: 1772409600000 });
    await page.clock.runFor(500);
    await expect.poll(() => page.getByLabel('出院日期').inputValue()).toBe('1772409600000');
    expect(await submit()).toEqual({ data: { treatmentTo: 1772409600000 }, errors: {} });
  });

  it('should not hold the form up for a value as written in a field read-only by an expression', async () => {
    // given 出院日期 read-only by a FEEL expression, written as 待定
    const fixed = { ...SCHEMA, components: [{ ...SCHEMA.components[0], readonly: '=true' }] };
    await callFormViewPage(page, 'open', fixed, { treatmentTo: '待定' });
    await page.clock.runFor(500);

    // then the field shows 待定 with no note, and the form goes with the value as written
    await expect.poll(() => page.getByLabel('出院日期').inputValue()).toBe('待定');
    expect(await submit()).toEqual({ data: { treatmentTo: '待定' }, errors: {} });
    expect(await errorOf('出院日期')).toBe(null);
  });

  it('should take the field emptied by the clerk as no date', async () => {
    // given 出院日期 written as 待定
    await open({ treatmentTo: '待定' });
    await expect.poll(() => errorOf('出院日期')).toBe(NOTE);

    // when the clerk empties it and leaves with Tab
    await emptyAndLeave(page, '出院日期');

    // then the note is gone, and no date is submitted
    await expect.poll(() => errorOf('出院日期')).toBe(null);
    expect(await submit()).toEqual({ data: expect.objectContaining({ treatmentTo: null }), errors: {} });
  });
});

const open = (data: Record<string, unknown>): Promise<void> => showFormWith(page, SCHEMA, data);

const submit = () => submitForm(page);

const errorOf = (label: string) => fieldErrorOf(page, label);
