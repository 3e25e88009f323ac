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
});
