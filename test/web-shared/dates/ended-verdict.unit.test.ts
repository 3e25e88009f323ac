import { describe, expect, it } from 'vitest';
import { endedVerdict } from '../../../web-shared/src/dates/ended-verdict.js';

describe('whether an ended case kept its deadline', () => {
  it.each([
    ['2026-03-20T09:29:59.000Z', 'onTime', '17:29 on the deadline day in Xining'],
    ['2026-03-20T15:59:59.000Z', 'onTime', '23:59 on the deadline day in Xining'],
    ['2026-03-20T16:00:00.000Z', 'late', "UTC's same day, Xining's next"],
    ['2026-03-20T09:00:00', 'onTime', 'zone-less: office time'],
    ['2026-03-21T00:30:00+08:00[Asia/Shanghai]', 'late', 'a zoned value from a cluster'],
  ] as const)('should read an end at %s as %s (%s)', (endDate, verdict, _why) => {
    expect(endedVerdict({ endDate, canceled: false }, '2026-03-20')).toBe(verdict);
  });

  it.each(['', 'gestern', '2026-02-30T10:00:00Z', '2026-03-20T10:00:00+0800'])('should give no verdict for an unreadable end date %j (not 按时办结)', (endDate) => {
    expect(endedVerdict({ endDate, canceled: false }, '2026-03-20')).toBe('unknown');
  });

  it('should say cancelled, or no limit, before reading the end date', () => {
    expect(endedVerdict({ endDate: 'x', canceled: true }, '2026-03-20')).toBe('canceled');
    expect(endedVerdict({ endDate: '2026-03-20T09:00:00Z', canceled: false }, undefined)).toBe('noLimit');
  });
});
