/**
 * A monitor read-model feeder for the feeder tests: the office's catalogue and calendar, a 10 s overlap, sweeps of
 * 500 and a one-minute interval (the tests call syncOnce themselves), with what a test varies given as overrides.
 *
 * The calendar is read once per test process and given as the same object to every feeder: the feeder's working-day
 * counter is kept per configuration object, so a new one every call built thirteen years' tables again (60–230 ms)
 * several times a pass.
 */
import type { MonitorStore } from '../../web-monitor/server/read-model/monitor-store.js';
import { ReadModelFeeder, type ClusterReader, type FeederOptions } from '../../web-monitor/server/read-model/read-model-feeder.js';
import { loadOfficeCatalog } from '../../web-shared/server/office-catalog.js';
import { loadCalendarConfig, type CalendarConfig } from '../../workers/lib/calendar-config.js';

let calendar: CalendarConfig | undefined;
const officeCalendar = (): CalendarConfig => (calendar ??= loadCalendarConfig());

export function testFeeder(store: MonitorStore, reader: ClusterReader, overrides: Partial<FeederOptions> = {}): ReadModelFeeder {
  return new ReadModelFeeder(store, reader, {
    catalog: loadOfficeCatalog(),
    calendar: officeCalendar,
    overlapMs: 10_000,
    sweepBatch: 500,
    intervalMs: 60_000,
    ...overrides,
  });
}
