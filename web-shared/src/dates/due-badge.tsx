/**
 * Remaining working days of a due date: red when overdue, amber when due soon; before acceptance, for a case
 * with a statutory limit, that the limit starts at acceptance (无时限 would say it has none).
 */
import { zh } from '../i18n/zh-cn.js';
import type { DueInfo } from './due-info.js';

const t = zh;

export function dueText(due: DueInfo | undefined, hasDueDate: boolean): string {
  if (!hasDueDate) return t.due.noLimit;
  if (!due) return '';
  const days = due.remainingWorkingDays;
  if (due.state === 'overdue') return t.due.overdue(days === null ? null : Math.max(0, -days));
  if (days === null) return t.due.unknown;
  const text = days === 0 ? t.due.dueToday : t.due.remaining(days);
  return due.provisional ? `${text}${t.due.provisional}` : text;
}

export function DueBadge({ due, hasDueDate, notStarted = false }: { due: DueInfo | undefined; hasDueDate: boolean; notStarted?: boolean }) {
  if (notStarted) return <span class="due-badge due-none">{t.due.notStarted}</span>;
  const text = dueText(due, hasDueDate);
  if (!text) return null;
  const state = hasDueDate ? (due?.state ?? 'normal') : 'none';
  return (
    <span class={`due-badge due-${state}`} title={due ? t.due.dueOn(due.date) : undefined}>
      {text}
    </span>
  );
}
