/**
 * The case page's own repairs until the server's reads show them. On a Camunda 8.8 cluster the searches and the
 * reads by key lag behind the commands (docs/camunda8-cluster.md), so the case read right after 重试 can still list
 * the incident as open, a variable with its old value, a cancelled case as active — and the manager clicks again.
 * The page notes each repair once the engine confirmed the command, shows it as submitted over whatever a read
 * says — the incident's row, the case's state, the variable's value, and what follows from them in the diagram, the
 * steps and the messages — and re-reads with a back-off ({@link REREAD_GAPS_MS}) until a read shows it. A read that
 * shows a variable with a third value (neither the one before nor the one sent: a colleague or a job set it since)
 * counts too: the server has moved past the repair. A repair is held at most {@link OWN_REPAIR_MAX_MS}, counted from
 * the command whether or not the reads answer; one dropped so before a read showed it is noted ({@link lapsed}) so
 * the page can say it could not confirm it. Held in memory only, per case for the tab ({@link repairsOf}: a manager
 * who opens another case and comes back still sees them): a reload shows the server's truth. The values are kept as
 * sent and shown masked like the server's (instance-variables.tsx).
 */
import { parseExact, stringifyExact } from '../../web-shared/src/api/exact-json.js';
import type { ElementInstance, ElementStatistics, Incident, ProcessInstance, Variable } from '../../web-shared/src/api/camunda-types.js';
import { HELD_CHANGE_MAX_MS, pastHeldBound, rereadGapsUntilBound } from '../../web-shared/src/lag/held-changes.js';

/**
 * The gaps between the re-reads after a repair (the shared schedule, held-changes.ts, at most 7½ s apart): ½, 1½,
 * 3½, 7½, 15, 22½ and 30 s after it — a retried job may fail again a few seconds later; the last one comes when the
 * repairs still held are dropped, and shows what the server says.
 */
export const REREAD_GAPS_MS = rereadGapsUntilBound(7_500);
/** The first re-reads are made whatever they show: the engine moves on after a repair (jobs, timers). */
export const ALWAYS_REREAD = 2;
/** The longest a repair is shown over what the reads say. */
export const OWN_REPAIR_MAX_MS = HELD_CHANGE_MAX_MS;

interface HeldVariable {
  /** The value as sent, as JSON. */
  value: string;
  /**
   * The values the variable had before (as JSON when they are): the one read before the first of this page's repairs
   * still held, and the values those sent. A read showing any of them may lag; one showing another moved past.
   */
  from: string[];
  at: number;
}

/** A repair of the incident or the case, and when a read showed it (or it was dropped by age). */
interface Held {
  at: number;
  releasedAt?: number;
}

export class OwnRepairs {
  /** Incidents resolved (重试 / 标记为已解决), by incidentKey: a new failure is a new incident with a new key. */
  private readonly incidents = new Map<string, Held & { incident: Incident }>();
  /** Variables set, by scope and name: the variables panel lets one go with the read it shows. */
  private readonly variables = new Map<string, HeldVariable>();
  private cancellation: Held | undefined;
  private lapsedRepair = false;
  private readonly listeners = new Set<() => void>();

  resolved(incident: Incident): void {
    this.incidents.set(incident.incidentKey, { incident, at: Date.now() });
    this.repaired();
  }

  /** A variable set to `value` whose value shown before was `from` (the whole value, as the server gave it). */
  set(scopeKey: string, name: string, value: unknown, from: string): void {
    const id = variableId(scopeKey, name);
    const before = this.variables.get(id);
    this.variables.set(id, { value: stringifyExact(value), from: before ? [...before.from, before.value] : [normalized(from)], at: Date.now() });
    this.repaired();
  }

  canceled(): void {
    this.cancellation = { at: Date.now() };
    this.repaired();
  }

  holding(): boolean {
    return [...this.incidents.values()].some(held) || this.variables.size > 0 || (this.cancellation !== undefined && held(this.cancellation));
  }

  /**
   * Lets go of the repairs made {@link OWN_REPAIR_MAX_MS} ago, whatever the reads said (they may have failed all
   * along), and forgets those let go that long ago.
   */
  expire(now = Date.now()): void {
    let lapsed = false;
    const lapse = (repair: Held) => {
      if (held(repair) && pastHeldBound(repair.at, now)) {
        repair.releasedAt = now;
        lapsed = true;
      }
      return repair.releasedAt !== undefined && pastHeldBound(repair.releasedAt, now);
    };
    for (const [key, repair] of this.incidents) if (lapse(repair)) this.incidents.delete(key);
    for (const [key, repair] of this.variables) {
      if (!pastHeldBound(repair.at, now)) continue;
      this.variables.delete(key);
      lapsed = true;
    }
    if (this.cancellation && lapse(this.cancellation)) this.cancellation = undefined;
    if (lapsed) {
      this.lapsedRepair = true;
      this.emit();
    }
  }

  /** Whether a repair was let go by its age before any read showed it (since the last repair or {@link acknowledge}). */
  lapsed(): boolean {
    return this.lapsedRepair;
  }

  /** The manager refreshed: what the page shows now is the server's, nothing more to say about a lapsed repair. */
  acknowledge(): void {
    if (!this.lapsedRepair) return;
    this.lapsedRepair = false;
    this.emit();
  }

  /** A read of the case: a case no longer active shows the cancellation. */
  readInstance(instance: ProcessInstance): void {
    if (this.cancellation && held(this.cancellation) && instance.state !== 'ACTIVE') this.release([this.cancellation]);
  }

  /** A read of the case's open incidents: a resolved incident it no longer lists is done. */
  readIncidents(open: Incident[]): void {
    const listed = new Set(open.map((incident) => incident.incidentKey));
    this.release([...this.incidents.values()].filter((repair) => held(repair) && !listed.has(repair.incident.incidentKey)));
  }

  /**
   * A read of the case's variables: a value it shows as sent is done (a truncated one when it begins so), and so is
   * one it shows with a third value — someone set it after this page did.
   */
  readVariables(read: Variable[]): void {
    const values = new Map(read.map((variable) => [variableId(variable.scopeKey, variable.name), variable]));
    let changed = false;
    for (const [key, repair] of this.variables) {
      const variable = values.get(key);
      if (variable && (shows(variable, repair.value) || !repair.from.some((value) => shows(variable, value)))) changed = this.variables.delete(key);
    }
    if (changed) this.emit();
  }

  /** The case's state as the page shows it: cancelled once the engine confirmed it, whatever a lagging read says. */
  stateOf(instance: ProcessInstance): { state: string; submitted: boolean } {
    return this.cancellation && held(this.cancellation) && instance.state === 'ACTIVE' ? { state: 'TERMINATED', submitted: true } : { state: instance.state, submitted: false };
  }

  isResolved(incidentKey: string): boolean {
    const repair = this.incidents.get(incidentKey);
    return repair !== undefined && held(repair);
  }

  /** The variable as the page shows it: with the value sent while the reads do not show it yet. */
  variableOf(variable: Variable): Variable & { submitted?: boolean } {
    const repair = this.variables.get(variableId(variable.scopeKey, variable.name));
    return repair ? { ...variable, value: repair.value, isTruncated: false, submitted: true } : variable;
  }

  /*
   * The other panels read apart from the case read that lets a repair go, a moment earlier or later: each shows its
   * read over the repairs held when that read went out (`sentAt`) — a read from before the one that showed a repair
   * may still show the state before it.
   */

  /** Whether the page's own 撤销案件 is over a read sent at `sentAt` (the case then waits for nothing any more). */
  isCanceled(sentAt: number): boolean {
    return this.cancellation !== undefined && heldAt(this.cancellation, sentAt);
  }

  /**
   * The case's element counts (of `processInstanceKey`), read at `sentAt` beside its open incidents (`listed`), as
   * the page shows them: an element with an incident this page resolved shows no more incidents than the listed ones
   * it did not resolve — the others are active again (their jobs retried); a new failure listed beside keeps its
   * mark. Nothing of a case this page cancelled is active.
   */
  statisticsOf(statistics: ElementStatistics[], listed: Incident[], processInstanceKey: string, sentAt: number): ElementStatistics[] {
    const resolved = new Set(this.incidentsAt(sentAt).map(({ incident }) => incident.incidentKey));
    const repaired = new Set<string>();
    const stillOpen = new Map<string, number>();
    for (const { incident } of this.incidentsAt(sentAt)) if (incident.processInstanceKey === processInstanceKey) repaired.add(incident.elementId);
    for (const incident of listed) {
      if (incident.processInstanceKey === processInstanceKey && !resolved.has(incident.incidentKey)) stillOpen.set(incident.elementId, (stillOpen.get(incident.elementId) ?? 0) + 1);
    }
    return statistics.map((element) => {
      if (this.isCanceled(sentAt)) return { ...element, active: 0, incidents: 0, canceled: element.canceled + element.active + element.incidents };
      if (!repaired.has(element.elementId)) return element;
      const moved = Math.max(0, element.incidents - (stillOpen.get(element.elementId) ?? 0));
      return moved === 0 ? element : { ...element, incidents: element.incidents - moved, active: element.active + moved };
    });
  }

  /**
   * A step, read at `sentAt`, as the page shows it: without the incident this page resolved (by the step's
   * incidentKey: a new failure of the retried job is another incident), ended when it cancelled the case.
   */
  stepOf(step: ElementInstance, sentAt: number): ElementInstance {
    if (this.isCanceled(sentAt) && step.state === 'ACTIVE') return { ...step, state: 'TERMINATED', hasIncident: false };
    const resolved = (incident: Incident) => (step.incidentKey ? incident.incidentKey === step.incidentKey : incident.elementInstanceKey === step.elementInstanceKey);
    if (step.hasIncident && this.incidentsAt(sentAt).some(({ incident }) => resolved(incident))) return { ...step, hasIncident: false };
    return step;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // helpers

  private incidentsAt(sentAt: number): (Held & { incident: Incident })[] {
    return [...this.incidents.values()].filter((repair) => heldAt(repair, sentAt));
  }

  private repaired(): void {
    this.lapsedRepair = false;
    this.emit();
  }

  private release(repairs: Held[]): void {
    if (repairs.length === 0) return;
    const now = Date.now();
    for (const repair of repairs) repair.releasedAt = now;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

const byCase = new Map<string, OwnRepairs>();

/** The repairs of a case held in this tab; those of cases that hold none any more are forgotten. */
export function repairsOf(processInstanceKey: string): OwnRepairs {
  for (const [key, repairs] of byCase) {
    repairs.expire();
    if (!repairs.holding()) byCase.delete(key);
  }
  let repairs = byCase.get(processInstanceKey);
  if (!repairs) byCase.set(processInstanceKey, (repairs = new OwnRepairs()));
  return repairs;
}

function held(repair: Held): boolean {
  return repair.releasedAt === undefined;
}

/** Whether a repair was held when a read went out at `sentAt` (or was made since: that read is stale anyway). */
function heldAt(repair: Held, sentAt: number): boolean {
  return repair.releasedAt === undefined || repair.releasedAt >= sentAt;
}

function variableId(scopeKey: string, name: string): string {
  return `${scopeKey}\u0000${name}`;
}

/** Whether a read of a variable shows `value` (JSON as stringifyExact writes it): a truncated read when it begins so. */
function shows(read: Variable, value: string): boolean {
  return read.isTruncated ? value.startsWith(read.value) : normalized(read.value) === value;
}

/** JSON as stringifyExact writes it (long integers with their digits); what is no JSON as it is. */
function normalized(json: string): string {
  try {
    return stringifyExact(parseExact(json));
  } catch {
    return json;
  }
}
