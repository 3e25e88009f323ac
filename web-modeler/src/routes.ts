/** The modeler's pages: the project (`/modeler/`) and a file in its editor (`/modeler/edit/<file>`). */
export const BASE = '/modeler';

export type Route = { page: 'project' } | { page: 'edit'; file: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const edit = /^\/edit\/(.+)$/.exec(path);
  if (edit) return { page: 'edit', file: decodeURIComponent(edit[1]!) };
  return { page: 'project' };
}

export function routePath(route: Route): string {
  return route.page === 'edit' ? `${BASE}/edit/${route.file.split('/').map(encodeURIComponent).join('/')}` : `${BASE}/`;
}
