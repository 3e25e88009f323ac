/**
 * Office dates as the date-times of timers and due dates: the office zone's offset, seconds always written.
 */
import { describe, expect, it } from 'vitest';
import { endOfOfficeDay, startOfOfficeDay } from '../../../workers/lib/deadline-timestamps.js';

describe('deadline timestamps', () => {
  it('should end an office day at 23:59:59 and start it at 09:00:00, +08:00 in winter and summer', () => {
    expect([endOfOfficeDay('2026-03-23'), startOfOfficeDay('2026-03-19'), endOfOfficeDay('2026-07-31'), startOfOfficeDay('2028-02-29')]).toEqual([
      '2026-03-23T23:59:59+08:00',
      '2026-03-19T09:00:00+08:00',
      '2026-07-31T23:59:59+08:00',
      '2028-02-29T09:00:00+08:00',
    ]);
  });
});
