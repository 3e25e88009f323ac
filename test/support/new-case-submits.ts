/**
 * Whether something done on 新办件's form (a Ctrl+Enter, a click) began a 提交受理, told as soon as it was handled
 * instead of after a wait for a start that would come late. A submit that goes ahead does two things before its first
 * await (new-case.tsx, `submit`): it sets the form busy — 提交受理 shows 正在提交…, rendered in a microtask (Preact) —
 * and it sends its first request, the start or the search a retry makes before it. Both are done by the end of the
 * task that handled the key or the click (Playwright's press and dispatch return once the page's handlers ran), so a
 * read of the page's record in a task of its own, after that, is final: nothing it did not see will follow from it.
 */
import type { Page } from 'playwright-core';

/** What 新办件's form began since {@link watchSubmits}: its requests to /v2/process-instances, and whether it went busy. */
export interface SubmitsSeen {
  requests: string[];
  busy: boolean;
}

/**
 * Starts recording, in the page, each request it sends to /v2/process-instances (method and path; by `fetch`, which
 * the page's client calls for every request) and whether 提交受理 showed 正在提交… Returns the reader of the record.
 */
export async function watchSubmits(page: Page): Promise<() => Promise<SubmitsSeen>> {
  await page.evaluate(() => {
    const seen = { requests: [] as string[], busy: false };
    (window as unknown as { submitsSeen: typeof seen }).submitsSeen = seen;
    const send = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (url.pathname.startsWith('/v2/process-instances')) seen.requests.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      return send(input, init);
    };
    const busy = () => {
      if (document.querySelector('.start-form .task-bar button.primary')?.textContent?.includes('正在提交')) seen.busy = true;
    };
    new MutationObserver(busy).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => structuredClone((window as unknown as { submitsSeen: SubmitsSeen }).submitsSeen));
}
