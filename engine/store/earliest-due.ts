/**
 * Due times by key, sorted (the timers' due dates, the buffered messages' expiries): the scheduler asks after every
 * round for the earliest and, when it has come, for the ones due by now. A B+ tree ordered by due time, then key,
 * answers the earliest at once and the due ones in order without looking at the others; a map remembers each key's
 * due time to find its entry when the key moves or goes.
 */
import { createRequire } from 'node:module';
import type sortedBtree from 'sorted-btree';

// sorted-btree is CommonJS with its class as `exports.default`: an ESM default import gives `module.exports` under
// Node but the class under vitest's interop; `require` gives `module.exports` under both (typed as Node's import)
const { default: BTree } = createRequire(import.meta.url)('sorted-btree') as typeof sortedBtree;

type Entry = readonly [dueAt: number, key: number];

export class EarliestDue {
  private readonly dueAtOf = new Map<number, number>();
  private readonly sorted = new BTree<Entry, undefined>(undefined, (a, b) => a[0] - b[0] || a[1] - b[1]);

  /** Sets (or moves) the due time of `key`. */
  set(key: number, dueAt: number): void {
    const before = this.dueAtOf.get(key);
    if (before === dueAt) return;
    if (before !== undefined) this.sorted.delete([before, key]);
    this.dueAtOf.set(key, dueAt);
    this.sorted.set([dueAt, key], undefined);
  }

  delete(key: number): void {
    const before = this.dueAtOf.get(key);
    if (before === undefined) return;
    this.dueAtOf.delete(key);
    this.sorted.delete([before, key]);
  }

  clear(): void {
    this.dueAtOf.clear();
    this.sorted.clear();
  }

  /** The earliest due time; undefined when nothing is held. */
  earliest(): number | undefined {
    return this.sorted.minKey()?.[0];
  }

  /** The keys due by `now` (due time ≤ now), by due time, then key; at most `limit`. */
  dueBy(now: number, limit = Infinity): number[] {
    const due: number[] = [];
    for (const [dueAt, key] of this.sorted.keys()) {
      if (dueAt > now || due.length >= limit) break;
      due.push(key);
    }
    return due;
  }
}
