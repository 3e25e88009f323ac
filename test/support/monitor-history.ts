/**
 * A cluster's long history as the monitor's feeder reads it: 50,001 called-process instances, one a minute from
 * 2024-01-01 00:00 (office time) — one more than a pass reads (50 pages of 1,000) — and rows the read model skips
 * (a called process is its caller's), so only the watermarks move. Every other search finds nothing. The first
 * pass reads up to the 50,000th, started on 2024-02-04 (34 days 17 h 19 min after the first); the second catches up.
 */
import type { ClusterReader, SearchPage } from '../../web-monitor/server/read-model/read-model-feeder.js';

const HISTORY = 50_001;
const FIRST = Date.parse('2024-01-01T00:00:00+08:00');

export const longHistory: ClusterReader = {
  async search<T>(path: string, body: { filter?: Record<string, { $gte?: string }>; page?: { limit?: number; after?: string } }) {
    const since = body.filter?.startDate?.$gte;
    if (path !== 'process-instances' || since === undefined) return { items: [], page: { totalItems: 0 } } as SearchPage<T>;
    const first = Math.max(0, Math.ceil((Date.parse(since) - FIRST) / 60_000), Number(body.page?.after ?? 0));
    const last = Math.min(HISTORY, first + (body.page?.limit ?? 100));
    const items = [];
    for (let i = first; i < last; i += 1) {
      const startDate = new Date(FIRST + i * 60_000).toISOString();
      items.push({ processInstanceKey: String(i + 1), processDefinitionId: 'called', processDefinitionKey: '1', processDefinitionVersion: 1, state: 'ACTIVE', startDate, parentProcessInstanceKey: '9' });
    }
    return { items, page: { totalItems: 10_000, endCursor: items.length ? String(last) : null } } as SearchPage<T>;
  },
};
