/** A time of day as typed into a date-time field, read strictly (time-text.ts): a half-typed or impossible one is none. */
import { describe, expect, it } from 'vitest';
import { minutesOfTimeText, timeTextProblem } from '../../../web-shared/src/dates/time-text.js';

describe('time text', () => {
  it('should read 24-hour times, an input method’s colon and digits, and form-js’s 12-hour writing', () => {
    expect(minutesOfTimeText('14:30')).toBe(14 * 60 + 30);
    expect(minutesOfTimeText(' 9:05 ')).toBe(9 * 60 + 5);
    expect(minutesOfTimeText('１４：３０')).toBe(14 * 60 + 30);
    expect(minutesOfTimeText('02:30 PM')).toBe(14 * 60 + 30);
    expect(minutesOfTimeText('12:00 am')).toBe(0);
  });

  it('should call a time without minutes half typed, and one not on the clock impossible', () => {
    expect(timeTextProblem('14')).toBe('incomplete');
    expect(timeTextProblem('14:')).toBe('incomplete');
    expect(timeTextProblem('14:3')).toBe('incomplete');
    expect(timeTextProblem('25:00')).toBe('impossible');
    expect(timeTextProblem('14:75')).toBe('impossible');
    expect(timeTextProblem('13:00 pm')).toBe('impossible');
    expect(timeTextProblem('')).toBe(undefined);
    expect(timeTextProblem('23:59')).toBe(undefined);
  });
});
