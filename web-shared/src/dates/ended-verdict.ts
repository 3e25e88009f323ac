/**
 * Whether an ended case kept its deadline (web-shared/src/dates/case-deadline.tsx): compared by office date, so a
 * case ended at 17:30 on its 办理时限届满日 is on time.
 */
import { formatDate } from '../format/dates.js';

/**
 * - `canceled`: cancelled, no verdict;
 * - `noLimit`: no deadline day;
 * - `unknown`: the end date does not read as a date (formatDate gives '', and `'' <= deadlineDay` would say 按时);
 * - `onTime` / `late`.
 */
export type EndedVerdict = 'canceled' | 'noLimit' | 'unknown' | 'onTime' | 'late';

/** The verdict for a case that ended at `endDate`, against its deadline day (`YYYY-MM-DD`, office date). */
export function endedVerdict(ended: { endDate: string; canceled: boolean }, deadlineDay: string | undefined): EndedVerdict {
  if (ended.canceled) return 'canceled';
  if (!deadlineDay) return 'noLimit';
  const endDay = formatDate(ended.endDate);
  if (!endDay) return 'unknown';
  return endDay <= deadlineDay ? 'onTime' : 'late';
}
