/**
 * The element instances created in this process that have not ended (since the in-memory indexes were last
 * cleared). Everything such an owner has in a group index arrived in this process, where the indexes saw it, so an
 * index that holds no group for it knows the group is empty without a query.
 *
 * One set shared by every index, instead of an empty group per index and owner: a case waiting in a user task has
 * two owners running (the process instance and the task's element instance), and eleven empty groups each cost
 * about 1 KB per waiting case (docs/performance-notes.md, "Memory per waiting instance").
 */
export class NewOwners {
  private readonly keys = new Set<number>();

  has(ownerKey: number): boolean {
    return this.keys.has(ownerKey);
  }

  add(ownerKey: number): void {
    this.keys.add(ownerKey);
  }

  delete(ownerKey: number): void {
    this.keys.delete(ownerKey);
  }

  /** The indexes were cleared (a transaction rolled back): every owner's groups load again on use. */
  clear(): void {
    this.keys.clear();
  }
}
