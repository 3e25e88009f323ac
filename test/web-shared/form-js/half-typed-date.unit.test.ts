/**
 * What is wrong with a form date field's text (half-typed-date.ts) and what the field says about it
 * (half-typed-date-validation.ts): a half-typed date or a day not on the calendar is kept as typed and marked
 * wrong, never read by the calendar as a date it fills in or rolls over; a date the field had is named as kept.
 */
import { describe, expect, it } from 'vitest';
import { dateTextProblem } from '../../../web-shared/src/form-js/half-typed-date.js';
import { dateTextMessage, offIntervalMessage } from '../../../web-shared/src/form-js/half-typed-date-validation.js';

describe('dateTextProblem', () => {
  it.each(['2026', '2026/', '2026/3', '2026/3/', '2026-12', '2026123', '3月5日', '12/7/2026', 'abc', ' 2026 ', '2026-0305 10:00', '2026/3/5T'])('should take “%s” for half typed', (text) => {
    expect(dateTextProblem(text)).toBe('incomplete');
  });

  it.each(['2026-03-05T10:00:00Z', '2026-12-05T10:00Z', '2026-12-05T10:00+08:00', '2026-12-05 10:00 CST', '2026/12/5 上午', '20261205 10:00Z', '２０２６－１２－０５Ｔ１０：００Ｚ'])(
    'should take “%s” for a whole date followed by what a date field cannot take',
    (text) => {
      expect(dateTextProblem(text)).toBe('more');
    },
  );

  it.each(['2026/2/29', '2026/4/31', '2026/2/30', '2026/13/1', '2026/3/0', '1899/12/31'])('should take “%s” for a day not on the calendar', (text) => {
    expect(dateTextProblem(text)).toBe('impossible');
  });

  it.each(['', '  ', '2026/12/7', '2026/3/5', '2026-12-07', '2026.12.07', '2026年12月7日', ' 2026/1/1 ', '2028/2/29', '20261207', '2026-03-05 10:00', '2026-03-05T10:00', '2026年3月5号', '2026 / 3 / 5', '２０２６/３/５'])(
    'should take “%s” for no problem (a date, or nothing)',
    (text) => {
      expect(dateTextProblem(text)).toBeUndefined();
    },
  );
});

describe('dateTextMessage', () => {
  it('should ask for the whole date, in the format the field shows', () => {
    expect(dateTextMessage('2026/3', null)).toBe('请输入完整日期，如 2026/12/7');
  });

  it('should ask for the date alone when a time with a zone follows it, not for a whole date', () => {
    expect(dateTextMessage('2026-12-05T10:00Z', null)).toBe('请只填写日期，如 2026/12/7（不含时间和时区）');
    expect(dateTextMessage('2026-12-05 10:00 CST', '2026-03-02')).toBe('请只填写日期，如 2026/12/7（不含时间和时区）（原日期 2026/3/2 仍保留，未改动）');
  });

  it('should say which day the month lacks', () => {
    expect(dateTextMessage('2026/2/29', null)).toBe('日期不存在：2026年2月没有29日，请核对');
    expect(dateTextMessage('2026/4/31', undefined)).toBe('日期不存在：2026年4月没有31日，请核对');
    expect(dateTextMessage('2026/13/1', null)).toBe('日期不存在：没有13月，请核对');
    expect(dateTextMessage('1899/12/31', null)).toBe('日期不存在，请核对（年份应在 1900 至 2199 之间）');
  });

  it('should name the date the field keeps meanwhile', () => {
    expect(dateTextMessage('2026/3', '2026-03-02')).toBe('请输入完整日期，如 2026/12/7（原日期 2026/3/2 仍保留，未改动）');
    expect(dateTextMessage('2026/2/30', '2026-12-07')).toBe('日期不存在：2026年2月没有30日，请核对（原日期 2026/12/7 仍保留，未改动）');
  });

  it('should say nothing for a date or an empty field', () => {
    expect(dateTextMessage('2026/3/5', '2026-03-02')).toBeUndefined();
    expect(dateTextMessage('', '2026-03-02')).toBeUndefined();
  });
});

describe('offIntervalMessage', () => {
  it('should refuse a time off the field’s interval, naming the interval and the time form-js puts in its place', () => {
    expect(offIntervalMessage('14:37', 15)).toBe('时间须为 15 分钟的整数倍，已调整为 14:30，请核对后再提交');
    expect(offIntervalMessage('9:05', 10)).toBe('时间须为 10 分钟的整数倍，已调整为 09:00，请核对后再提交');
    expect(offIntervalMessage('14:30', 60)).toBe('时间须为 60 分钟的整数倍，已调整为 14:00，请核对后再提交');
    // (a field without use24h shows form-js's 12-hour writing)
    expect(offIntervalMessage('14:37', 15, false)).toBe('时间须为 15 分钟的整数倍，已调整为 02:30 PM，请核对后再提交');
    expect(offIntervalMessage('0:20', 15, false)).toBe('时间须为 15 分钟的整数倍，已调整为 12:15 AM，请核对后再提交');
  });

  it('should say nothing for a time on the interval, no time, or an empty field', () => {
    expect(offIntervalMessage('14:45', 15)).toBeUndefined();
    expect(offIntervalMessage('14:37', 1)).toBeUndefined();
    expect(offIntervalMessage('14', 15)).toBeUndefined();
    expect(offIntervalMessage('', 15)).toBeUndefined();
  });
});
