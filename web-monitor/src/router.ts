/** The monitor's pages as paths under /monitor (links can be shared and reloaded). */
import { useMemo } from 'preact/hooks';
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

export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const params = new URLSearchParams(search);
  const instance = /^\/instances\/(\d+)\/?$/.exec(path);
  if (instance) return { page: 'instance', processInstanceKey: instance[1]! };
  if (/^\/instances\/?$/.test(path)) return { page: 'instances', query: search.replace(/^\?/, '') };
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
    case 'instances':
      return `${BASE}/instances${route.query ? `?${route.query}` : ''}`;
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
  const { pathname, search } = useLocationPath();
  return useMemo(() => parseRoute(pathname, search), [pathname, search]);
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
