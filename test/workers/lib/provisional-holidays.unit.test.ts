import { describe, expect, it } from 'vitest';
import { NATIONAL_HOLIDAY_SCHEDULE } from '../../../workers/lib/holiday-schedule.js';
import { provisionalHolidays } from '../../../workers/lib/provisional-holidays.js';

const statutoryOnly = (year: number) => provisionalHolidays(year).filter((h) => !h.name.endsWith('（补假）'));

describe('provisionalHolidays', () => {
  it('should give the 13 statutory days of the 2024 放假办法 for 2027 with lunar dates and 清明', () => {
    // given 2027: 除夕 02-05, 初一 02-06, 清明 04-05, 端午 06-09, 中秋 09-15
    // when
    const days = statutoryOnly(2027);
    // then
    expect(days.map((h) => `${h.date} ${h.name}`)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
  });

  it('should give a statutory day falling on a weekend back on the next working weekday (补假)', () => {
    // given 2027: 春节 02-06 Sat and 02-07 Sun, 劳动节 05-01 Sat and 05-02 Sun, 国庆 10-02 Sat and 10-03 Sun
    // when
    const inLieu = provisionalHolidays(2027).filter((h) => h.name.endsWith('（补假）'));
    // then each comes back after the holiday, skipping days already off
    expect(inLieu.map((h) => `${h.date} ${h.name}`)).toEqual([
      '2027-02-09 春节（补假）',
      '2027-02-10 春节（补假）',
      '2027-05-03 劳动节（补假）',
      '2027-05-04 劳动节（补假）',
      '2027-10-04 国庆节（补假）',
      '2027-10-05 国庆节（补假）',
    ]);
  });

  it.each([2025, 2026])('should only name days that the official %i schedule also gives off', (year) => {
    // given the published schedule of a past year
    const official = NATIONAL_HOLIDAY_SCHEDULE.year(year);
    // when / then every statutory day of the provisional rule is a rest day there
    for (const holiday of statutoryOnly(year)) {
      expect(official.restDays.has(holiday.date), `${holiday.date} ${holiday.name}`).toBe(true);
    }
  });
});
