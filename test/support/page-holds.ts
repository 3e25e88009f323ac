/**
 * Which of some texts a page holds anywhere in its DOM, not only where it shows them: the markup (attributes such as
 * title, data-* and value included), the current value of every input, textarea and select (form-js sets these as
 * properties, which the markup does not carry), open shadow roots, and every frame. The masking tests use it to
 * prove a full ID number, bank account or diagnosis is nowhere in the page, hidden or not.
 */
import type { Page } from 'playwright-core';

export async function pageHolds(page: Page, texts: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const frame of page.frames()) {
    const dom = await frame.evaluate(() => {
      const parts: string[] = [];
      const visit = (root: Document | ShadowRoot) => {
        parts.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
        for (const element of Array.from(root.querySelectorAll('*'))) {
          if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) parts.push(element.value);
          if (element.shadowRoot) visit(element.shadowRoot);
        }
      };
      visit(document);
      return parts.join('\n');
    });
    for (const text of texts) if (dom.includes(text)) found.add(text);
  }
  return [...found];
}
