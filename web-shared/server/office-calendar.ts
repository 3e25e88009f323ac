/**
 * The workers' calendar configuration (workers/lib: the office's holiday year files, provisional years, local
 * closures) as the web apps' servers use it: read again at most once a minute, so a year file or a closure the
 * office adds takes effect without a restart.
 *
 * A re-read that finds the files as they were gives the same configuration object back, not an equal new one: what
 * is computed from a configuration is keyed by the object (the monitor's working-day counter, whose thirteen years'
 * tables took 50–180 ms of CPU to build again, and its feeder's check of the years' fingerprints against the read
 * model), and was computed again every minute for nothing.
 */
import { calendarConfigOf, readCalendarFiles, type loadCalendarConfig } from '../../workers/lib/calendar-config.js';

export type OfficeCalendarConfig = ReturnType<typeof loadCalendarConfig>;

export interface OfficeCalendar {
  /** The configuration in force (re-read when older than `maxAgeMs`; the same object while the files are the same). */
  (): OfficeCalendarConfig;
}

export function officeCalendar(options: { maxAgeMs?: number; now?: () => number; read?: typeof readCalendarFiles } = {}): OfficeCalendar {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const read = options.read ?? readCalendarFiles;
  const load = (previous?: { config: OfficeCalendarConfig; files: string }) => {
    const files = read();
    // (the files as JSON: a few kB, compared once a minute)
    const text = JSON.stringify(files);
    return { config: previous?.files === text ? previous.config : calendarConfigOf(files), files: text, at: now() };
  };
  let loaded = load();
  return () => {
    if (now() - loaded.at > maxAgeMs) loaded = load(loaded);
    return loaded.config;
  };
}
