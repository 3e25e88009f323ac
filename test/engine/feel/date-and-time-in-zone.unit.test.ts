/**
 * feel-scala's `date and time(from, timezone)` in the engine: the models name the office's zone with it, so the
 * office's calendar date must turn at 16:00 UTC (midnight in Asia/Shanghai), and the other forms of
 * `date and time` must answer what feelin's built-in answers.
 */
import { describe, expect, it } from 'vitest';
import { FeelEvaluationError } from '../../../engine/feel/errors.js';
import { compileFeel } from '../../../engine/feel/feel-expression.js';

const evaluate = (source: string, at: string, variables: Record<string, unknown> = {}) =>
  compileFeel(source).evaluate(variables, Date.parse(at));

describe('date and time(from, timezone)', () => {
  it('should give the office date of now(), which turns at 16:00 UTC', () => {
    const officeDate = '=string(date(date and time(now(), "Asia/Shanghai")))';
    expect(evaluate(officeDate, '2026-03-01T15:59:59Z')).toBe('2026-03-01');
    expect(evaluate(officeDate, '2026-03-01T16:00:00Z')).toBe('2026-03-02');
  });

  it('should convert a date-time with a zone or offset to the same instant, as feel-scala does (withZoneSameInstant)', () => {
    const cases: [string, string][] = [
      ['=string(date and time(date and time("2026-03-01T16:00:00Z"), "Asia/Shanghai"))', '2026-03-02T00:00:00@Asia/Shanghai'],
      ['=string(date and time(@"2020-07-31T14:27:30@Europe/Berlin", "America/Los_Angeles"))', '2020-07-31T05:27:30@America/Los_Angeles'],
      ['=string(date and time(date and time("2026-03-02T07:59:59+08:00"), "Z"))', '2026-03-01T23:59:59Z'],
      // a local date-time is read in the zone (atZone)
      ['=string(date and time(date and time("2026-03-01T10:00:00"), "Asia/Shanghai"))', '2026-03-01T10:00:00@Asia/Shanghai'],
      // the same instant as its source
      ['=date and time(now(), "Asia/Shanghai") = now()', 'true'],
      // feel-scala's named form
      ['=string(date and time(from: now(), timezone: "Asia/Shanghai"))', '2026-03-02T00:00:00@Asia/Shanghai'],
    ];
    for (const [source, expected] of cases) expect(String(evaluate(source, '2026-03-01T16:00:00Z')), source).toBe(expected);
  });

  it('should convert a variable the case holds (FC20 reads acceptedAt so)', () => {
    const source = '=string(date(date and time(date and time(acceptedAt), "Asia/Shanghai")))';
    expect(evaluate(source, '2026-03-05T00:00:00Z', { acceptedAt: '2026-03-01T16:30:00.000Z' })).toBe('2026-03-02');
    expect(evaluate(source, '2026-03-05T00:00:00Z', { acceptedAt: '2026-03-01T15:30:00.000Z' })).toBe('2026-03-01');
  });

  it('should leave the other forms of date and time to feelin', () => {
    const cases: [string, string | null][] = [
      ['=string(date and time("2026-03-01T10:00:00Z"))', '2026-03-01T10:00:00Z'],
      ['=string(date and time(from: "2026-03-01T10:00:00@Asia/Shanghai"))', '2026-03-01T10:00:00@Asia/Shanghai'],
      ['=string(date and time(date("2026-03-01"), time("10:00:00")))', '2026-03-01T10:00:00'],
      ['=string(date and time(date: date("2026-03-01"), time: time("10:00:00Z")))', '2026-03-01T10:00:00Z'],
      ['=date and time("not a date")', null],
    ];
    for (const [source, expected] of cases) expect(evaluate(source, '2026-03-01T16:00:00Z'), source).toBe(expected);
  });

  it('should fail on a zone that does not exist rather than give another date', () => {
    expect(() => evaluate('=date and time(now(), "Asia/Xining")', '2026-03-01T16:00:00Z')).toThrow(FeelEvaluationError);
  });
});
