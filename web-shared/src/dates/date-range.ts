/**
 * A from–to pair of date texts checked as a search form needs it: each one empty or a date (see
 * {@link isoDateOfText}), and the from-date not after the to-date. The answer names the fields that are wrong, so
 * the form marks them; a field whose text is no date says so itself (see DateInput), the form says why a range is
 * wrong (`order`).
 */
import { zh } from '../i18n/zh-cn.js';
import { isoDateOfText } from './date-text.js';

export type CheckedRange = { from?: string; to?: string } | { error: string; kind: 'invalid' | 'order'; fields: ('from' | 'to')[] };

export function checkedRange(fromText: string, toText: string): CheckedRange {
  const from = fromText.trim() ? isoDateOfText(fromText) : undefined;
  const to = toText.trim() ? isoDateOfText(toText) : undefined;
  if (fromText.trim() && !from) return { error: zh.dates.invalid(fromText.trim()), kind: 'invalid', fields: ['from'] };
  if (toText.trim() && !to) return { error: zh.dates.invalid(toText.trim()), kind: 'invalid', fields: ['to'] };
  if (from && to && from > to) return { error: zh.dates.fromAfterTo(from, to), kind: 'order', fields: ['from', 'to'] };
  return { from, to };
}
