/**
 * How fresh the read model's figures are (seconds since its last pass over /v2), or why they are not whole yet or
 * not current: when the passes fail, since when, at what moment the figures stand, and whom to call — never the
 * failure's technical text, which the server logs for the administrator. The words: freshness-line-text.ts.
 */
import type { Freshness } from '../monitor-types.js';
import { freshnessLineText } from './freshness-line-text.js';

/**
 * `staleSince`: a re-read failed and the figures shown are of that client time (use-refreshed-figures.ts); `once`: an
 * answer never read again, dated by the clock time of its figures, not by an age that would not grow.
 */
export function FreshnessLine({ freshness, staleSince, once }: { freshness: Freshness; staleSince?: number; once?: boolean }) {
  const { text, notice } = freshnessLineText(freshness, staleSince, once);
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
