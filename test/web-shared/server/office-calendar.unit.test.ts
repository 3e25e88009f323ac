/**
 * The web apps' calendar (web-shared/server/office-calendar.ts): read again at most once a minute; a re-read that
 * finds the office's files as they were gives the same configuration object back (what is computed from it, such as
 * the monitor's working-day tables, is kept), one that finds a change a new one.
 */
import { describe, expect, it } from 'vitest';
import { officeCalendar } from '../../../web-shared/server/office-calendar.js';
import { readCalendarFiles, type CalendarFiles } from '../../../workers/lib/calendar-config.js';

describe('officeCalendar', () => {
  it('should give the same configuration while the files are the same, and a new one once they changed', () => {
    // given the office's files as read now, read again by the calendar at a pinned clock
    let clock = 0;
    let files: CalendarFiles = readCalendarFiles();
    let reads = 0;
    const calendar = officeCalendar({ now: () => clock, read: () => (reads++, structuredClone(files)) });
    const first = calendar();

    // when a minute and more has passed, the files unchanged
    clock = 60_001;
    const again = calendar();

    // then they were read again, and the configuration is the same object
    expect(reads).toBe(2);
    expect(again).toBe(first);

    // when the office adds a closure, and a minute passes
    files = { ...files, overrides: { ...files.overrides, closures: [...files.overrides.closures, '2027-03-03'] } };
    expect(calendar()).toBe(first);
    clock = 120_002;
    const changed = calendar();

    // then the new configuration has it
    expect(changed).not.toBe(first);
    expect(changed.closures).toContain('2027-03-03');
    expect(calendar()).toBe(changed);
  });

  it('should keep the last good configuration while the files cannot be read, log it once, and throw only on the first read', () => {
    // given a calendar whose files read well at first
    let clock = 0;
    let broken: Error | undefined;
    const files = readCalendarFiles();
    let reads = 0;
    const lines: string[] = [];
    const read = () => {
      reads++;
      if (broken) throw broken;
      return structuredClone(files);
    };
    const calendar = officeCalendar({ now: () => clock, read, log: (line) => lines.push(line) });
    const first = calendar();

    // when a year file is saved half-way through an edit, and a minute passes
    broken = new SyntaxError('Unexpected end of JSON input');
    clock = 60_001;

    // then the calendar gives the last good configuration, calls within the minute do not read again, and it said so once
    expect(calendar()).toBe(first);
    expect(calendar()).toBe(first);
    expect(reads).toBe(2);
    clock = 120_002;
    expect(calendar()).toBe(first);
    expect(reads).toBe(3);
    expect(lines).toEqual(['[web] 办公日历：无法读取节假日文件，继续使用上次读取的配置（Unexpected end of JSON input）']);

    // when the edit is saved whole
    broken = undefined;
    clock = 180_003;

    // then it reads again (the files as they were: the same configuration) and says so
    expect(calendar()).toBe(first);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('[web] 办公日历：节假日文件已可读取，恢复读取，配置未变');

    // and a calendar whose first read fails throws (there is nothing to keep)
    broken = new SyntaxError('Unexpected end of JSON input');
    expect(() => officeCalendar({ read, log: () => {} })).toThrow('Unexpected end of JSON input');
  });
});
