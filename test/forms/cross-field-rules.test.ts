/**
 * Rules across fields in the forms, as the clerk meets them in the form-js viewer (headless Chromium): a Chinese
 * warning appears while typing, a fund payment above the total cannot be submitted (form-js `max` with a FEEL
 * expression), and a case returned by a worker's data-entry rule shows the worker's message at the top.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFormViewerPage, type FormViewerPage } from '../support/form-viewer-page.js';

const schemaOf = (file: string) => JSON.parse(readFileSync(`forms/${file}`, 'utf8')) as unknown;

let viewer: FormViewerPage;

beforeAll(async () => {
  viewer = await openFormViewerPage();
}, 60_000);

afterAll(() => viewer?.close());

const registration = {
  registrationNumber: 'LB2026030001',
  outOfCatalogueExpenses: '1200.00',
  partialSelfPayment: '860.40',
  deductible: '800.00',
  seriousIllnessPayment: '1800.00',
};

describe('cross-field rules in the forms', () => {
  it('should warn and refuse to submit a 统筹基金支付 that takes the fund payments above the total (FC20 录入审核)', async () => {
    // given the task opened with the case's total
    await viewer.open(schemaOf('fc20-register-review.form'), { totalExpenses: '23600.50', personName: '韩永福', ...registration });

    // when the clerk types a fund payment that is valid on its own but too large
    await viewer.fill('f_poolingFundPayment', '26500.00');
    await expect.poll(() => viewer.text()).toContain('统筹基金支付与大额医疗补助支付之和超过申报总费用');
    const refused = await viewer.submit();
    await viewer.fill('f_poolingFundPayment', '16500.00');
    await expect.poll(() => viewer.text()).not.toContain('统筹基金支付与大额医疗补助支付之和超过申报总费用');
    const accepted = await viewer.submit();

    // then
    expect(Object.keys(refused.errors).some((id) => id.endsWith('f_poolingFundPayment'))).toBe(true);
    expect(accepted.errors).toEqual({});
    expect(accepted.data).toMatchObject({ poolingFundPayment: '16500.00' });
  });

  it('should name the limit of a fund payment in yuan with two decimals, and mark both payments on 办结', async () => {
    // given a total whose difference with the other payment is no exact binary fraction (12345.6 − 12000)
    await viewer.open(schemaOf('fc20-register-review.form'), { ...registration, totalExpenses: '12345.60', personName: '李建国', seriousIllnessPayment: '' });

    // when the clerk types the 统筹基金支付, then a 大额医疗补助支付 that takes the two above the total
    await viewer.fill('f_poolingFundPayment', '12000');
    await viewer.fill('f_seriousIllnessPayment', '400');
    await expect.poll(() => viewer.text()).toContain('Field must have maximum value of 345.60.');
    // form-js alone (as in Camunda's Tasklist) checks a field when it changes or is left, not when another field its
    // limit reads changes; the web apps check such limits again (web-shared/src/form-js/computed-limits.ts)
    const whileTyping = await viewer.text();
    const { errors } = await viewer.submit();

    // then
    expect(whileTyping).not.toContain('Field must have maximum value of 11945.60.');
    expect(Object.entries(errors).map(([id, messages]) => [id.replace(/^.*-(f_)/, '$1'), messages])).toEqual([
      ['f_poolingFundPayment', ['Field must have maximum value of 11945.60.']],
      ['f_seriousIllnessPayment', ['Field must have maximum value of 345.60.']],
    ]);
  });

  it('should compare the payments with the total in fen, and set no limit while the other amount is no number (FC20 录入审核)', async () => {
    // given a total that two payments reach exactly, though 1.41 + 4.23 is 5.640000000000001 as floats
    await viewer.open(schemaOf('fc20-register-review.form'), { ...registration, totalExpenses: '5.64', outOfCatalogueExpenses: '1.41', partialSelfPayment: '4.23', deductible: '0', seriousIllnessPayment: '4.23' });

    // when
    await viewer.fill('f_poolingFundPayment', '1.41');
    const exact = await viewer.text();
    const { errors: exactErrors } = await viewer.submit();
    await viewer.fill('f_seriousIllnessPayment', '1,000');
    await viewer.fill('f_poolingFundPayment', '1.00');
    const { errors: otherNoNumber } = await viewer.submit();

    // then the field whose limit reads the 「1,000」 has no limit rather than one that is no number
    expect(exact).not.toContain('⚠');
    expect(exactErrors).toEqual({});
    expect(Object.keys(otherNoNumber).map((id) => id.replace(/^.*-(f_)/, '$1'))).toEqual(['f_seriousIllnessPayment']);
  });

  it('should show the message of a case sent back by a data-entry rule, and nothing otherwise', async () => {
    // given
    const message = '统筹基金支付与大额医疗补助支付之和（¥28,300.00）超过总费用（¥23,600.50）';

    // when
    await viewer.open(schemaOf('fc20-register-review.form'), { totalExpenses: '23600.50', dataEntryProblem: { messageZh: message, fields: ['poolingFundPayment'] } });
    const returned = await viewer.text();
    await viewer.open(schemaOf('fc20-register-review.form'), { totalExpenses: '23600.50', dataEntryProblem: null });
    const cleared = await viewer.text();

    // then
    expect(returned).toContain(`退回更正：${message}`);
    expect(cleared).not.toContain('退回更正');
  });

  it('should warn about a discharge date before the admission date and about one in the future (FC20 申请)', async () => {
    // given
    await viewer.open(schemaOf('fc20-application.form'), { treatmentFrom: '2026-01-20', treatmentTo: '2026-01-05' });
    const reversed = await viewer.text();

    // when
    await viewer.open(schemaOf('fc20-application.form'), { treatmentFrom: '2026-01-05', treatmentTo: '2099-01-20' });
    const future = await viewer.text();
    await viewer.open(schemaOf('fc20-application.form'), { treatmentFrom: '2026-01-05', treatmentTo: '2026-01-20' });
    const fine = await viewer.text();

    // then
    expect(reversed).toContain('就医结束（出院）日期早于就医（入院）日期');
    expect(future).toContain('就医结束（出院）日期晚于今天');
    expect(fine).not.toContain('⚠');
  });

  it('should warn about a 送达日期 before the application date and about one in the future (FC18, FC22 送达不予受理告知书)', async () => {
    for (const file of ['fc18-refusal-delivery.form', 'fc22-refusal-delivery.form']) {
      // given a late application submitted on 2026-03-02
      const opened = { submittedOn: '2026-03-02', refusalNoticeDeliveryMethod: 'inPerson' };

      // when the clerk records a 送达日期 the day before, one in the future, the same day; and the case holds no date
      await viewer.open(schemaOf(file), { ...opened, refusalNoticeDeliveredOn: '2026-03-01' });
      const before = await viewer.text();
      await viewer.open(schemaOf(file), { ...opened, refusalNoticeDeliveredOn: '2099-01-01' });
      const future = await viewer.text();
      await viewer.open(schemaOf(file), { ...opened, refusalNoticeDeliveredOn: '2026-03-02' });
      const sameDay = await viewer.text();
      await viewer.open(schemaOf(file), { refusalNoticeDeliveryMethod: 'inPerson', refusalNoticeDeliveredOn: '2026-03-01' });
      const noApplicationDate = await viewer.text();

      // then
      expect(before, file).toContain('⚠ 送达日期早于申请日期（2026年3月2日），请核对。');
      expect(before, file).not.toContain('晚于今天');
      expect(future, file).toContain('⚠ 送达日期晚于今天，请核对。');
      expect(future, file).not.toContain('早于申请日期');
      expect(sameDay, file).not.toContain('⚠');
      expect(noApplicationDate, file).not.toContain('⚠');
    }
  });
});
