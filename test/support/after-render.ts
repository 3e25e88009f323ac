/**
 * Resolves once the page has painted a frame and run the effects of what it rendered before the call: Preact runs
 * a render's effects in a task after the next frame, as this waits, and those scheduled first run first. What the
 * page does on a render before the call (e.g. the one that sent a request now at the test's route handler) and on
 * that render's effects has shown by then — the proof a "nothing changed" check reads after, instead of a sleep.
 */
import type { Page } from 'playwright-core';

export async function afterRender(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}
