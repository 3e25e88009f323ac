/**
 * A half-typed or impossible date text goes with the form's data the form view hands on (a draft's), under a key of
 * its own, and a form opened with it shows the text again in its field with the same error, the old date still the
 * form's (date-texts-kept.ts, date-texts-shown.ts): the draft held only the form's values, and a clerk who left the
 * task and came back found the old date, silently, instead of what she had typed. The form view (form-view.tsx) on a
 * page of its own, in headless Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { changesHandedOn, emptyAndLeave, fieldErrorOf, openDateFormPageForFile, overtypeAndLeave, showFormWith, submitForm } from '../../support/form-view-page.js';
import { BILLS_WITH_DAYS, DISCHARGE_DAY, HOSPITAL_NAME } from '../../support/date-form-fields.js';
import { DATE_TEXTS_KEY } from '../../../web-shared/src/form-js/date-texts-kept.js';

const SCHEMA = {
  type: 'default',
  id: 'date-texts-kept',
  schemaVersion: 18,
  components: [
    DISCHARGE_DAY,
    HOSPITAL_NAME,
    BILLS_WITH_DAYS,
  ],
};

const KEPT = '请输入完整日期，如 2026/12/7（原日期 2026/3/2 仍保留，未改动）';

let page: Page;

openDateFormPageForFile((opened) => (page = opened));

describe('a half-typed date text in the data handed on (a draft’s)', { timeout: 60_000 }, () => {
  it('should be handed on with the data, and shown again, with its error, when the form opens with it', async () => {
    // given a form with 出院日期 2026/3/2 and a row's 开票日期 2026/3/1
    await open({ treatmentTo: '2026-03-02', bills: [{ billDay: '2026-03-01' }] });

    // when the clerk overtypes 出院日期 with 2026/3 and the row's date with 2026/2/30, leaving each with Tab
    await overtypeAndLeave(page, '出院日期', '2026/3');
    await overtypeAndLeave(page, '开票日期', '2026/2/30');
    await expect.poll(() => errorOf('出院日期')).toBe(KEPT);

    // then the data handed on last carries her texts by path, beside the form's values (the old dates)
    const handedOn = (await changesHandedOn(page)).at(-1);
    expect(handedOn).toMatchObject({ treatmentTo: '2026-03-02', bills: [{ billDay: '2026-03-01' }], [DATE_TEXTS_KEY]: { treatmentTo: '2026/3', 'bills.0.billDay': '2026/2/30' } });

    // when the form opens again with that data (as with her draft, coming back to the task)
    await open(handedOn!);

    // then her texts are in the fields again, with the same errors, and the old dates still the form's
    await expect.poll(() => errorOf('出院日期')).toBe(KEPT);
    expect(await page.getByLabel('出院日期').inputValue()).toBe('2026/3');
    expect(await page.getByLabel('开票日期').inputValue()).toBe('2026/2/30');
    await expect.poll(() => errorOf('开票日期')).toBe('日期不存在：2026年2月没有30日，请核对（原日期 2026/3/1 仍保留，未改动）');
    expect(await submit()).toEqual({
      data: { treatmentTo: '2026-03-02', hospitalName: '', bills: [{ billDay: '2026-03-01' }] },
      errors: { treatmentTo: [KEPT], billDay: [['日期不存在：2026年2月没有30日，请核对（原日期 2026/3/1 仍保留，未改动）']] },
    });

    // when she completes 出院日期 (2026/3/5)
    await page.getByLabel('出院日期').click();
    await page.keyboard.press('End');
    await page.keyboard.type('/5');
    await page.keyboard.press('Tab');

    // then the date is the form's, and only the row's text is still handed on as kept
    await expect.poll(async () => (await changesHandedOn(page)).at(-1)).toMatchObject({ treatmentTo: '2026-03-05', [DATE_TEXTS_KEY]: { 'bills.0.billDay': '2026/2/30' } });
    expect((await changesHandedOn(page)).at(-1)![DATE_TEXTS_KEY]).toEqual({ 'bills.0.billDay': '2026/2/30' });
  });

  it('should hand on no texts once none is left', async () => {
    // given a form with 出院日期 2026/3/2, overtyped with 2026 and left
    await open({ treatmentTo: '2026-03-02' });
    await overtypeAndLeave(page, '出院日期', '2026');
    await expect.poll(async () => (await changesHandedOn(page)).at(-1)?.[DATE_TEXTS_KEY]).toEqual({ treatmentTo: '2026' });

    // when she empties it and leaves
    await emptyAndLeave(page, '出院日期');

    // then the data handed on has no date, and no texts
    await expect.poll(async () => (await changesHandedOn(page)).at(-1)).toEqual({ treatmentTo: null, hospitalName: '', bills: [{ billDay: null }] });
  });
});

/** Selects all in the date field labelled `label`, types `text` over it and leaves with Tab. */
const open = (data: Record<string, unknown>): Promise<void> => showFormWith(page, SCHEMA, data);

const submit = () => submitForm(page);

const errorOf = (label: string) => fieldErrorOf(page, label);
