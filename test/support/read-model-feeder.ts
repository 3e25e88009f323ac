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
// frozen (its plain objects and arrays; the schedule, a class that may keep tables, stays as it is): a test that
// changed the shared object would change every later test's calendar
const officeCalendar = (): CalendarConfig => (calendar ??= deepFrozen(loadCalendarConfig()));

function deepFrozen<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== Array.prototype) return value;
  for (const inner of Object.values(value)) deepFrozen(inner);
  return Object.freeze(value);
}

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
