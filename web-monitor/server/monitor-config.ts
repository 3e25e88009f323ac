/**
 * The monitor's settings, `config/monitor.json` (validated; a mistake stops the server naming the field), and its
 * environment: how often the read model is fed from /v2, and how long its passes may fail before the pages say so.
 */
import { z } from 'zod';
import { CONFIG_DIR, loadJsonConfig } from '../../workers/lib/load-json-config.js';

const share = z.number().min(0).max(1);

const fileSchema = z.object({
  description: z.string().optional(),
  perPersonFigures: z.boolean(),
  dueSoonWorkingDays: z.number().int().min(0).max(30),
  durationTargets: z.object({
    defaultShare: share,
    processes: z.record(z.string(), z.record(z.string(), share)).default({}),
  }),
});

export type MonitorSettings = z.output<typeof fileSchema>;

export function loadMonitorSettings(file: URL = new URL('monitor.json', CONFIG_DIR)): MonitorSettings {
  return loadJsonConfig(file, fileSchema);
}

/** The share of its process's statutory limit a user task may use (duration view). */
export function targetShare(settings: MonitorSettings, processId: string, elementId: string): number {
  return settings.durationTargets.processes[processId]?.[elementId] ?? settings.durationTargets.defaultShare;
}

const envSchema = z.object({
  /** Pause between two passes of the read model over /v2 (ms). */
  MONITOR_SYNC_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(1_000),
  /** How far back each pass reads again, for rows a cluster's exporter makes visible late (ms). */
  MONITOR_SYNC_OVERLAP_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** Open cases looked at again per pass (their variables and open tasks: assignments, deadline changes). */
  MONITOR_SWEEP_BATCH: z.coerce.number().int().min(10).max(5_000).default(500),
  /**
   * How long the figures must have stood still (since the last pass that worked) while the passes fail before the
   * managers' freshness line says so (ms; freshness.ts): a one-off failed pass (a glitch) is followed by a working one
   * a second later, and a line that stays up until the page's next refresh (30 s) would only alarm. At most 10 minutes, when the line tells managers to call the
   * administrator. The server's log records every outage, however short (repeated-failure-log.ts).
   */
  MONITOR_FAILURE_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
});

export type MonitorEnvironment = z.output<typeof envSchema>;

export function readMonitorEnvironment(env: NodeJS.ProcessEnv = process.env): MonitorEnvironment {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`invalid monitor configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
