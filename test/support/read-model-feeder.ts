/**
 * A monitor read-model feeder for the feeder tests: the office's catalogue and calendar, a 10 s overlap, sweeps of
 * 500 and a one-minute interval (the tests call syncOnce themselves), with what a test varies given as overrides.
 */
import type { MonitorStore } from '../../web-monitor/server/read-model/monitor-store.js';
import { ReadModelFeeder, type ClusterReader, type FeederOptions } from '../../web-monitor/server/read-model/read-model-feeder.js';
import { loadOfficeCatalog } from '../../web-shared/server/office-catalog.js';
import { loadCalendarConfig } from '../../workers/lib/calendar-config.js';

export function testFeeder(store: MonitorStore, reader: ClusterReader, overrides: Partial<FeederOptions> = {}): ReadModelFeeder {
  return new ReadModelFeeder(store, reader, {
    catalog: loadOfficeCatalog(),
    calendar: () => loadCalendarConfig(),
    overlapMs: 10_000,
    sweepBatch: 500,
    intervalMs: 60_000,
    ...overrides,
  });
}
