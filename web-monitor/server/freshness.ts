/**
 * How fresh the read model's figures are, as the pages' freshness line reads it (`Freshness`, in every answer of
 * figures and in `GET /monitor/api/status`), from the feeder's status and the server's clock.
 *
 * A failure of the passes is shown only once the figures have stood still for at least the grace
 * (`MONITOR_FAILURE_GRACE_MS`, monitor-config.ts), counted from the last pass that worked: a single failed pass
 * followed by a working one is a glitch the managers need not read about; until then the line says how old the
 * figures are, which is true all the same. The feeder's own status keeps `failingSince` from the first failure (and
 * `GET /monitor/api/status` carries it as `feederFailingSince`, grace or not), and its log records every outage.
 */
import type { Freshness } from '../src/monitor-types.js';
import type { FeederStatus } from './read-model/read-model-feeder.js';

export interface FreshnessSettings {
  /** The server's clock (epoch ms). */
  now: number;
  /** How long the figures must have stood still while the passes fail before the line says so (ms). */
  failureGraceMs: number;
  syncIntervalMs: number;
}

/** `status` undefined: no feeder (the server has no service account for the monitor), so `unconnected`. */
export function freshnessOf(status: FeederStatus | undefined, settings: FreshnessSettings): Freshness {
  const { now } = settings;
  return {
    ageSeconds: status?.lastPassAt === undefined ? null : Math.max(0, Math.round((now - status.lastPassAt) / 1000)),
    lastPassMs: status?.lastPassMs ?? null,
    lastPassAt: status?.lastPassAt ?? null,
    ...(status?.earlierFigures ? { earlierFigures: true as const } : {}),
    // (the failure's own text stays in the server's log: read-model-feeder.ts logs it, once per outage)
    ...(status === undefined ? { unconnected: true as const } : failureShown(status, settings) ? { failingSince: status.failingSince! } : {}),
    ...(status?.readUpTo === undefined ? {} : { readUpTo: status.readUpTo }),
    syncIntervalMs: settings.syncIntervalMs,
  };
}

/**
 * Whether the line says the passes fail: while they fail, once the last pass that worked is at least the grace ago.
 * Counted from that pass, not from the first failure: a pass that hung as long before it failed shows at once, and
 * so does a failure after a restart during an outage (the figures stood still all the while; `failingSince` is the
 * outage's start, kept in monitor.sqlite). Without such a pass: figures of a run before this start
 * (`earlierFigures`) are older than any grace, so at once; none at all, from the first failure. A clock set back
 * during an outage (the time since before now) cannot measure it: the passes do fail, so the line says so rather
 * than call the figures fresh.
 */
export function failureShown(
  status: Pick<FeederStatus, 'failingSince' | 'lastPassAt' | 'earlierFigures'>,
  settings: Pick<FreshnessSettings, 'now' | 'failureGraceMs'>,
): boolean {
  if (status.failingSince === undefined) return false;
  if (status.lastPassAt === undefined && status.earlierFigures) return true;
  const stoodStill = settings.now - (status.lastPassAt ?? status.failingSince);
  return stoodStill < 0 || stoodStill >= settings.failureGraceMs;
}
