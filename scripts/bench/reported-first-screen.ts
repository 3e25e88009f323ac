/**
 * How modes (m) and (t) time a first screen: the page reports it itself. An init script, put in before the page's
 * own scripts, checks the screen's condition on every animation frame and, in the first frame in which it holds,
 * posts a task that calls a DevTools binding; that task runs once the frame's style, layout and paint are done, so the
 * clock stops when the screen is drawn. The figure is taken in the benchmark process, from Playwright's `goto` until
 * the binding's call arrives as an event of the tab's own DevTools session. Until the thirteenth session the benches
 * found the screen with Playwright's `waitForFunction` polling, whose injected script (about 100 ms of the page's main
 * thread, on the first screen's path) and round trips through that busy thread put 230–466 ms (medians) between the
 * screen and its notice (docs/performance-notes.md). The same script notes the page's own clock too: `performance.now()`
 * (from the navigation's start) at the first DOM change (text changed in place included) after which the condition holds, seen by
 * a MutationObserver.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** The function on the page's `window` through which it reports its first screen. */
const SHOWN_BINDING = '__benchFirstScreenShown';

/** The init script for a context whose pages are timed; `shown` is evaluated in the page (no closure over this module). */
export function firstScreenInitScript(shown: () => boolean): string {
  return `(() => {
  const shown = ${shown.toString()};
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    window.__firstScreenShownAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  // (the binding looked up when called: about:blank, the tab's first document, never shows the condition)
  const painted = new MessageChannel();
  painted.port1.onmessage = () => window.${SHOWN_BINDING}(String(performance.now()));
  const onFrame = () => (shown() ? painted.port2.postMessage(undefined) : requestAnimationFrame(onFrame));
  requestAnimationFrame(onFrame);
})();`;
}

/**
 * Opens `url` in a new tab of `context` (whose init script is {@link firstScreenInitScript} of `shown`) and times its
 * first screen: `elapsed` by this process, `inPage` by the page's clock. The tab is left open for the caller to read.
 */
export async function timeFirstScreen(context: BrowserContext, url: string, shown: () => boolean): Promise<{ page: Page; elapsed: number; inPage: number }> {
  const page = await context.newPage();
  // (its own DevTools session: the binding reaches the page's every document, and its call comes back here as an
  // event, with no script of Playwright's evaluated in the page and no round trip through its main thread)
  const devtools = await context.newCDPSession(page);
  let reported: () => void = () => undefined;
  const shownReported = new Promise<void>((resolve) => (reported = resolve));
  devtools.on('Runtime.bindingCalled', (event) => {
    if (event.name === SHOWN_BINDING) reported();
  });
  await devtools.send('Runtime.enable');
  await devtools.send('Runtime.addBinding', { name: SHOWN_BINDING });
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the first screen was not shown within 60 s')), 60_000)));
  await Promise.race([shownReported, timedOut]).finally(() => clearTimeout(timer));
  const elapsed = performance.now() - started;
  await devtools.detach();
  // (what the binding reported, checked once more with Playwright's own means)
  if (!(await page.evaluate(shown))) throw new Error('the page reported a first screen that it does not show');
  const inPage = await page.evaluate(() => (window as { __firstScreenShownAt?: number }).__firstScreenShownAt);
  if (inPage === undefined) throw new Error('the page noted no first screen (its observer did not see the condition hold)');
  return { page, elapsed, inPage };
}
