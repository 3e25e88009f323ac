import { afterEach, describe, expect, it } from 'vitest';
import { holidayScheduleStatus } from '../../scripts/holiday-schedule-status.js';
import { ConfigFileError } from '../../workers/lib/errors.js';
import { holidayScheduleDirectory, SAMPLE_2027 } from '../support/sample-holiday-year.js';

const originalDir = process.env['HOLIDAY_SCHEDULE_DIR'];

afterEach(() => {
  if (originalDir === undefined) delete process.env['HOLIDAY_SCHEDULE_DIR'];
  else process.env['HOLIDAY_SCHEDULE_DIR'] = originalDir;
});

describe('holidayScheduleStatus', () => {
  it('should warn from October when next year has no official schedule', () => {
    // given the shipped files (nothing for 2027) and the office clock on 2026-10-08
    // when
    const status = holidayScheduleStatus(new Date('2026-10-08T02:00:00Z'));
    // then
    expect(status.officialYears).toMatch(/–2026$/);
    expect(status.warning).toContain('2027年节假日安排尚未录入');
  });

  it('should NOT warn in September, nor once the next year file is there', () => {
    // given / when / then
    expect(holidayScheduleStatus(new Date('2026-09-30T02:00:00Z')).warning).toBeUndefined();
    process.env['HOLIDAY_SCHEDULE_DIR'] = holidayScheduleDirectory({ '2027.json': SAMPLE_2027 });
    expect(holidayScheduleStatus(new Date('2026-12-15T02:00:00Z'))).toMatchObject({ officialYears: expect.stringMatching(/–2027$/) });
    expect(holidayScheduleStatus(new Date('2026-12-15T02:00:00Z')).warning).toBeUndefined();
  });

  it('should stop on a broken year file, naming it', () => {
    // given
    process.env['HOLIDAY_SCHEDULE_DIR'] = holidayScheduleDirectory({ '2027.json': '{ "year": 2027, ' });
    // when / then
    expect(() => holidayScheduleStatus()).toThrow(ConfigFileError);
    expect(() => holidayScheduleStatus()).toThrow(/2027\.json/);
  });
});
