/**
 * The case page's own repairs until the server's reads show them. On a Camunda 8.8 cluster the searches and the
 * reads by key lag behind the commands (docs/camunda8-cluster.md), so the case read right after 重试 can still list
 * the incident as open, a variable with its old value, a cancelled case as active — and the manager clicks again.
 * The page notes each repair once the engine confirmed the command, shows it as submitted over whatever a read
 * says, and re-reads with a back-off ({@link REREAD_GAPS_MS}) until a read shows it. What is still not shown after
 * the last re-read stays held (a lagging read never turns it back); the page says the engine has not confirmed it,
 * and the manager's own refresh (R) then shows what the server says. Held in memory only: a reload shows the server's
 * truth. The values are kept as sent and shown masked like the server's (instance-variables.tsx).
 */
import type { Incident, ProcessInstance, Variable } from '../../web-shared/src/api/camunda-types.js';

/**
 * The gaps between the re-reads after a repair: ½, 1½, 3½, 7½ and 15 s after it — a cluster is about a second
 * behind, a retried job may fail again a few seconds later.
 */
export const REREAD_GAPS_MS = [500, 1_000, 2_000, 4_000, 7_500];
/** The first re-reads are made whatever they show: the engine moves on after a repair (jobs, timers). */
export const ALWAYS_REREAD = 2;

export class OwnRepairs {
  /** Incidents resolved (重试 / 标记为已解决), by incidentKey: a new failure is a new incident with a new key. */
  private readonly incidents = new Map<string, number>();
  /** Variables set, by scope and name: the value as sent, as JSON. */
  private readonly variables = new Map<string, { value: string; at: number }>();
  private canceledAt: number | undefined;
  private readonly listeners = new Set<() => void>();

  resolved(incidentKey: string): void {
    this.incidents.set(incidentKey, Date.now());
    this.emit();
  }

  set(scopeKey: string, name: string, value: unknown): void {
    this.variables.set(variableId(scopeKey, name), { value: JSON.stringify(value), at: Date.now() });
    this.emit();
  }

  canceled(): void {
    this.canceledAt = Date.now();
    this.emit();
  }

  holding(): boolean {
    return this.incidents.size > 0 || this.variables.size > 0 || this.canceledAt !== undefined;
  }

  /** A read of the case: a case no longer active shows the cancellation. */
  readInstance(instance: ProcessInstance): void {
    if (this.canceledAt !== undefined && instance.state !== 'ACTIVE') {
      this.canceledAt = undefined;
      this.emit();
    }
  }

  /** A read of the case's open incidents: a resolved incident it no longer lists is done. */
  readIncidents(open: Incident[]): void {
    const listed = new Set(open.map((incident) => incident.incidentKey));
    this.forget(this.incidents, (key) => !listed.has(key));
  }

  /** A read of the case's variables: a value it shows as sent is done (a truncated one when it begins so). */
  readVariables(read: Variable[]): void {
    const values = new Map(read.map((variable) => [variableId(variable.scopeKey, variable.name), variable]));
    this.forget(this.variables, (key, held) => {
      const variable = values.get(key);
      if (!variable) return false;
      return variable.isTruncated ? held.value.startsWith(variable.value) : sameJson(variable.value, held.value);
    });
  }

  /** The case's state as the page shows it: cancelled once the engine confirmed it, whatever a lagging read says. */
  stateOf(instance: ProcessInstance): { state: string; submitted: boolean } {
    return this.canceledAt !== undefined && instance.state === 'ACTIVE' ? { state: 'TERMINATED', submitted: true } : { state: instance.state, submitted: false };
  }

  isResolved(incidentKey: string): boolean {
    return this.incidents.has(incidentKey);
  }

  /** The variable as the page shows it: with the value sent while the reads do not show it yet. */
  variableOf(variable: Variable): Variable & { submitted?: boolean } {
    const held = this.variables.get(variableId(variable.scopeKey, variable.name));
    return held ? { ...variable, value: held.value, isTruncated: false, submitted: true } : variable;
  }

  /** The manager's refresh after the last re-read: the repairs held that long give way to what the server says. */
  dropOlderThan(ms: number, now = Date.now()): void {
    const old = (at: number) => now - at >= ms;
    this.forget(this.incidents, (_key, at) => old(at));
    this.forget(this.variables, (_key, held) => old(held.at));
    if (this.canceledAt !== undefined && old(this.canceledAt)) {
      this.canceledAt = undefined;
      this.emit();
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // helpers

  private forget<V>(map: Map<string, V>, done: (key: string, value: V) => boolean): void {
    let changed = false;
    for (const [key, value] of map) if (done(key, value)) changed = map.delete(key);
    if (changed) this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The time after a repair by which the page has made its last re-read. */
export const REREAD_BOUND_MS = REREAD_GAPS_MS.reduce((sum, gap) => sum + gap, 0);

function variableId(scopeKey: string, name: string): string {
  return `${scopeKey}\u0000${name}`;
}

function sameJson(read: string, sent: string): boolean {
  try {
    return JSON.stringify(JSON.parse(read)) === sent;
  } catch {
    return false;
  }
}
