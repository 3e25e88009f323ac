/** The monitor's pages as paths under /monitor (links can be shared and reloaded). */
import { useEffect, useMemo } from 'preact/hooks';
import { navigateTo, useLocationPath } from '../../web-shared/src/routing/history-router.js';

export const BASE = '/monitor';

export type Route =
  | { page: 'overview' }
  | { page: 'open-cases'; kind: 'overdue' | 'dueSoon' }
  | { page: 'instances'; query: string }
  | { page: 'instance'; processInstanceKey: string }
  | { page: 'heatmap'; processId?: string }
  /** `created`: the batch operation the manager just started, looked for until the searches show it. */
  | { page: 'batches'; created?: string };

/**
 * The fields of a case search that may be personal data (an applicant's name, a variable's value such as an ID
 * number): kept in the address's fragment, which the browser never sends, so no server or proxy log and no Referer
 * holds them; a reload and the browser's back button still find them.
 */
const PRIVATE_SEARCH_FIELDS = ['applicant', 'value'];

export function parseRoute(pathname: string, search = '', hash = ''): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const params = new URLSearchParams(search);
  const instance = /^\/instances\/(\d+)\/?$/.exec(path);
  if (instance) return { page: 'instance', processInstanceKey: instance[1]! };
  if (/^\/instances\/?$/.test(path)) {
    const query = new URLSearchParams(search);
    for (const [field, value] of new URLSearchParams(hash.replace(/^#/, ''))) if (PRIVATE_SEARCH_FIELDS.includes(field)) query.set(field, value);
    return { page: 'instances', query: query.toString() };
  }
  if (/^\/open-cases\/?$/.test(path)) return { page: 'open-cases', kind: params.get('kind') === 'dueSoon' ? 'dueSoon' : 'overdue' };
  if (/^\/heatmap\/?$/.test(path)) return { page: 'heatmap', processId: params.get('process') ?? undefined };
  if (/^\/batches\/?$/.test(path)) return { page: 'batches', created: params.get('created') ?? undefined };
  return { page: 'overview' };
}

export function routePath(route: Route): string {
  switch (route.page) {
    case 'overview':
      return `${BASE}/`;
    case 'open-cases':
      return `${BASE}/open-cases?kind=${route.kind}`;
    case 'instances': {
      const open = new URLSearchParams();
      const kept = new URLSearchParams();
      for (const [field, value] of new URLSearchParams(route.query)) (PRIVATE_SEARCH_FIELDS.includes(field) ? kept : open).append(field, value);
      const [search, fragment] = [open.toString(), kept.toString()];
      return `${BASE}/instances${search ? `?${search}` : ''}${fragment ? `#${fragment}` : ''}`;
    }
    case 'instance':
      return `${BASE}/instances/${route.processInstanceKey}`;
    case 'heatmap':
      return `${BASE}/heatmap${route.processId ? `?process=${encodeURIComponent(route.processId)}` : ''}`;
    case 'batches':
      return `${BASE}/batches${route.created ? `?created=${encodeURIComponent(route.created)}` : ''}`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  navigateTo(routePath(route), options);
}

export function useRoute(): Route {
  const { pathname, search, hash } = useLocationPath();
  const route = useMemo(() => parseRoute(pathname, search, hash), [pathname, search, hash]);
  // an older link with the applicant or the value in its query: moved into the fragment at once, so the next reload
  // sends them no more
  useEffect(() => {
    if (route.page !== 'instances') return;
    const query = new URLSearchParams(search);
    if (PRIVATE_SEARCH_FIELDS.some((field) => query.has(field))) navigate(route, { replace: true });
  }, [route, search]);
  return route;
}

/** An <a>'s href and click handler: a plain click navigates in the page, ctrl/shift/middle click opens a new tab. */
export function linkProps(route: Route) {
  const href = routePath(route);
  return {
    href,
    onClick: (event: MouseEvent) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(route);
    },
  };
}
