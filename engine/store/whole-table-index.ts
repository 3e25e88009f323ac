/**
 * An in-memory index of a whole record table by a group key (the open message subscriptions by name, correlation
 * key and tenant; the signal and message start subscriptions by name and tenant; the buffered messages), for the
 * questions of every publication and broadcast: a query of the table would make each of them write the projection's
 * held rows.
 *
 * Unlike GroupIndex (one owner's group loaded on first use, owners known to be new start empty), the table is loaded
 * whole on first use: a publication usually names a correlation key asked for the first time, so loading one group
 * at a time would query on every publication, and a group missing from memory must mean "no member". Then kept
 * current by every change of the table; a rolled-back transaction clears it and the next question loads it again.
 * Changes while it is not loaded are ignored (the load reads them from the table).
 */
import type { TableObserver } from './record-table.js';

export class WholeTableIndex<R extends { key: number }, M extends { key: number } = R> implements TableObserver<R> {
  private groups: Map<string, Map<number, M>> | undefined;
  private readonly groupOfMember = new Map<number, string>();

  constructor(
    /** The group a record belongs to (see groupKey). */
    private readonly groupOf: (record: R) => string,
    /** Every record of the table (SQLite's rows with the held ones laid over them). */
    private readonly load: () => R[],
    /** What is kept of a record (all of it unless told). */
    private readonly memberOf: (record: R) => M = (record) => record as unknown as M,
  ) {}

  /** The members of a group in key order (a copy: callers may change the table while going through it). */
  members(group: string): M[] {
    const members = this.loaded().get(group);
    return members ? [...members.values()].sort(byKey) : [];
  }

  /** The members of every group that `matches` accepts, in key order. */
  select(matches: (member: M) => boolean): M[] {
    const found: M[] = [];
    for (const members of this.loaded().values()) for (const member of members.values()) if (matches(member)) found.push(member);
    return found.sort(byKey);
  }

  changed(key: number, record: R | undefined): void {
    if (!this.groups) return;
    const before = this.groupOfMember.get(key);
    if (before !== undefined) {
      const members = this.groups.get(before)!;
      this.removed(members.get(key)!);
      members.delete(key);
      if (members.size === 0) this.groups.delete(before);
      this.groupOfMember.delete(key);
    }
    if (record) this.add(record);
  }

  clear(): void {
    this.groups = undefined;
    this.groupOfMember.clear();
  }

  transactionEnded(): void {}

  /** Loads the table if it is not loaded (a subclass that keeps members in its own order, through `added`). */
  protected ensureLoaded(): void {
    this.loaded();
  }

  /** A member joined the index (on load too). */
  protected added(_member: M): void {}

  /** A member left the index (deleted, or about to be replaced by its update). */
  protected removed(_member: M): void {}

  // helpers

  private loaded(): Map<string, Map<number, M>> {
    if (this.groups) return this.groups;
    this.groups = new Map();
    this.groupOfMember.clear();
    for (const record of this.load()) this.add(record);
    return this.groups;
  }

  private add(record: R): void {
    const group = this.groupOf(record);
    let members = this.groups!.get(group);
    if (!members) this.groups!.set(group, (members = new Map()));
    const member = this.memberOf(record);
    members.set(record.key, member);
    this.groupOfMember.set(record.key, group);
    this.added(member);
  }
}

/**
 * The key of a group named by two or three strings, tenant id first. NUL cannot occur in a tenant id or a name, so
 * the parts cannot run into each other (only the last part, e.g. a correlation key, may hold anything).
 */
export function groupKey(tenantId: string, name: string, last?: string): string {
  return last === undefined ? `${tenantId}\u0000${name}` : `${tenantId}\u0000${name}\u0000${last}`;
}

function byKey(a: { key: number }, b: { key: number }): number {
  return a.key - b.key;
}
