/**
 * How fresh the read model's figures are, as the pages' freshness line reads it (`Freshness`, in every answer of
 * figures and in `GET /monitor/api/status`), from the feeder's status and the server's clock.
 *
 * A failure of the passes is shown only once they have failed for longer than the grace
 * (`MONITOR_FAILURE_GRACE_MS`, monitor-config.ts): a single failed pass followed by a working one is a glitch the
 * managers need not read about; until then the line says how old the figures are, which is true all the same. The
 * feeder's own status keeps `failingSince` from the first failure, and its log records every outage.
 */
import type { Freshness } from '../src/monitor-types.js';
import type { FeederStatus } from './read-model/read-model-feeder.js';

export interface FreshnessSettings {
  /** The server's clock (epoch ms). */
  now: number;
  /** How long the passes must have failed before the line says so (ms). */
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

/** Whether the passes have failed for longer than the grace (a pass that fails at once, or one that hung as long). */
export function failureShown(status: Pick<FeederStatus, 'failingSince'>, settings: Pick<FreshnessSettings, 'now' | 'failureGraceMs'>): boolean {
  return status.failingSince !== undefined && settings.now - status.failingSince > settings.failureGraceMs;
}
