/**
 * Date-times as our engine and Camunda's FEEL write them (`string(now())`), read as the same instant.
 */
import { describe, expect, it } from 'vitest';
import { isDateOrInstant, officeDateOfDateOrInstant, parseInstant } from '../../../workers/lib/instant.js';

describe('parseInstant', () => {
  it.each([
    ['2026-03-02T01:00:00Z', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T01:00:00.123Z', '2026-03-02T01:00:00.123Z'],
    ['2026-03-02T09:00:00+08:00', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T09:00:00.123@Asia/Shanghai', '2026-03-02T01:00:00.123Z'],
    ['2026-03-02T01:00:00@UTC', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T01:00@Etc/UTC', '2026-03-02T01:00:00.000Z'],
    ['2026-07-01T10:00:00@Europe/Berlin', '2026-07-01T08:00:00.000Z'],
    ['2026-03-02T09:00:00+08:00[Asia/Shanghai]', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T09:00+08:00[Asia/Shanghai]', '2026-03-02T01:00:00.000Z'],
    ['2026-07-01T10:00:00+02:00[Europe/Berlin]', '2026-07-01T08:00:00.000Z'],
    ['2026-03-02T01:00:00Z[UTC]', '2026-03-02T01:00:00.000Z'],
    ['2026-07-01T10:00:00[Europe/Berlin]', '2026-07-01T08:00:00.000Z'],
    ['2026-03-02T09:00:00.123456789@Asia/Shanghai', '2026-03-02T01:00:00.123Z'],
  ])('should read %s as %s', (text, expected) => {
    // when
    const instant = parseInstant(text);

    // then
    expect(instant?.toISOString()).toBe(expected);
  });

  it.each(['2026-03-02T09:00:00', '2026-03-02T09:00'])('should read the zone-less %s (a FEEL local date-time) as the office\'s wall-clock time', (text) => {
    // when
    const instant = parseInstant(text);

    // then 09:00 in Xining, whatever the zone this process runs in
    expect(instant?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
  });

  it.each(['2026-03-02', '2026-03-02T09:00:00@Nowhere/City', '2026-03-02T09:00:00[Nowhere/City]', '2026-02-30T09:00:00', 'yesterday', ''])('should not read %j as an instant', (text) => {
    // when
    const instant = parseInstant(text);

    // then
    expect(instant).toBeUndefined();
  });
});

describe('parseInstant around daylight-saving changes', () => {
  it.each([
    ['2026-03-29T02:30:00@Europe/Berlin', '2026-03-29T01:30:00.000Z', 'a wall time skipped in spring: moved forward by the gap'],
    ['2026-10-25T02:30:00@Europe/Berlin', '2026-10-25T00:30:00.000Z', 'a wall time repeated in autumn: the earlier offset, as java.time'],
    ['2026-01-15T09:00:00@Asia/Shanghai', '2026-01-15T01:00:00.000Z', 'Xining in winter: +08:00'],
    ['2026-07-15T09:00:00@Asia/Shanghai', '2026-07-15T01:00:00.000Z', 'Xining in summer: +08:00 too'],
  ])('should read %s as %s (%s)', (text, expected) => {
    expect(parseInstant(text)?.toISOString()).toBe(expected);
  });

  it.each(['20260302T010000Z', '2026-03-02 01:00:00Z', '2026-03-02T01Z', '2026-02-30T01:00:00Z', '2026-03-02T24:00:00Z'])(
    'should NOT read %j, a form no variable uses or no real time',
    (text) => {
      expect(parseInstant(text)).toBeUndefined();
    },
  );
});

describe('officeDateOfDateOrInstant', () => {
  it('should read a date as it is and a date-time in Xining time', () => {
    // when
    const dates = ['2026-03-02', '2026-03-01T17:00:00Z', '2026-03-01T17:00:00@UTC', '2026-03-01T15:59:59@UTC'].map(officeDateOfDateOrInstant);

    // then 17:00 UTC is 01:00 the next day in Xining, 15:59:59 UTC still 23:59:59 the same day
    expect(dates).toEqual(['2026-03-02', '2026-03-02', '2026-03-02', '2026-03-01']);
  });

  it('should tell a date or date-time from anything else', () => {
    // when
    const answers = ['2026-03-02', '2026-03-02T09:00:00@Asia/Shanghai', '2026-02-30', '3月2日'].map(isDateOrInstant);

    // then
    expect(answers).toEqual([true, true, false, false]);
  });
});
