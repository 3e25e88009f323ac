/**
 * Noticing that the server was upgraded while a tab stayed open: the web server names the build of the app it
 * serves in every answer of the app's own routes and of its page ({@link BUILD_HEADER}, mount-web-apps.ts); the
 * bundle knows its own (compiled in by build-web-app.ts). An answer naming another build means this tab runs the old
 * bundle, whose requests may go to routes that no longer exist: the app shell then asks the clerk to reload
 * (new-build-banner.tsx) — never reloads by itself, she may be typing into a form. Answers without the header (the
 * engine's /v2) say nothing.
 */

export const BUILD_HEADER = 'X-Web-Build';

// replaced by esbuild (define); absent where the code runs unbundled (unit tests): then nothing is compared
declare const __WEB_BUILD__: string | undefined;
const OWN_BUILD = typeof __WEB_BUILD__ === 'string' ? __WEB_BUILD__ : undefined;

let newer = false;
const listeners = new Set<() => void>();

/** Called with the build header of every answer the apps' client reads. */
export function noteServerBuild(build: string | null): void {
  if (newer || !build || !OWN_BUILD || build === OWN_BUILD) return;
  newer = true;
  for (const listener of listeners) listener();
}

export function newBuildServed(): boolean {
  return newer;
}

/** `listener` is called once the server is found to serve another build; returns the unsubscribe. */
export function onNewBuild(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
