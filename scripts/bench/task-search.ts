/**
 * The user-task search as a clerk's task list sends it: `zhang-min` (groups window-first-review and window-clerk,
 * role clerk) asks for the open tasks of her groups, newest first, 50 per page, over HTTP Basic — so each request
 * also pays for authentication, the row scope of a clerk and the group filter. Requests go one after another
 * (latency, not throughput); a warm-up comes first.
 */
import { Pool } from 'undici';
import { basicAuthorization } from './bench-credentials.js';
import { percentile } from './instance-tracker.js';

export const CLERK = { username: 'zhang-min', password: 'demo', groups: ['window-first-review', 'window-clerk'] } as const;

export const CLERK_QUERY = {
  filter: { state: 'CREATED', candidateGroup: { $in: [...CLERK.groups] } },
  sort: [{ field: 'creationDate', order: 'desc' }],
  page: { limit: 50 },
};

export interface SearchResult {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** totalItems of the answer: the open tasks the clerk's list counts. */
  totalItems: number;
  /** Items of one page. */
  pageItems: number;
}

export async function measureTaskSearch(url: string, options: { warmup: number; requests: number }): Promise<SearchResult> {
  const pool = new Pool(url, { connections: 1, keepAliveTimeout: 60_000 });
  const headers = { 'content-type': 'application/json', authorization: basicAuthorization(CLERK) };
  const body = JSON.stringify(CLERK_QUERY);
  const once = async () => {
    const response = await pool.request({ path: '/v2/user-tasks/search', method: 'POST', headers, body });
    if (response.statusCode !== 200) throw new Error(`user-task search: ${response.statusCode} ${(await response.body.text()).slice(0, 300)}`);
    return (await response.body.json()) as { items: unknown[]; page: { totalItems: number } };
  };
  try {
    let last = await once();
    for (let i = 0; i < options.warmup; i++) last = await once();
    const latencies: number[] = [];
    for (let i = 0; i < options.requests; i++) {
      const started = performance.now();
      last = await once();
      latencies.push(performance.now() - started);
    }
    return {
      requests: options.requests,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      totalItems: last.page.totalItems,
      pageItems: last.items.length,
    };
  } finally {
    await pool.close();
  }
}
