/**
 * How long a conformance test waits for the searches to show a write, as vi.waitFor's options (expect.poll's are
 * vitest.config.ts's, the same): on a Camunda 8.8 cluster the searches read a secondary store behind the commands,
 * and the embedded engine lags the same way with a search lag (TEST_SEARCH_LAG_MS, docs/camunda8-cluster.md).
 */
export const SEARCHES = { timeout: 10_000, interval: 25 } as const;
