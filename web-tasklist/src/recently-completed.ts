/**
 * The tasks this page completed, hidden from its lists for a while: on a Camunda 8.8 cluster the searches lag behind
 * the commands, so the re-search right after 办结 still returns the task as open, and it would stay in the list (and
 * could be opened again) until the next poll. As Camunda's own Tasklist does, the page remembers what it completed and
 * leaves it out for {@link HIDE_COMPLETED_MS}. A completed user task never opens again, so hiding it is never wrong;
 * the time only bounds the memory (a cluster is far less behind than that).
 */
export const HIDE_COMPLETED_MS = 60_000;

export class RecentlyCompleted {
  private readonly since = new Map<string, number>();

  add(userTaskKey: string, now = Date.now()): void {
    this.since.set(userTaskKey, now);
  }

  /**
   * The tasks of a search result without those this page completed. `hidden` counts the completed tasks the search
   * still returned: the counts beside the lists, read as far behind, still include them.
   */
  filter<T extends { userTaskKey: string }>(tasks: readonly T[], now = Date.now()): { tasks: T[]; hidden: number } {
    for (const [key, at] of this.since) if (now - at > HIDE_COMPLETED_MS) this.since.delete(key);
    const kept = tasks.filter((task) => !this.since.has(task.userTaskKey));
    return { tasks: kept, hidden: tasks.length - kept.length };
  }
}
