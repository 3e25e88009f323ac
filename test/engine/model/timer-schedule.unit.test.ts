/**
 * Timer values without a server: ISO 8601 durations added by the calendar, date-times with offsets,
 * repeating intervals and cron cycles, and how a cycle counts its repetitions down.
 */
import { describe, expect, it } from 'vitest';
import { addDuration, nextCycle, scheduleTimer, type TimerDue } from '../../../engine/model/timer-schedule.js';

const NOW = Date.parse('2026-03-02T08:00:00Z'); // a Monday
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('scheduleTimer: durations', () => {
  it.each([
    ['P15D', '2026-03-17T08:00:00.000Z'],
    ['PT10M', '2026-03-02T08:10:00.000Z'],
    ['P2W', '2026-03-16T08:00:00.000Z'],
    ['PT1.5S', '2026-03-02T08:00:01.500Z'],
    ['P1Y2M3DT4H5M6S', '2027-05-05T12:05:06.000Z'],
  ])('should add %s to now', (duration, expected) => {
    // given
    // when
    const due = scheduleTimer('duration', duration, NOW);

    // then
    expect(due).toEqual({ dueDate: Date.parse(expected), repetitions: 1 });
  });

  it('should add a month by the calendar, ending at the last day of a shorter month', () => {
    // given
    const endOfJanuary = Date.parse('2026-01-31T09:30:00Z');
    const endOfJanuaryInLeapYear = Date.parse('2028-01-31T09:30:00Z');

    // when
    const february = scheduleTimer('duration', 'P1M', endOfJanuary);
    const leapFebruary = scheduleTimer('duration', 'P1M', endOfJanuaryInLeapYear);

    // then
    expect(february).toEqual({ dueDate: Date.parse('2026-02-28T09:30:00Z'), repetitions: 1 });
    expect(leapFebruary).toEqual({ dueDate: Date.parse('2028-02-29T09:30:00Z'), repetitions: 1 });
  });

  it.each([
    ['P1M', '2026-03-31T08:00:00Z', '2026-04-30T08:00:00Z'],
    ['P1Y', '2028-02-29T08:00:00Z', '2029-02-28T08:00:00Z'],
    ['P4Y', '2028-02-29T08:00:00Z', '2032-02-29T08:00:00Z'],
    ['P1D', '2028-02-28T08:00:00Z', '2028-02-29T08:00:00Z'],
    ['P1M', '2027-12-31T23:00:00Z', '2028-01-31T23:00:00Z'],
  ])('should add %s to %s by the calendar: %s (month ends, leap years)', (duration, from, expected) => {
    // given
    // when
    const due = addDuration(Date.parse(from), duration);

    // then
    expect(due).toBe(Date.parse(expected));
  });

  it('should read a fraction in the smallest time unit only, never of a day or month (Zeebe refuses those too)', () => {
    // given
    // when
    const values = ['PT1.5H', 'PT0.25S', 'P1.5D', 'P0.5M'].map((duration) => addDuration(NOW, duration));

    // then: P1.5D was read as 36 hours by the earlier hand-written parser; Temporal and Zeebe (java.time) refuse it
    expect(values).toEqual([NOW + 90 * 60_000, NOW + 250, undefined, undefined]);
  });

  it('should add years and months before days and time', () => {
    // given
    const endOfJanuary = Date.parse('2026-01-31T00:00:00Z');

    // when
    const due = addDuration(endOfJanuary, 'P1Y1M1DT1H');

    // then: 2027-02-28 (clamped), then one day and one hour
    expect(due).toBe(Date.parse('2027-03-01T01:00:00Z'));
  });

  it.each(['PT0S', 'P0D', '-PT1H', '-P3D'])('should fire at once for the zero or negative duration %s, never before now', (duration) => {
    // given
    // when
    const due = scheduleTimer('duration', duration, NOW);

    // then
    expect(due).toEqual({ dueDate: NOW, repetitions: 1 });
  });

  it.each(['3 days', 'P', 'PT', 'P1DT', '15D', 'PT10', 'P1H', 'p1d', 'R3/PT1H', '2026-03-02T08:00:00Z'])(
    'should NOT accept %j as a duration',
    (value) => {
      // given
      // when
      const due = scheduleTimer('duration', value, NOW);

      // then
      expect(due).toBe(`'${value}' is not an ISO 8601 duration`);
      expect(addDuration(NOW, value)).toBeUndefined();
    },
  );

  it.each([[42], [''], ['   '], [null], [undefined], [{ days: 3 }]])('should NOT accept the non-string or empty value %j', (value) => {
    // given
    // when
    const due = scheduleTimer('duration', value, NOW);

    // then
    expect(due).toMatch(/^expected a duration as an ISO 8601 string, but (was 42|was '(NULL|OBJECT)'|it was empty)$/);
  });

  it('should accept a duration with surrounding whitespace', () => {
    // given
    // when
    const due = scheduleTimer('duration', '  PT10M\n', NOW);

    // then
    expect(due).toEqual({ dueDate: NOW + 10 * 60_000, repetitions: 1 });
  });
});

describe('scheduleTimer: dates', () => {
  it('should read a date-time with an offset as that instant', () => {
    // given
    // when
    const due = scheduleTimer('date', '2026-10-01T09:00:00+08:00', NOW);

    // then
    expect(due).toEqual({ dueDate: Date.parse('2026-10-01T01:00:00Z'), repetitions: 1 });
  });

  it('should read a UTC date-time with milliseconds', () => {
    // given
    // when
    const due = scheduleTimer('date', '2019-10-01T12:00:00.250Z', NOW);

    // then: a date in the past stays as it is, so the timer fires at once
    expect(due).toEqual({ dueDate: Date.parse('2019-10-01T12:00:00.250Z'), repetitions: 1 });
  });

  it('should read a date-time with an offset and a zone id by its offset', () => {
    // given
    // when
    const due = scheduleTimer('date', '2019-10-02T08:09:40+02:00[Europe/Berlin]', NOW);

    // then
    expect(due).toEqual({ dueDate: Date.parse('2019-10-02T06:09:40Z'), repetitions: 1 });
  });

  it.each([
    'tomorrow',
    '12',
    'March 7, 2026',
    '2026/10/01 09:00',
    '2026-10-01',
    '2026-10-01T09:00:00',
    '2026-13-01T00:00:00Z',
    '2026-10-01T25:00:00Z',
    '2026-02-29T09:00:00Z',
    '2026-10-01 09:00:00Z',
    '20261001T090000Z',
    'P1D',
  ])('should NOT accept %j as a date-time', (value) => {
    // given
    // when
    const due = scheduleTimer('date', value, NOW);

    // then
    expect(due).toBe(`'${value}' is not an ISO 8601 date-time`);
  });

  it('should NOT accept a number as a date-time', () => {
    // given
    // when
    const due = scheduleTimer('date', NOW, NOW);

    // then
    expect(due).toBe(`expected a date as an ISO 8601 string, but was 'NUMBER'`);
  });
});

describe('scheduleTimer: cycles', () => {
  it('should schedule R3/PT1H one interval from now with three repetitions', () => {
    // given
    // when
    const due = scheduleTimer('cycle', 'R3/PT1H', NOW);

    // then
    expect(due).toEqual({ dueDate: NOW + HOUR, repetitions: 3, cycle: { interval: 'PT1H' } });
  });

  it('should schedule R/P1D one day from now, repeating without end', () => {
    // given
    // when
    const due = scheduleTimer('cycle', 'R/P1D', NOW);

    // then
    expect(due).toEqual({ dueDate: NOW + DAY, repetitions: -1, cycle: { interval: 'P1D' } });
  });

  it('should schedule a cycle with a start date at the start date itself', () => {
    // given
    const before = Date.parse('2025-12-31T12:00:00Z');

    // when
    const due = scheduleTimer('cycle', 'R2/2026-01-01T00:00:00Z/P1D', before);

    // then
    expect(due).toEqual({ dueDate: Date.parse('2026-01-01T00:00:00Z'), repetitions: 2, cycle: { interval: 'P1D' } });
  });

  it('should schedule a cycle whose start date has an offset at that instant', () => {
    // given
    // when
    const due = scheduleTimer('cycle', 'R3/2026-03-03T09:00:00+08:00/P1D', NOW);

    // then
    expect(due).toMatchObject({ dueDate: Date.parse('2026-03-03T01:00:00Z'), repetitions: 3 });
  });

  it('should schedule the cron cycle 0 0 9 * * MON-FRI at the next weekday 09:00 UTC', () => {
    // given
    const mondayMorning = Date.parse('2026-03-02T06:00:00Z');
    const mondayNoon = Date.parse('2026-03-02T12:00:00Z');

    // when
    const sameDay = scheduleTimer('cycle', '0 0 9 * * MON-FRI', mondayMorning);
    const nextDay = scheduleTimer('cycle', '0 0 9 * * MON-FRI', mondayNoon);

    // then
    expect(sameDay).toEqual({ dueDate: Date.parse('2026-03-02T09:00:00Z'), repetitions: -1, cycle: { cron: '0 0 9 * * MON-FRI' } });
    expect(nextDay).toMatchObject({ dueDate: Date.parse('2026-03-03T09:00:00Z'), repetitions: -1 });
  });

  it('should skip the weekend for a cron cycle scheduled on a Friday afternoon or a Saturday', () => {
    // given
    const fridayAfternoon = Date.parse('2026-03-06T15:00:00Z');
    const saturday = Date.parse('2026-03-07T08:00:00Z');

    // when
    const fromFriday = scheduleTimer('cycle', '0 0 9 * * MON-FRI', fridayAfternoon);
    const fromSaturday = scheduleTimer('cycle', '0 0 9 * * MON-FRI', saturday);

    // then
    expect(fromFriday).toMatchObject({ dueDate: Date.parse('2026-03-09T09:00:00Z') });
    expect(fromSaturday).toMatchObject({ dueDate: Date.parse('2026-03-09T09:00:00Z') });
  });

  it.each([
    ['R0/PT1H', 'has an invalid repetition count'],
    ['R-2/PT1H', 'has an invalid repetition count'],
    ['Rx/PT1H', 'has an invalid repetition count'],
    ['R3/3 days', 'has an invalid interval'],
    ['R3/', 'has an invalid interval'],
    ['R3/yesterday/P1D', 'has an invalid start date'],
    ['R3/2026-01-01T00:00:00/P1D', 'has an invalid start date'],
    ['R3/2026-01-01T00:00:00Z/P1D/PT1H', 'is not an ISO 8601 repeating interval'],
    ['every day', 'is neither an ISO 8601 repeating interval nor a cron expression'],
    ['0 0 9 * * FUNDAY', 'is neither an ISO 8601 repeating interval nor a cron expression'],
  ])('should NOT accept the cycle %j', (value, problem) => {
    // given
    // when
    const due = scheduleTimer('cycle', value, NOW);

    // then
    expect(typeof due).toBe('string');
    expect(due).toContain(`'${value}' ${problem}`);
  });
});

describe('nextCycle', () => {
  it('should count the repetitions of R3/PT1H down and stop after the third firing', () => {
    // given
    const first = scheduleTimer('cycle', 'R3/PT1H', NOW) as TimerDue;

    // when
    const second = nextCycle(first, first.dueDate);
    const third = second && nextCycle(second, second.dueDate);
    const fourth = third && nextCycle(third, third.dueDate);

    // then
    expect([first, second, third].map((due) => [due!.dueDate - NOW, due!.repetitions])).toEqual([
      [HOUR, 3],
      [2 * HOUR, 2],
      [3 * HOUR, 1],
    ]);
    expect(fourth).toBeUndefined();
  });

  it('should keep an unbounded R/P1D cycle unbounded', () => {
    // given
    let due = scheduleTimer('cycle', 'R/P1D', NOW) as TimerDue;

    // when
    for (let firing = 0; firing < 30; firing++) due = nextCycle(due, due.dueDate)!;

    // then
    expect(due).toEqual({ dueDate: NOW + 31 * DAY, repetitions: -1, cycle: { interval: 'P1D' } });
  });

  it('should keep the cadence of the due dates when a firing happens late', () => {
    // given: the engine was down and fired the first repetition two and a half days late
    const first = scheduleTimer('cycle', 'R2/2026-01-01T00:00:00Z/P1D', Date.parse('2025-12-31T00:00:00Z')) as TimerDue;
    const firedAt = Date.parse('2026-01-03T12:00:00Z');

    // when
    const second = nextCycle(first, firedAt);

    // then: due already, so it fires at the next check; no repetition is left after it
    expect(second).toEqual({ dueDate: Date.parse('2026-01-02T00:00:00Z'), repetitions: 1, cycle: { interval: 'P1D' } });
    expect(nextCycle(second!, firedAt)).toBeUndefined();
  });

  it('should run a cron cycle from Friday 09:00 to Monday 09:00, skipping the weekend', () => {
    // given
    const friday = scheduleTimer('cycle', '0 0 9 * * MON-FRI', Date.parse('2026-03-06T08:00:00Z')) as TimerDue;
    expect(friday.dueDate).toBe(Date.parse('2026-03-06T09:00:00Z'));

    // when
    const monday = nextCycle(friday, friday.dueDate);
    const tuesday = monday && nextCycle(monday, monday.dueDate);

    // then
    expect(monday).toEqual({ dueDate: Date.parse('2026-03-09T09:00:00Z'), repetitions: -1, cycle: { cron: '0 0 9 * * MON-FRI' } });
    expect(tuesday).toMatchObject({ dueDate: Date.parse('2026-03-10T09:00:00Z'), repetitions: -1 });
  });

  it('should NOT repeat a duration or a date', () => {
    // given
    const duration = scheduleTimer('duration', 'PT10M', NOW) as TimerDue;
    const date = scheduleTimer('date', '2026-10-01T09:00:00+08:00', NOW) as TimerDue;

    // when
    // then
    expect(nextCycle(duration, duration.dueDate)).toBeUndefined();
    expect(nextCycle(date, date.dueDate)).toBeUndefined();
  });
});
