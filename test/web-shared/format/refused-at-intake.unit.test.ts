/**
 * The one rule the task list's rows, its case header and the monitor's case page use to show a case refused at
 * intake (web-shared/src/format/refused-at-intake.ts).
 */
import { describe, expect, it } from 'vitest';
import { refusedAtIntake } from '../../../web-shared/src/format/refused-at-intake.js';

const NUMBER = '西宁城中医保〔2026〕不予受理第0001号';

describe('refusedAtIntake', () => {
  it('should read a case with a 不予受理告知书 number and no 受理 time as refused at intake', () => {
    // given
    // when
    // then
    expect(refusedAtIntake({ refusalNoticeNumber: NUMBER })).toBe(true);
    expect(refusedAtIntake({ refusalNoticeNumber: NUMBER, acceptedAt: '' })).toBe(true);
  });

  it('should NOT read an accepted case, or one without a notice number, as refused at intake', () => {
    // given
    // when
    // then
    expect(refusedAtIntake({ refusalNoticeNumber: NUMBER, acceptedAt: '2026-03-02T09:00:00+08:00' })).toBe(false);
    expect(refusedAtIntake({})).toBe(false);
    expect(refusedAtIntake({ refusalNoticeNumber: '' })).toBe(false);
    expect(refusedAtIntake({ refusalNoticeNumber: null })).toBe(false);
  });
});
