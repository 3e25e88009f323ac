/** The task list's pages as paths under /tasklist (links can be shared and reloaded). */
import { useMemo } from 'preact/hooks';
import { navigateTo, useLocationPath } from '../../web-shared/src/routing/history-router.js';

export const BASE = '/tasklist';

export type Route =
  | { page: 'tasks'; taskKey?: string }
  | { page: 'new-case' }
  | { page: 'start-form'; processDefinitionKey: string };

export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const task = /^\/tasks\/(\d+)\/?$/.exec(path);
  if (task) return { page: 'tasks', taskKey: task[1] };
  if (/^\/new\/?$/.test(path)) {
    const key = new URLSearchParams(search).get('process');
    return key && /^\d+$/.test(key) ? { page: 'start-form', processDefinitionKey: key } : { page: 'new-case' };
  }
  return { page: 'tasks' };
}

export function routePath(route: Route): string {
  if (route.page === 'tasks') return route.taskKey ? `${BASE}/tasks/${route.taskKey}` : `${BASE}/`;
  if (route.page === 'new-case') return `${BASE}/new`;
  return `${BASE}/new?process=${route.processDefinitionKey}`;
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  navigateTo(routePath(route), options);
}

export function useRoute(): Route {
  const { pathname, search } = useLocationPath();
  return useMemo(() => parseRoute(pathname, search), [pathname, search]);
}
