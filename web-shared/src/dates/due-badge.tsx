/**
 * A case's due state as a badge (case-due.ts decides what it says, for the task list's rows, its case header and
 * the monitor's case page alike): remaining working days, red when overdue, amber when due soon; 受理后起算 before
 * acceptance of a case whose limit will run; 即时办结 (grey, the rule) for a 即时办结 case whose registration day
 * the app cannot see; 无时限.
 */
import { dueBadgeView, type CaseDue } from './case-due.js';
import type { DueInfo } from './due-info.js';

export function DueBadge({ shown, due }: { shown: CaseDue; due: DueInfo | undefined }) {
  const view = dueBadgeView(shown, due);
  if (!view) return null;
  return (
    <span class={`due-badge due-${view.state}`} title={view.title}>
      {view.text}
    </span>
  );
}
