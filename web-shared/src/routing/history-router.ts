/**
 * A tiny history router for the apps' pages as real paths under their base (links can be shared and reloaded):
 * `useLocationPath()` re-renders on navigation, `navigateTo()` pushes a path. Each app parses its own routes.
 */
import { useEffect, useState } from 'preact/hooks';

export function navigateTo(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search + window.location.hash) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current path, query and fragment, updated on every navigation. */
export function useLocationPath(): { pathname: string; search: string; hash: string } {
  const read = () => ({ pathname: window.location.pathname, search: window.location.search, hash: window.location.hash });
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return location;
}
