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
