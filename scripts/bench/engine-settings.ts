/**
 * The engine settings of a benchmark run. Defaults are the engine's own (synchronous FULL, event log on); the
 * two variables exist to measure what durability and the audit trail cost, and the report names what was used.
 *   BENCH_ENGINE_SYNC  FULL (default) | NORMAL
 *   BENCH_EVENT_LOG    on (default) | off (also turns the projection off: tables written in the command path)
 */
export interface EngineSettings {
  synchronous: 'FULL' | 'NORMAL';
  eventLog: boolean;
}

export function engineSettings(env: NodeJS.ProcessEnv = process.env): EngineSettings {
  const sync = env.BENCH_ENGINE_SYNC ?? 'FULL';
  if (sync !== 'FULL' && sync !== 'NORMAL') throw new Error(`BENCH_ENGINE_SYNC must be FULL or NORMAL, got '${sync}'`);
  const eventLog = env.BENCH_EVENT_LOG ?? 'on';
  if (eventLog !== 'on' && eventLog !== 'off') throw new Error(`BENCH_EVENT_LOG must be on or off, got '${eventLog}'`);
  return { synchronous: sync, eventLog: eventLog === 'on' };
}

export function describeSettings(settings: EngineSettings): string {
  const durability =
    settings.synchronous === 'FULL'
      ? 'ON — engine default `synchronous = FULL` (SQLite WAL, every group commit fsynced before any reply)'
      : 'REDUCED — `synchronous = NORMAL` (BENCH_ENGINE_SYNC; survives a process crash, not a power cut)';
  return `${durability}, event log ${settings.eventLog ? 'on (engine default)' : 'OFF and no projection (BENCH_EVENT_LOG=off, not the default)'}`;
}
