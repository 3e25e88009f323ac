/**
 * The workers' calendar configuration (workers/lib: the office's holiday year files, provisional years, local
 * closures) as the web apps' servers use it: read again at most once a minute, so a year file or a closure the
 * office adds takes effect without a restart.
 *
 * A re-read that finds the files as they were gives the same configuration object back, not an equal new one: what
 * is computed from a configuration is keyed by the object (the monitor's working-day counter, whose thirteen years'
 * tables took 50–180 ms of CPU to build again, and its feeder's check of the years' fingerprints against the read
 * model), and was computed again every minute for nothing.
 *
 * A re-read that fails (a year file saved half-way through an edit, bad JSON, a file the office's check rejects)
 * keeps the last good configuration until the next minute's re-read, and is logged once (again only for another
 * reason, and when the files read well again): otherwise every call read the files again and threw, and the
 * monitor's feeder and routes failed with it. Only the first read, with no configuration to keep, throws.
 */
import { calendarConfigOf, readCalendarFiles, type loadCalendarConfig } from '../../workers/lib/calendar-config.js';

export type OfficeCalendarConfig = ReturnType<typeof loadCalendarConfig>;

export interface OfficeCalendar {
  /** The configuration in force (re-read when older than `maxAgeMs`; the same object while the files are the same). */
  (): OfficeCalendarConfig;
}

export function officeCalendar(
  options: { maxAgeMs?: number; now?: () => number; read?: typeof readCalendarFiles; log?: (line: string) => void } = {},
): OfficeCalendar {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const read = options.read ?? readCalendarFiles;
  const log = options.log ?? ((line: string) => console.error(line));
  /** The reason of the failing re-reads, logged once; undefined while they work. */
  let failing: string | undefined;
  const load = (previous?: { config: OfficeCalendarConfig; files: string }) => {
    const files = read();
    // (the files as JSON: a few kB, compared once a minute)
    const text = JSON.stringify(files);
    return { config: previous?.files === text ? previous.config : calendarConfigOf(files), files: text, at: now() };
  };
  let loaded = load();
  return () => {
    if (now() - loaded.at <= maxAgeMs) return loaded.config;
    try {
      const previous = loaded.config;
      loaded = load(loaded);
      // the files as they were before the failures (the edit undone): no new configuration to speak of
      if (failing !== undefined) log(`[web] 办公日历：节假日文件已可读取，${loaded.config === previous ? '恢复读取，配置未变' : '使用新的配置'}`);
      failing = undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (reason !== failing) log(`[web] 办公日历：无法读取节假日文件，继续使用上次读取的配置（${reason}）`);
      failing = reason;
      // tried again in a minute, not on every call
      loaded = { ...loaded, at: now() };
    }
    return loaded.config;
  };
}
