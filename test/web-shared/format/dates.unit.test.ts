/**
 * Date-times as the office reads them, in every shape a process variable holds one (FEEL's `string(now())` on a
 * cluster in any zone, Zeebe's ISO_ZONED_DATE_TIME, our engine's UTC, FEEL's zone-less local date-time), shown in
 * the office's zone — on a PC set to New York here, not China (the bug: `@zone` dropped and the rest read in the
 * browser's zone).
 */
// (the zone the process had, given back when the file ends: other files may run in this process after it)
const zoneBefore = process.env.TZ;
process.env.TZ = 'America/New_York'; // before anything reads a date (Node applies it when assigned)

import { afterAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, parseDateTime } from '../../../web-shared/src/format/dates.js';
import { parseInstant } from '../../../workers/lib/instant.js';

afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('the zone this test runs in', () => {
  it('should be New York, not the office zone (else a browser-zone reading would pass unnoticed)', () => {
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(300); // UTC−5 in January
    expect(new Date(2026, 6, 15).getTimezoneOffset()).toBe(240); // UTC−4 in July
  });
});

describe('formatDateTime', () => {
  it.each([
    ['2026-03-01T02:00:00.123Z', '2026-03-01 10:00', 'UTC, our engine and JavaScript'],
    ['2026-03-01T10:00:00+08:00', '2026-03-01 10:00', 'an offset (FEEL string() of a date-time whose zone is an offset)'],
    ['2026-03-01T10:00:00-05:00', '2026-03-01 23:00', 'another offset'],
    ['2026-03-01T10:00:00@Asia/Shanghai', '2026-03-01 10:00', 'FEEL string(now()) on a broker in China time'],
    ['2026-03-01T10:00:00.123456789@Asia/Shanghai', '2026-03-01 10:00', 'nanoseconds'],
    ['2026-03-01T10:00:00@Europe/Berlin', '2026-03-01 17:00', 'a broker in Berlin, winter (+01:00)'],
    ['2026-07-01T10:00:00.5@Europe/Berlin', '2026-07-01 16:00', 'a broker in Berlin, summer (+02:00)'],
    ['2026-03-01T16:30:00@UTC', '2026-03-02 00:30', 'a broker in UTC: the next office day'],
    ['2026-03-01T16:30@Etc/UTC', '2026-03-02 00:30', 'no seconds'],
    ['2026-03-01T10:00:00+08:00[Asia/Shanghai]', '2026-03-01 10:00', 'Zeebe ISO_ZONED_DATE_TIME of =now()'],
    ['2026-07-01T10:00:00+02:00[Europe/Berlin]', '2026-07-01 16:00', 'ISO_ZONED_DATE_TIME in Berlin'],
    ['2026-03-01T02:00:00Z[UTC]', '2026-03-01 10:00', 'ISO_ZONED_DATE_TIME in UTC'],
    ['2026-07-01T10:00:00[Europe/Berlin]', '2026-07-01 16:00', 'a zone in brackets alone'],
    ['2026-03-01T10:00:00', '2026-03-01 10:00', 'zone-less (FEEL local date-time): the office wall-clock time, not New York'],
    ['2026-03-01T23:30', '2026-03-01 23:30', 'zone-less late evening: still that office day'],
  ])('should show %s as %s (%s)', (text, shown) => {
    expect(formatDateTime(text)).toBe(shown);
  });

  it('should show a date alone as the office midnight, and an epoch number', () => {
    expect(formatDateTime('2026-03-02')).toBe('2026-03-02 00:00');
    expect(formatDateTime(Date.UTC(2026, 2, 1, 16, 30))).toBe('2026-03-02 00:30');
  });

  it.each(['', '2026-02-30T10:00:00Z', '2026-03-02T24:00:00Z', '2026-03-02T10:00:00@Nowhere/City', 'yesterday', '2026-03-02 10:00'])(
    'should show nothing for %j',
    (text) => {
      expect(formatDateTime(text)).toBe('');
    },
  );
});

describe('formatDate', () => {
  it('should give the office date: a broker in UTC late in the day is the next day in Xining, a date stays itself', () => {
    expect(formatDate('2026-03-01T16:30:00@UTC')).toBe('2026-03-02');
    expect(formatDate('2026-03-01T15:59:59.999@UTC')).toBe('2026-03-01');
    expect(formatDate('2026-03-01T23:30:00')).toBe('2026-03-01');
    expect(formatDate('2026-03-02')).toBe('2026-03-02');
    expect(formatDate(undefined)).toBe('');
  });
});

describe('parseDateTime', () => {
  it.each([
    ['2026-03-29T02:30:00@Europe/Berlin', '2026-03-29T01:30:00.000Z', 'skipped in spring: moved forward by the gap'],
    ['2026-10-25T02:30:00@Europe/Berlin', '2026-10-25T00:30:00.000Z', 'repeated in autumn: the earlier offset'],
    ['2026-03-08T02:30:00@America/New_York', '2026-03-08T07:30:00.000Z', 'skipped in New York'],
    ['2026-11-01T01:30:00@America/New_York', '2026-11-01T05:30:00.000Z', 'repeated in New York'],
  ])('should resolve %s as java.time does: %s (%s)', (text, instant) => {
    expect(parseDateTime(text)?.toISOString()).toBe(instant);
  });

  it('should not take a date alone for a date-time (a variable such as deadlineDate stays a date)', () => {
    expect(parseDateTime('2026-03-02')).toBeUndefined();
  });

  it.each([
    '2026-03-01T02:00:00.123Z',
    '2026-03-01T10:00:00+08:00',
    '2026-03-01T10:00:00.123456789@Asia/Shanghai',
    '2026-07-01T10:00:00@Europe/Berlin',
    '2026-03-29T02:30:00@Europe/Berlin',
    '2026-10-25T02:30:00@Europe/Berlin',
    '2026-03-01T16:30@Etc/UTC',
    '2026-03-01T10:00:00+08:00[Asia/Shanghai]',
    '2026-07-01T10:00:00[Europe/Berlin]',
    '2026-03-01T10:00:00',
    '2026-03-01T10:00:00-23:59',
    '0050-03-01T10:00:00Z',
    '0000-01-01T10:00:00+08:00',
    '0099-12-31T23:30:00@Europe/Berlin',
    '0001-01-01T00:00:00',
  ])('should read %s as the same instant as the workers (workers/lib/instant.ts, Temporal)', (text) => {
    expect(parseDateTime(text)?.toISOString()).toBe(parseInstant(text)?.toISOString());
    expect(parseDateTime(text)).toBeDefined();
  });

  it('should read years 0–99 as themselves, not as 1900–1999 (Date.UTC)', () => {
    expect(parseDateTime('0050-03-01T10:00:00Z')?.toISOString()).toBe('0050-03-01T10:00:00.000Z');
    // Shanghai's local mean time then, +08:05:43 (tz database), as Temporal reads it
    expect(parseDateTime('0099-12-31T18:00:00')?.toISOString()).toBe('0099-12-31T09:54:17.000Z');
  });

  it.each([
    '2026-03-01T10:00:00+0800', // no colon: not RFC 3339, which Camunda's API and FEEL write
    '2026-03-01T10:00:00+08:00:00', // seconds in the offset
    '2026-03-01T10:00:00+24:00', // no such offset
    '2026-03-01T10:00:00+08:60',
    '2026-12-31T23:59:60Z', // a leap second (Temporal would read :59, Date cannot)
    '2026-12-31T23:59:60',
    '2026-02-30T10:00:00',
    '2026-03-01T24:00:00',
  ])('should refuse %s, as the workers do', (text) => {
    expect(parseDateTime(text)).toBeUndefined();
    expect(parseInstant(text)).toBeUndefined();
  });
});
