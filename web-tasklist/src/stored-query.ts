/**
 * The current view of the task list (list, filters, sort), kept in the session storage of the tab — as private data
 * (web-shared private-data.ts): its search text may be an applicant's name or ID number, so it goes at a logout and
 * when someone else signs in on the tab.
 */
import { privateDataOwner, privateKey } from '../../web-shared/src/auth/private-data.js';
import type { ViewQuery } from './tasklist-types.js';

const QUERY_KEY = privateKey('tasklist.query');

/**
 * `username` (before the session has claimed the tab's private data: the first screen's requests): the stored view
 * only if it is hers — a colleague's search text must not go out in her requests.
 */
export function readStoredQuery(username?: string): ViewQuery {
  try {
    if (username !== undefined && privateDataOwner() !== username) return defaultQuery();
    const stored = JSON.parse(sessionStorage.getItem(QUERY_KEY) ?? 'null') as ViewQuery | null;
    if (stored && ['mine', 'claimable', 'all'].includes(stored.list)) return stored;
  } catch {
    // a damaged entry falls back to the default view
  }
  return defaultQuery();
}

function defaultQuery(): ViewQuery {
  return { list: 'mine', sort: 'dueDate' };
}

export function storeQuery(query: ViewQuery): void {
  sessionStorage.setItem(QUERY_KEY, JSON.stringify(query));
}
