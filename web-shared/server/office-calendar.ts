/**
 * The workers' calendar configuration (workers/lib: the office's holiday year files, provisional years, local
 * closures) as the web apps' servers use it: read again at most once a minute, so a year file or a closure the
 * office adds takes effect without a restart.
 */
import { loadCalendarConfig } from '../../workers/lib/calendar-config.js';

export type OfficeCalendarConfig = ReturnType<typeof loadCalendarConfig>;

export interface OfficeCalendar {
  /** The configuration in force (re-read when older than `maxAgeMs`). */
  (): OfficeCalendarConfig;
}

export function officeCalendar(options: { maxAgeMs?: number; now?: () => number } = {}): OfficeCalendar {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  let loaded = { config: loadCalendarConfig(), at: now() };
  return () => {
    if (now() - loaded.at > maxAgeMs) loaded = { config: loadCalendarConfig(), at: now() };
    return loaded.config;
  };
}
