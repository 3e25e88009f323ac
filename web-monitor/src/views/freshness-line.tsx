/**
 * How fresh the read model's figures are (seconds since its last pass over /v2), or why they are not whole yet or
 * not current: when the passes fail, since when, at what moment the figures stand, and whom to call — never the
 * failure's technical text, which the server logs for the administrator.
 */
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import type { Freshness } from '../monitor-types.js';
import { t } from '../texts.js';

export function FreshnessLine({ freshness }: { freshness: Freshness }) {
  if (freshness.failingSince !== undefined || freshness.unconnected) {
    const standsAt = freshness.lastPassAt === null ? undefined : formatDateTime(freshness.lastPassAt);
    return (
      <p class="freshness notice" role="status" data-testid="freshness">
        {freshness.failingSince === undefined ? t.freshness.unconnected : t.freshness.failing(formatDateTime(freshness.failingSince), standsAt, freshness.earlierFigures === true)}
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
