/**
 * How fresh the read model's figures are (seconds since its last pass over /v2), or why they are not whole yet or
 * not current: when the passes fail, since when, at what moment the figures stand, and whom to call — never the
 * failure's technical text, which the server logs for the administrator. The words: freshness-line-text.ts.
 */
import type { Freshness } from '../monitor-types.js';
import { freshnessLineText } from './freshness-line-text.js';

/** `staleSince`: a re-read failed and the figures shown are of that client time (use-refreshed-figures.ts). */
export function FreshnessLine({ freshness, staleSince }: { freshness: Freshness; staleSince?: number }) {
  const { text, notice } = freshnessLineText(freshness, staleSince);
  return notice ? (
    <p class="freshness notice" role="status" data-testid="freshness">
      {text}
    </p>
  ) : (
    <p class="freshness muted" data-testid="freshness">
      {text}
    </p>
  );
}
