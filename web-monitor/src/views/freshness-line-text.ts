/**
 * What the freshness line (freshness-line.tsx) says for a `Freshness`, and whether as a notice (the figures stand
 * still, are not read at all, or are not whole yet) or as a muted age: apart from the component, so that the server's
 * tests read what a manager reads for a state the server answers.
 */
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import type { Freshness } from '../monitor-types.js';
import { t } from '../texts.js';

/**
 * `staleSince`: a re-read of the page's figures failed, those shown are the answer of that client time — said
 * instead of the answer's own age, which would not grow while nothing new comes. `once`: the figures are an answer
 * never read again (案件查询's applicant search): their age would be read as current an hour later, so the line
 * says at what time the read model stood.
 */
export function freshnessLineText(freshness: Freshness, staleSince?: number, once = false): { text: string; notice: boolean } {
  // (HH:mm of the office's day: formatDateTime is `YYYY-MM-DD HH:mm` in the office's zone)
  if (staleSince !== undefined) return { text: t.freshness.notRefreshed(formatDateTime(staleSince).slice(11)), notice: true };
  if (freshness.unconnected) return { text: t.freshness.unconnected, notice: true };
  if (freshness.failingSince !== undefined) {
    const standsAt = freshness.lastPassAt === null ? undefined : formatDateTime(freshness.lastPassAt);
    return { text: t.freshness.failing(formatDateTime(freshness.failingSince), standsAt, freshness.earlierFigures === true), notice: true };
  }
  // a rebuild reads oldest first: figures of recent periods are short, and a manager must not take them as whole
  if (freshness.readUpTo !== undefined) return { text: t.freshness.catchingUp(freshness.readUpTo), notice: true };
  if (freshness.ageSeconds === null || freshness.lastPassAt === null) return { text: t.freshness.never, notice: false };
  if (once) return { text: t.freshness.syncedAt(formatDateTime(freshness.lastPassAt).slice(11)), notice: false };
  return { text: t.freshness.ago(freshness.ageSeconds), notice: false };
}
