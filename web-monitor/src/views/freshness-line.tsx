/** How fresh the read model's figures are (seconds since its last pass over /v2), or why they are not whole yet. */
import type { Freshness } from '../monitor-types.js';
import { t } from '../texts.js';

export function FreshnessLine({ freshness }: { freshness: Freshness }) {
  if (freshness.error) {
    return (
      <p class="freshness notice" role="status" data-testid="freshness">
        {t.freshness.failing(freshness.error)}
      </p>
    );
  }
  // a rebuild reads oldest first: figures of recent periods are short, and a manager must not take them as whole
  if (freshness.readUpTo !== undefined) {
    return (
      <p class="freshness notice" role="status" data-testid="freshness">
        {t.freshness.catchingUp(freshness.readUpTo)}
      </p>
    );
  }
  return (
    <p class="freshness muted" data-testid="freshness">
      {freshness.ageSeconds === null ? t.freshness.never : t.freshness.ago(freshness.ageSeconds)}
    </p>
  );
}
