/**
 * Every form of forms/ in the form-js viewer Camunda's Tasklist uses (1.23, real headless Chromium): it imports
 * without warnings and shows its Chinese labels; the 公民身份号码 and 统一社会信用代码 checks tell the clerk at
 * once when a check character is wrong; a 退回 decision needs its reason; a 不予受理 needs its 不予受理理由 and does not
 * submit the reason of an earlier 退回.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFormViewerPage, type FormViewerPage } from '../support/form-viewer-page.js';

const FORM_FILES = readdirSync('forms').filter((name) => name.endsWith('.form')).sort();
const schemaOf = (file: string) => JSON.parse(readFileSync(`forms/${file}`, 'utf8')) as { id: string; components: unknown[] };

const ID_WARNING = '公民身份号码校验码不正确';
const CREDIT_CODE_WARNING = '统一社会信用代码校验码不正确';

let viewer: FormViewerPage;

beforeAll(async () => {
  viewer = await openFormViewerPage();
}, 60_000);

afterAll(() => viewer?.close());

describe('forms in the form-js viewer', () => {
  it('should import every form without warnings and show Chinese text', async () => {
    // given
    const problems: string[] = [];

    // when
    for (const file of FORM_FILES) {
      const warnings = await viewer.open(schemaOf(file));
      const text = await viewer.text();
      if (warnings.length > 0) problems.push(`${file}: ${warnings.join('; ')}`);
      if (!/[\u4e00-\u9fff]/u.test(text)) problems.push(`${file}: no Chinese text rendered`);
    }

    // then
    expect(problems).toEqual([]);
    expect(FORM_FILES.length).toBeGreaterThan(100);
  });

  it('should warn about a 公民身份号码 whose check character is wrong, and not about a valid one', async () => {
    // given the FC2 application (new employee)
    await viewer.open(schemaOf('fc02-application.form'));

    // when / then (the expression field recomputes after the change has rendered)
    await viewer.fill('f_idNumber', '630103198001010016');
    await expect.poll(() => viewer.text()).toContain(ID_WARNING);
    await viewer.fill('f_idNumber', '630103198001010015');
    await expect.poll(() => viewer.text()).not.toContain(ID_WARNING);
  });

  it('should warn about a 统一社会信用代码 whose check character is wrong, and not about a valid one', async () => {
    // given the FC1 application (employer registration)
    await viewer.open(schemaOf('fc01-application.form'));

    // when / then (the expression field recomputes after the change has rendered)
    await viewer.fill('f_creditCode', '91630103MA752K3P43');
    await expect.poll(() => viewer.text()).toContain(CREDIT_CODE_WARNING);
    await viewer.fill('f_creditCode', '91630103MA752K3P42');
    await expect.poll(() => viewer.text()).not.toContain(CREDIT_CODE_WARNING);
  });

  it('should refuse to submit a malformed 公民身份号码 with the Chinese pattern message', async () => {
    // given
    await viewer.open(schemaOf('fc02-application.form'));

    // when
    await viewer.fill('f_idNumber', '63010319800101');
    const { errors } = await viewer.submit();

    // then
    expect(Object.values(errors).flat()).toContain('公民身份号码应为18位（前17位数字，最后一位数字或X），出生日期须有效');
  });

  it('should need a reason when the first review sends the case back, and none when it approves', async () => {
    // given the FC1 first review, opened with the case as the task list would
    await viewer.open(schemaOf('fc01-first-review.form'));

    // when
    await viewer.page.getByLabel('材料不齐全或有误，退回补正（一次性告知）').check();
    const returned = await viewer.submit();
    await viewer.page.getByLabel('审核无误，初审人员签字确认').check();
    const approved = await viewer.submit();

    // then
    expect(Object.keys(returned.errors).some((id) => id.endsWith('f_firstReviewReason'))).toBe(true);
    expect(returned.data).toMatchObject({ firstReviewDecision: 'returned' });
    expect(Object.keys(approved.errors).some((id) => id.endsWith('f_firstReviewReason'))).toBe(false);
  });

  it('should not submit the reason of an earlier 退回补正 when the first review then refuses, and need a 不予受理理由', async () => {
    // given the FC1 first review of a corrected case, opened with the case's variables as the task list does: the
    // return's decision and reason
    await viewer.open(schemaOf('fc01-first-review.form'), { firstReviewDecision: 'returned', firstReviewReason: '缺少登记表与缴费基数申报表' });

    // when the clerk switches to 不予受理 without typing, then types the refusal's reason
    await viewer.page.getByLabel('不予受理', { exact: true }).check();
    const untyped = await viewer.submit();
    await viewer.page.locator('textarea[id$="-f_refusalReason"]').fill('该单位已在本统筹区参保，应办理单位参保信息变更登记');
    const typed = await viewer.submit();

    // then the 不予受理理由 is needed, and the hidden 理由 with the return's text is not submitted
    expect(Object.keys(untyped.errors).some((id) => id.endsWith('f_refusalReason'))).toBe(true);
    expect(typed.errors).toEqual({});
    expect(typed.data).toMatchObject({ firstReviewDecision: 'rejected', refusalReason: '该单位已在本统筹区参保，应办理单位参保信息变更登记' });
    expect(typed.data).not.toHaveProperty('firstReviewReason');
  });

  it('should not submit a 不予受理理由 when the first review sends the case back', async () => {
    // given
    await viewer.open(schemaOf('fc01-first-review.form'));

    // when
    await viewer.page.getByLabel('材料不齐全或有误，退回补正（一次性告知）').check();
    const returned = await viewer.submit();

    // then
    expect(Object.keys(returned.errors).some((id) => id.endsWith('f_refusalReason'))).toBe(false);
    expect(returned.data).not.toHaveProperty('refusalReason');
  });
});
