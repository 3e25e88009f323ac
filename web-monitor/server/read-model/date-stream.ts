/**
 * The feeder's date streams (read-model-feeder.ts): a /v2 search read by a date field from a watermark kept in the
 * read model, minus an overlap (rows a cluster's exporter makes visible late), page by page, a bounded number of
 * pages a pass. Process instances by `startDate` and `endDate`, user tasks by `creationDate` and `completionDate`,
 * and the completed end events by `endDate` (outcome-stream.ts).
 */
import { isoInstant, PAGE, type ClusterReader, type SearchPath } from './cluster-reader.js';
import type { MonitorStore } from './monitor-store.js';

/** Pages one stream may read in a pass; the rest waits for the next pass (a huge backlog cannot block the others). */
const PAGES_PER_PASS = 50;
export const EPOCH = '1970-01-01T00:00:00.000Z';

export interface DateStreamOptions {
  overlapMs: number;
  /** Rows per page (default 1,000). */
  pageSize?: number;
  /** Pages one stream may read in a pass (default 50). */
  pagesPerPass?: number;
}

/** How far a stream read in a pass: whether it reached the present, and its watermark (the latest date read). */
export interface StreamResult {
  reachedEnd: boolean;
  watermark: string;
}

export class DateStreams {
  /** Where each date stream stopped on a whole page in the last pass (kept in memory: a restart begins at the watermark). */
  private readonly resumeAt = new Map<string, { from: string; after: string }>();

  constructor(
    private readonly store: MonitorStore,
    private readonly reader: ClusterReader,
    private readonly options: DateStreamOptions,
  ) {}

  /** The watermark of the stream `name` (undefined before it was first read). */
  watermark(name: string): string | undefined {
    return this.store.meta(`watermark.${name}`);
  }

  /**
   * Reads a date stream from its watermark (minus the overlap) to the end, page by page, at most
   * {@link PAGES_PER_PASS} pages. It reached the end when a page came back short of its limit or without a cursor
   * (a backlog of exactly whole pages ends with an empty one); `totalItems` is not used: a cluster may cap it. A
   * stream whose last page of a pass was whole has not: the rows after it wait for the next pass.
   */
  async read<T extends object>(
    name: string,
    path: SearchPath,
    field: string,
    put: (rows: T[]) => void,
    /** The rest of the filter (the stream's rows among all of the search's). */
    filter: object = {},
  ): Promise<StreamResult> {
    const limit = this.options.pageSize ?? PAGE;
    const watermark = this.watermark(name) ?? EPOCH;
    // a pass that stopped on a whole page goes on where it stopped: begun again from the watermark, a stream with
    // more rows than a pass reads in its overlap (a 批量操作 ending 50,000 cases at once) would read them forever
    const resume = this.resumeAt.get(name);
    this.resumeAt.delete(name);
    const from = resume?.from ?? new Date(Math.max(0, Date.parse(watermark) - this.options.overlapMs)).toISOString();
    let after = resume?.after;
    let latest = watermark;
    for (let pages = 0; pages < (this.options.pagesPerPass ?? PAGES_PER_PASS); pages += 1) {
      const result = await this.reader.search<T>(path, {
        filter: { ...filter, [field]: { $gte: from } },
        sort: [{ field, order: 'ASC' }],
        page: after ? { limit, after } : { limit },
      });
      this.store.transaction(() => put(result.items));
      for (const item of result.items) {
        const value = (item as Record<string, unknown>)[field];
        if (typeof value === 'string' && Date.parse(value) > Date.parse(latest)) latest = isoInstant(value);
      }
      this.store.setMeta(`watermark.${name}`, latest);
      if (result.items.length < limit || !result.page.endCursor) return { reachedEnd: true, watermark: latest };
      after = result.page.endCursor;
    }
    if (after !== undefined) this.resumeAt.set(name, { from, after });
    return { reachedEnd: false, watermark: latest };
  }
}
