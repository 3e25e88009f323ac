/** How fresh the read model's figures are (seconds since its last pass over /v2), or why it is not. */
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
  return (
    <p class="freshness muted" data-testid="freshness">
      {freshness.ageSeconds === null ? t.freshness.never : t.freshness.ago(freshness.ageSeconds)}
    </p>
  );
}
