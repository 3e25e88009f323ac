/**
 * The one rule the task list's rows, its case header and the monitor's case page use to show a case refused at
 * intake, in the refusal's word (web-shared/src/format/refused-at-intake.ts).
 */
import { describe, expect, it } from 'vitest';
import { refusalAtIntake } from '../../../web-shared/src/format/refused-at-intake.js';

const NUMBER = '西宁城中医保〔2026〕不予受理第0001号';
const NOT_REGISTERED = '西宁城中医保〔2026〕不予备案第0001号';

describe('refusalAtIntake', () => {
  it('should read a case with a 不予受理告知书 number and no 受理 time as 不予受理', () => {
    // given
    // when
    // then
    expect(refusalAtIntake({ refusalNoticeNumber: NUMBER })).toBe('不予受理');
    expect(refusalAtIntake({ refusalNoticeNumber: NUMBER, acceptedAt: '' })).toBe('不予受理');
  });

  it('should read FC17\'s filing the system refused at once as the decision its notice names (不予备案), not 不予受理', () => {
    // given a filing refused at intake by the system (怀孕未满三个月 or 手术已实施) whose 不予备案告知书 is issued
    const values = { refusedBySystem: true, decisionNoticeNumber: NOT_REGISTERED, submittedOn: '2026-03-02' };

    // when
    // then
    expect(refusalAtIntake(values)).toBe('不予备案');
    expect(refusalAtIntake({ ...values, decisionNoticeNumber: '西宁城中医保〔2026〕不予备案第12345号' })).toBe('不予备案');
    // and: before its notice is numbered (the notice job pending, or an incident on it), still the refusal, not 尚未受理
    expect(refusalAtIntake({ refusedBySystem: true })).toBe('不予备案');
    // and: a number whose word the office changed so that it no longer starts with 不予
    expect(refusalAtIntake({ refusedBySystem: true, decisionNoticeNumber: '西宁城中医保〔2026〕备案决定第0001号' })).toBe('不予备案');
  });

  it('should NOT read an accepted case, one without a notice number, or a refusal decided at a clerk\'s review, as refused at intake', () => {
    // given
    // when
    // then
    expect(refusalAtIntake({ refusalNoticeNumber: NUMBER, acceptedAt: '2026-03-02T09:00:00+08:00' })).toBeUndefined();
    expect(refusalAtIntake({})).toBeUndefined();
    expect(refusalAtIntake({ refusalNoticeNumber: '' })).toBeUndefined();
    expect(refusalAtIntake({ refusalNoticeNumber: null })).toBeUndefined();
    // a decision notice after 受理 (FC5's 不予办理 at review): accepted, with its 受理日期
    expect(refusalAtIntake({ acceptedAt: '2026-03-02T01:00:00Z', decisionNoticeNumber: '西宁城中医保〔2026〕不予办理第0001号' })).toBeUndefined();
    // a decision notice without the system's flag is a clerk's decision, never read as refused at intake
    expect(refusalAtIntake({ decisionNoticeNumber: NOT_REGISTERED })).toBeUndefined();
    expect(refusalAtIntake({ refusedBySystem: 'true', decisionNoticeNumber: NOT_REGISTERED })).toBeUndefined();
  });
});
