/**
 * What the machine's cores allow, from CPU measured in the same run: a server can complete at most as many
 * instances per second as the cores can pay for, its own CPU per instance plus the client's that drives it. With
 * every core busy and nothing else running, that is cores ÷ (server CPU + client CPU per instance). For the engine
 * the figure is an upper bound of what it could reach if all of its work (which runs on one thread now) could
 * spread over every core the client leaves; beside the ceiling (which already uses the client's and the
 * stand-in's cores) it says whether the capacity goal is within the machine's reach at all.
 */

/** CPU time per completed instance, µs: `cpuMs` used in a window in which `completed` instances completed. */
export function cpuPerInstanceUs(cpuMs: number | undefined, completed: number): number | undefined {
  if (cpuMs === undefined || completed <= 0) return undefined;
  return (cpuMs * 1000) / completed;
}

/**
 * Instances per second the cores could complete if the server's and the client's CPU per instance (µs) could use
 * all `cores`: cores ÷ (server + client).
 */
export function cpuBoundRate(cores: number, serverUsPerInstance: number | undefined, clientUsPerInstance: number | undefined): number | undefined {
  if (serverUsPerInstance === undefined || clientUsPerInstance === undefined) return undefined;
  const perInstance = serverUsPerInstance + clientUsPerInstance;
  if (!(perInstance > 0) || !(cores > 0)) return undefined;
  return (cores * 1_000_000) / perInstance;
}

/**
 * Instances per second one thread could complete if it were busy all the time: the rate measured while it was busy
 * `threadCpuPercent` % of one core, scaled to 100 %. The engine's event-loop thread runs every command, request and
 * reply; whatever the other cores do, the engine cannot go faster than this unless that thread's work per instance
 * shrinks or moves elsewhere.
 */
export function threadBoundRate(perSecond: number, threadCpuPercent: number | undefined): number | undefined {
  if (threadCpuPercent === undefined || !(threadCpuPercent > 0) || !(perSecond > 0)) return undefined;
  return (perSecond * 100) / threadCpuPercent;
}
