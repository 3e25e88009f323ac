/**
 * A /v2 search read page after page (Camunda 8.8's `page.after` cursor, its answer's `endCursor`) up to a cap, and
 * what was left out: the 办理记录's completed tasks and the case variables the task page reads (case-data.ts) are
 * read so, so that a read that stopped — at the cap, or at a full page without a cursor to read on — is never shown
 * as all there is.
 */
import type { SearchResult } from '../../web-shared/src/api/camunda-types.js';

/** How much a read takes at most (`cap`), `page` at a time. */
export interface SearchLimits {
  cap: number;
  page: number;
}

/** More were there than read: `shown` read, and `total` where the search counted them all. */
export interface LeftOut {
  shown: number;
  total?: number;
}

export interface CappedRead<T> {
  items: T[];
  /** Set when the read stopped before the last item (the page says so). */
  leftOut?: LeftOut;
}

/** `search`: one page of the search, from `after` (none: the first), at most `limit` items, in a stable order. */
export async function readCapped<T>(search: (page: { after?: string; limit: number }) => Promise<SearchResult<T>>, { cap, page }: SearchLimits): Promise<CappedRead<T>> {
  const items: T[] = [];
  let after: string | undefined;
  for (;;) {
    const limit = Math.min(page, cap - items.length);
    const result = await search(after ? { after, limit } : { limit });
    items.push(...result.items.slice(0, limit));
    if (result.items.length < limit) return { items };
    after = result.page.endCursor ?? undefined;
    // (a full page without a cursor to read on from: what is left cannot be read, and is said to be left out)
    if (!after || items.length >= cap) {
      const { totalItems, hasMoreTotalItems } = result.page;
      // (the count says whether more are left; without one, a full last page says there may be)
      if (typeof totalItems === 'number' && !hasMoreTotalItems && totalItems <= items.length) return { items };
      return { items, leftOut: { shown: items.length, ...(typeof totalItems === 'number' && !hasMoreTotalItems && { total: totalItems }) } };
    }
  }
}
