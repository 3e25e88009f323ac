/** The task list's pages as paths under /tasklist (links can be shared and reloaded): a tiny history router. */
import { useEffect, useState } from 'preact/hooks';

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
  const path = routePath(route);
  if (path === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname, window.location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname, window.location.search));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
