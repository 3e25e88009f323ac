/** The current view of the task list (list, filters, sort), kept in the session storage of the tab. */
import type { ViewQuery } from './tasklist-types.js';

const QUERY_KEY = 'tasklist.query';

export function readStoredQuery(): ViewQuery {
  try {
    const stored = JSON.parse(sessionStorage.getItem(QUERY_KEY) ?? 'null') as ViewQuery | null;
    if (stored && ['mine', 'claimable', 'all'].includes(stored.list)) return stored;
  } catch {
    // a damaged entry falls back to the default view
  }
  return { list: 'mine', sort: 'dueDate' };
}

export function storeQuery(query: ViewQuery): void {
  sessionStorage.setItem(QUERY_KEY, JSON.stringify(query));
}
