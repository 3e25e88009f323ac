/**
 * An in-memory index of a record table by one group key (the active children of each flow scope, the variables
 * of each scope, the subscriptions of each element instance), so the command path reads a group from memory
 * instead of running a query after every step.
 *
 * SQLite stays the truth. A group is loaded from it on first use and then kept current by every insert, update
 * and delete of the table; a group whose owner was created in this process (`NewOwners`) is empty until a member
 * arrives, without a query and without an entry (its owner did not exist before, so nothing can belong to it yet). The index only ever holds what SQLite holds for a
 * group (after the table's write-behind is flushed), so dropping a group or the whole index is always safe: a
 * rolled-back transaction clears it, and a group whose owner ended is dropped to bound the memory.
 */
import type { NewOwners } from './new-owners.js';
import type { TableObserver } from './record-table.js';

/** The group of an owner created in this process that has no member (yet, or left); never changed itself. */
const NO_MEMBERS = new Map<number, never>();

export class GroupIndex<R extends { key: number }> implements TableObserver<R> {
  private readonly groups = new Map<number, Map<number, R>>();
  private readonly groupOfMember = new Map<number, number>();
  /** Groups that got a member while not loaded, in the running transaction: they may not be marked empty. */
  private readonly touchedUnloaded = new Set<number>();
  /** New owners whose group got a member before the owner was created (not seen so far): their group loads. */
  private readonly touchedBeforeCreation = new Set<number>();
  /** Groups whose owner ended in the running transaction, dropped when it ends (`keepEndedUntilTransactionEnd`). */
  private readonly ended: number[] = [];

  constructor(
    /** The group a record belongs to, or null when it belongs to none (e.g. an element instance that ended). */
    private readonly groupOf: (record: R) => number | null,
    /** The members of a group as SQLite holds them, in key order. */
    private readonly load: (group: number) => R[],
    /**
     * Keep the group of an owner that ended until the outermost transaction ends: for a question the command
     * asks after its owner ended (what a user's task completion set in a case that the completion ended).
     */
    private readonly options: {
      keepEndedUntilTransactionEnd?: boolean;
      /** The owners created in this process: a group of one that is not held here is empty. */
      newOwners?: NewOwners;
    } = {},
  ) {}

  /** The members of a group in key order (a copy: callers may change the table while going through it). */
  members(group: number): R[] {
    return [...this.loaded(group).values()];
  }

  /** The first member of a group that matches. */
  find(group: number, matches: (record: R) => boolean): R | undefined {
    for (const record of this.loaded(group).values()) if (matches(record)) return record;
    return undefined;
  }

  /** Up to `limit` members of a group that match, in key order. */
  select(group: number, matches: (record: R) => boolean, limit: number): R[] {
    const found: R[] = [];
    for (const record of this.loaded(group).values()) {
      if (found.length >= limit) break;
      if (matches(record)) found.push(record);
    }
    return found;
  }

  /**
   * The owner of `group` was just created (and joins `newOwners` next): it has no members yet, no query needed,
   * unless one arrived before it.
   */
  ownerCreated(group: number): void {
    if (this.touchedUnloaded.has(group)) this.touchedBeforeCreation.add(group);
  }

  /** The owner of `group` ended (and leaves `newOwners` next): its group is dropped from memory (it loads again if it is ever read). */
  ownerEnded(group: number): void {
    if (!this.options.keepEndedUntilTransactionEnd) {
      this.drop(group);
      return;
    }
    // held as empty until the transaction ends: the owner is no longer new then
    if (!this.groups.has(group) && this.isNew(group)) this.groups.set(group, NO_MEMBERS);
    this.ended.push(group);
  }

  /** A record of the table was inserted or updated (`record`), or deleted (undefined). */
  changed(key: number, record: R | undefined): void {
    const before = this.groupOfMember.get(key);
    const after = record ? this.groupOf(record) : null;
    if (before !== undefined && before !== after) {
      this.groups.get(before)?.delete(key);
      this.groupOfMember.delete(key);
    }
    if (record === undefined || after === null) return;
    let members = this.groups.get(after);
    if (!members && !this.isNew(after)) {
      this.touchedUnloaded.add(after);
      return;
    }
    if (!members || members === (NO_MEMBERS as Map<number, R>)) this.groups.set(after, (members = new Map()));
    members.set(key, record);
    this.groupOfMember.set(key, after);
  }

  /** The outermost transaction ended. */
  transactionEnded(): void {
    // (once per batch for every index: clearing an empty Set allocates a new table, and setting an array's length is
    // a call into the runtime, so nothing is done when nothing is there)
    if (this.touchedUnloaded.size > 0) this.touchedUnloaded.clear();
    if (this.ended.length === 0) return;
    for (const group of this.ended) this.drop(group);
    this.ended.length = 0;
  }

  /** Forgets everything (a transaction rolled back); groups load again on use. */
  clear(): void {
    this.ended.length = 0;
    this.groups.clear();
    this.groupOfMember.clear();
    this.touchedUnloaded.clear();
    this.touchedBeforeCreation.clear();
  }

  // helpers

  /** Whether `group`'s owner was created in this process and every member of it went through this index. */
  private isNew(group: number): boolean {
    return this.options.newOwners !== undefined && this.options.newOwners.has(group) && !this.touchedBeforeCreation.has(group);
  }

  private drop(group: number): void {
    this.touchedBeforeCreation.delete(group);
    const members = this.groups.get(group);
    if (!members) return;
    for (const key of members.keys()) this.groupOfMember.delete(key);
    this.groups.delete(group);
  }

  private loaded(group: number): Map<number, R> {
    let members = this.groups.get(group);
    if (members) return members;
    if (this.isNew(group)) return NO_MEMBERS;
    members = new Map();
    for (const record of this.load(group)) {
      members.set(record.key, record);
      this.groupOfMember.set(record.key, group);
    }
    this.groups.set(group, members);
    this.touchedUnloaded.delete(group);
    return members;
  }
}
