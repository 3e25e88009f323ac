/**
 * A case's deadline at a glance, as the task list's case header and the monitor's case page show it: acceptance
 * date, statutory limit, 办理时限届满日 and the remaining working days (red when overdue) counted on the server from
 * the engine's clock. What the deadline is — one the case holds, the acceptance day of a 即时办结 case, 受理后起算,
 * 无时限 — is case-due.ts's rule, the same as the task list's rows. A case that has ended says whether it ended on
 * time (按时办结) or late (逾期办结) instead of counting on.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { serverNow } from '../api/server-clock.js';
import { formatDate } from '../format/dates.js';
import { zh } from '../i18n/zh-cn.js';
import { caseDue, type LimitRule } from './case-due.js';
import { DueBadge } from './due-badge.js';
import { endedVerdict } from './ended-verdict.js';
import type { DueInfo, WorkingDays } from './due-info.js';

/** The server's count of working days (`POST …/api/working-days` of the app). */
export type CountWorkingDays = (now: string, dates: string[]) => Promise<WorkingDays>;

/** The deadline and the acceptance date in office dates and working days; undefined while counting or when unknown. */
export function useCaseDue(count: CountWorkingDays, deadline: string | undefined, acceptedAt: string | undefined): { due?: DueInfo; accepted?: string } {
  const [counted, setCounted] = useState<{ due?: DueInfo; accepted?: string }>({});
  useEffect(() => {
    const dates = [deadline, acceptedAt].filter((date): date is string => Boolean(date));
    if (dates.length === 0) return setCounted({});
    let current = true;
    count(new Date(serverNow()).toISOString(), dates).then(
      (result) => current && setCounted({ due: deadline ? result.results[deadline] : undefined, accepted: acceptedAt ? result.results[acceptedAt]?.date : undefined }),
      () => current && setCounted({}),
    );
    return () => {
      current = false;
    };
  }, [count, deadline, acceptedAt]);
  return counted;
}

export interface CaseDeadlineProps {
  count: CountWorkingDays;
  /** The deadline (the task's due date or the case's `deadlineDate`) and the acceptance date (`acceptedAt`). */
  deadline: string | undefined;
  acceptedAt: string | undefined;
  /** The process's statutory limit in words (15 个工作日, 即时办结). */
  timeLimitZh: string | undefined;
  /** How the process's limit runs (before acceptance: 受理后起算 for a limit in days; 即时办结: the acceptance day). */
  limitRule: LimitRule | undefined;
  /** When the case started, where the app may read it: a 即时办结 case's day when it holds no `acceptedAt`. */
  startedAt?: string | undefined;
  /**
   * Refused at intake and never to be accepted, in the refusal's word (web-shared/src/format/refused-at-intake.ts:
   * 不予受理 for FC18/FC22's late application while its 不予受理告知书 is handed over, 不予备案 for FC17's filing the
   * system refused): no limit will run, so the acceptance date reads that word and the badge 无时限, not 受理后起算.
   */
  refused?: string | undefined;
  /** Refused by the system at once (FC17's `refusedBySystem`): a 即时办结 case then has no day either (case-due.ts). */
  refusedBySystem?: boolean;
  /**
   * The case's variables (what the deadline rests on) still being read, or not read: no deadline and no verdict,
   * rather than one the variables would overturn (the monitor reads them after the case; the task list, with them).
   */
  unread?: 'reading' | 'failed';
  /** When the case ended (completed or cancelled): whether it kept its deadline, not the days left. */
  ended?: { endDate: string; canceled: boolean };
}

/** The `<dl>` entries (each a `<div>`) of a case's deadline. */
export function CaseDeadlineFacts({ count, deadline, acceptedAt, timeLimitZh, limitRule, startedAt, refused, refusedBySystem = false, unread, ended }: CaseDeadlineProps) {
  const shown = caseDue({ rule: limitRule, deadline, acceptedAt, startedAt, refused: refused !== undefined, refusedBySystem });
  const counted = shown.kind === 'deadline' && !unread ? shown.deadline : undefined;
  const { due, accepted } = useCaseDue(count, counted, unread ? undefined : acceptedAt);
  const deadlineDay = due?.date ?? (counted ? formatDate(counted) : undefined);
  const t = zh.caseDeadline;
  if (unread) {
    return <DeadlineFactList timeLimitZh={timeLimitZh} ended={ended !== undefined} accepted="—" deadlineDay="—" remaining={unread === 'reading' ? t.reading : t.unread} unread />;
  }
  // a 即时办结 case's day without acceptedAt: its registration day, labelled so (the monitor), or the rule's words
  const sameDayAccepted = shown.kind === 'deadline' && shown.registered ? t.registered(deadlineDay ?? shown.deadline) : t.byRegistration;
  return (
    <DeadlineFactList
      timeLimitZh={timeLimitZh}
      ended={ended !== undefined}
      accepted={accepted ?? (acceptedAt ? formatDate(acceptedAt) : (refused ?? (limitRule === 'sameDay' ? sameDayAccepted : t.notAccepted)))}
      deadlineDay={deadlineDay ?? (shown.kind === 'sameDay' ? t.registrationDay : '—')}
      remaining={ended ? <EndedBadge ended={ended} deadlineDay={deadlineDay} /> : <DueBadge shown={shown} due={due} />}
    />
  );
}

/**
 * The four entries, as worded by {@link CaseDeadlineFacts}: read, or `unread` (the variables being read or not
 * read), whose acceptance date is no fact to point at and whose remaining days are a muted note instead of a badge.
 */
function DeadlineFactList({
  timeLimitZh,
  ended,
  accepted,
  deadlineDay,
  remaining,
  unread = false,
}: {
  timeLimitZh: string | undefined;
  ended: boolean;
  accepted: string;
  deadlineDay: string;
  remaining: ComponentChildren;
  unread?: boolean;
}) {
  const t = zh.caseDeadline;
  return (
    <>
      <div>
        <dt>{t.acceptedAt}</dt>
        <dd data-testid={unread ? undefined : 'accepted-day'}>{accepted}</dd>
      </div>
      <div>
        <dt>{t.timeLimit}</dt>
        <dd>{timeLimitZh ?? '—'}</dd>
      </div>
      <div>
        <dt>{t.deadline}</dt>
        <dd data-testid="deadline-day">{deadlineDay}</dd>
      </div>
      <div>
        <dt>{ended ? t.kept : t.remaining}</dt>
        <dd data-testid="remaining-working-days" class={unread ? 'muted' : undefined}>
          {remaining}
        </dd>
      </div>
    </>
  );
}

function EndedBadge({ ended, deadlineDay }: { ended: { endDate: string; canceled: boolean }; deadlineDay: string | undefined }) {
  const t = zh.caseDeadline;
  const verdict = endedVerdict(ended, deadlineDay);
  if (verdict === 'canceled') return <span class="due-badge due-none">{t.canceled}</span>;
  if (verdict === 'noLimit') return <span class="due-badge due-none">{zh.due.noLimit}</span>;
  if (verdict === 'unknown') return <span class="due-badge due-none">—</span>; // an end date we cannot read: no verdict
  return <span class={`due-badge ${verdict === 'onTime' ? 'due-normal' : 'due-overdue'}`}>{verdict === 'onTime' ? t.onTime : t.late}</span>;
}
