import { describe, expect, it } from 'vitest';
import { checkedRange } from '../../../web-shared/src/dates/date-range.js';
import { isoDateOfText } from '../../../web-shared/src/dates/date-text.js';

describe('dates typed year first', () => {
  it.each([
    ['2026-12-05', '2026-12-05'],
    [' 2026/12/5 ', '2026-12-05'],
    ['2026.12.05', '2026-12-05'],
    ['2026年12月5日', '2026-12-05'],
    ['20261205', '2026-12-05'],
    ['2028-02-29', '2028-02-29'],
    // (an input method's full-width digits and signs, 号 for 日, spaces around the signs, a time after the date)
    ['２０２６／１２／５', '2026-12-05'],
    ['２０２６年１２月５日', '2026-12-05'],
    ['2026年12月5号', '2026-12-05'],
    ['2026 / 12 / 5', '2026-12-05'],
    ['2026 12 5', '2026-12-05'],
    ['2026-12-05 10:00', '2026-12-05'],
    ['2026-12-05T10:00:30', '2026-12-05'],
    ['2026年12月5日 8:05', '2026-12-05'],
    // (fractional seconds, as a system writing ISO times keeps them)
    ['2026-12-05T10:00:00.000', '2026-12-05'],
    ['2026-12-05 10:00:00.5', '2026-12-05'],
  ])('should read %s as %s', (text, iso) => {
    expect(isoDateOfText(text)).toBe(iso);
  });

  it.each(['', '12/05/2026', '2026-02-29', '2026-13-01', '2026-12-32', '2026-00-10', '1899-12-31', '2026-12', 'abc', '2026-12-05T10:00:00Z', '2026-12-05T10:00:00.000Z', '2026-12-05T10:00:00.', '2026-12-05T10:00:00.1234', '2026-12-05T10:00.000', '2026-12-05 25:00', '2026-12-0510:00', '2026 12', '2026 12 5 10'])('should not read %j as a date', (text) => {
    expect(isoDateOfText(text)).toBeUndefined();
  });

  it('should check a range: empty ends allowed, a wrong date or a from-date after the to-date named in Chinese', () => {
    expect(checkedRange('', '')).toEqual({ from: undefined, to: undefined });
    expect(checkedRange('2026/3/1', '')).toEqual({ from: '2026-03-01', to: undefined });
    expect(checkedRange('2026-03-01', '2026-03-01')).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(checkedRange('2026-03-02', '2026-03-01')).toEqual({ error: '开始日期 2026-03-02 晚于结束日期 2026-03-01，请调换或修改', kind: 'order', fields: ['from', 'to'] });
    expect(checkedRange('2026-02-30', '2026-03-01')).toEqual({ error: '「2026-02-30」不是有效日期，请按 年-月-日 输入，例如 2026-12-05', kind: 'invalid', fields: ['from'] });
    expect(checkedRange('', '3/1/2026')).toEqual({ error: '「3/1/2026」不是有效日期，请按 年-月-日 输入，例如 2026-12-05', kind: 'invalid', fields: ['to'] });
  });
});
