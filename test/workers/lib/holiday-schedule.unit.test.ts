import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError } from '../../../workers/lib/errors.js';
import { buildHolidaySchedule, missingNextYearNotice, NATIONAL_HOLIDAY_SCHEDULE } from '../../../workers/lib/holiday-schedule.js';
import { loadOfficialHolidayYears } from '../../../workers/lib/official-holiday-years.js';
import { addWorkingDays, isWorkingDay } from '../../../workers/lib/working-day-calendar.js';
import { holidayScheduleDirectory as directoryWith, SAMPLE_2027 } from '../../support/sample-holiday-year.js';

describe('loadOfficialHolidayYears', () => {
  it('should load the shipped config/holiday-schedules and find 2026 equal to chinese-days', () => {
    // given the repository's year files
    // when
    const files = loadOfficialHolidayYears();
    const merged = buildHolidaySchedule(files).year(2026);
    const national = NATIONAL_HOLIDAY_SCHEDULE.year(2026);
    // then the example file agrees day by day with the package's 2026 data
    expect(files.map((f) => f.year)).toContain(2026);
    expect([...merged.restDays].sort()).toEqual([...national.restDays].sort());
    expect([...merged.makeUpWorkingDays].sort()).toEqual([...national.makeUpWorkingDays].sort());
    expect(merged.source).toContain('2026');
  });

  it('should answer no files for a directory that does not exist', () => {
    // given / when / then
    expect(loadOfficialHolidayYears(join(tmpdir(), 'no-such-holiday-dir-xyz'))).toEqual([]);
  });

  it.each([
    ['a make-up working day on a weekday', { ...SAMPLE_2027, makeUpWorkingDays: ['2027-02-01'] }, /不是星期六或星期日/],
    ['a holiday range running backwards', { ...SAMPLE_2027, holidays: [{ name: '春节', from: '2027-02-11', to: '2027-02-05' }] }, /结束日早于开始日/],
    ['a holiday outside its year', { ...SAMPLE_2027, holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }] }, /不在 2027 年内/],
    ['a day both off and worked', { ...SAMPLE_2027, makeUpWorkingDays: ['2027-02-06'] }, /同时列为放假日和调休上班日/],
    ['a missing enteredBy', { ...SAMPLE_2027, enteredBy: undefined }, /enteredBy/],
    ['an impossible date', { ...SAMPLE_2027, publishedOn: '2026-02-30' }, /publishedOn/],
  ])('should refuse a file with %s, naming the problem', (_label, content, message) => {
    // given
    const dir = directoryWith({ '2027.json': content });
    // when / then
    expect(() => loadOfficialHolidayYears(dir)).toThrow(ConfigFileError);
    expect(() => loadOfficialHolidayYears(dir)).toThrow(message);
  });

  it('should refuse a file whose name is not its year', () => {
    // given
    const dir = directoryWith({ '2028.json': SAMPLE_2027 });
    // when / then
    expect(() => loadOfficialHolidayYears(dir)).toThrow(/与文件名不符/);
  });

  it('should accept a make-up working day in the December before the year', () => {
    // given a 2027 notice that makes Sunday 2026-12-27 a working day
    const dir = directoryWith({ '2027.json': { ...SAMPLE_2027, makeUpWorkingDays: ['2026-12-27'] } });
    // when
    const schedule = buildHolidaySchedule(loadOfficialHolidayYears(dir));
    // then
    expect(isWorkingDay('2026-12-27', { closures: [], extraWorkingDays: [], schedule })).toBe(true);
    expect(isWorkingDay('2026-12-27')).toBe(false);
  });
});

describe('buildHolidaySchedule', () => {
  it('should make a year official once its file is there and count its make-up days', () => {
    // given the sample 2027 notice
    const schedule = buildHolidaySchedule([SAMPLE_2027]);
    const config = { closures: [], extraWorkingDays: [], schedule };
    // when / then
    expect(NATIONAL_HOLIDAY_SCHEDULE.year(2027).basis).toBe('provisional');
    expect(schedule.year(2027)).toMatchObject({ basis: 'official', source: SAMPLE_2027.notice });
    expect(isWorkingDay('2027-01-30', config)).toBe(true);
    expect(isWorkingDay('2027-02-11', config)).toBe(false);
    expect(isWorkingDay('2027-02-11')).toBe(true);
    expect(addWorkingDays('2027-02-04', 1, config)).toBe('2027-02-12');
    expect(schedule.year(2028).basis).toBe('provisional');
  });
});

describe('missingNextYearNotice', () => {
  it('should say nothing before October', () => {
    expect(missingNextYearNotice(NATIONAL_HOLIDAY_SCHEDULE, '2026-09-30')).toBeUndefined();
  });

  it('should announce the missing next year from October, naming the file to add', () => {
    // given / when
    const notice = missingNextYearNotice(NATIONAL_HOLIDAY_SCHEDULE, '2026-10-01');
    // then
    expect(notice).toContain('2027年节假日安排尚未录入');
    expect(notice).toContain('config/holiday-schedules/2027.json');
  });

  it('should say nothing once next year is official', () => {
    expect(missingNextYearNotice(buildHolidaySchedule([SAMPLE_2027]), '2026-12-15')).toBeUndefined();
  });
});
