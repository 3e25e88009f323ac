/**
 * What a case's deadline reads, one rule for the task list (its rows and its case header) and the monitor's case
 * page (case-deadline.tsx, due-badge.tsx), so that the two apps never say different things of one case — and the
 * rule the monitor's figures count by (web-monitor/server/read-model/case-figures.ts `fromVariables`):
 *
 * - a deadline the case holds (the task's due date, the case's `deadlineDate`): counted in working days;
 * - 即时办结 (docs/domain/time-limits.md): the limit is the day of acceptance. The models set no `acceptedAt` and no
 *   timer for it: the case is taken in at the window when it starts, so its day is the acceptance day or, without
 *   one, the day the case was registered (started). A refusal decided at a clerk's review (FC6/FC12–FC14's 不予受理)
 *   keeps that day; only a filing the system refused at once (FC17's `refusedBySystem`, no clerk involved) has none
 *   (无时限: it only waits for its notice to be handed over). Where the app cannot see the registration day (a clerk
 *   may not read the case itself, only its tasks and variables; a task's own creation day is the registration day
 *   only for the case's first task) the badge names the rule (即时办结), not a day it cannot know;
 * - refused at intake otherwise (web-shared/src/format/refused-at-intake.ts; FC18/FC22's late path): never to be
 *   accepted, no limit will run: 无时限;
 * - a limit in days before acceptance: 受理后起算 (it has one, it does not run yet);
 * - anything else (未规定; a timed case accepted without a deadline): 无时限.
 */
import { formatDate } from '../format/dates.js';
import { zh } from '../i18n/zh-cn.js';
import type { DueInfo, DueState } from './due-info.js';

/**
 * How a process's statutory limit runs (web-shared/server/office-catalog.ts `limitRule`): in days from acceptance,
 * on the day itself (即时办结), or not at all (未规定).
 */
export type LimitRule = 'days' | 'sameDay' | 'none';

export type CaseDue =
  /**
   * Count this date or instant (a deadline held by the case, or a 即办 case's day as an office date); `registered`:
   * that day is the registration day (the case's start, no `acceptedAt`), which the page labels as such.
   */
  | { kind: 'deadline'; deadline: string; registered?: boolean }
  /** 即办, its registration day unknown to the app: 即时办结 (the rule, not a day). */
  | { kind: 'sameDay' }
  /** 受理后起算. */
  | { kind: 'notStarted' }
  /** 无时限. */
  | { kind: 'noLimit' };

export interface CaseDueFacts {
  /** The process's rule; undefined for a process not in the catalogue (then only a deadline it holds counts). */
  rule: LimitRule | undefined;
  deadline: string | undefined;
  acceptedAt: string | undefined;
  /** When the case started (was registered), where the app may read it (the monitor). */
  startedAt?: string | undefined;
  /** Refused at intake (refused-at-intake.ts), by a clerk or by the system. */
  refused: boolean;
  /** Refused by the system at once (`refusedBySystem`, FC17), no clerk involved: a 即办 case then has no day either. */
  refusedBySystem: boolean;
}

export function caseDue({ rule, deadline, acceptedAt, startedAt, refused, refusedBySystem }: CaseDueFacts): CaseDue {
  if (deadline) return { kind: 'deadline', deadline };
  if (rule === 'sameDay') {
    if (refusedBySystem) return { kind: 'noLimit' };
    const accepted = formatDate(acceptedAt);
    if (accepted) return { kind: 'deadline', deadline: accepted };
    const registered = formatDate(startedAt);
    return registered ? { kind: 'deadline', deadline: registered, registered: true } : { kind: 'sameDay' };
  }
  if (refused) return { kind: 'noLimit' };
  if (rule === 'days' && !acceptedAt) return { kind: 'notStarted' };
  return { kind: 'noLimit' };
}

/** A badge's words, colour (`due-<state>`) and tooltip. */
export interface DueBadgeView {
  text: string;
  state: DueState | 'none';
  title?: string;
}

/**
 * The badge of what {@link caseDue} found, with the count of its deadline (`due`, from the server's working days;
 * undefined while counting, or when it failed: no badge then, rather than a guess).
 */
export function dueBadgeView(shown: CaseDue, due: DueInfo | undefined): DueBadgeView | undefined {
  const t = zh.due;
  switch (shown.kind) {
    case 'notStarted':
      return { text: t.notStarted, state: 'none' };
    case 'noLimit':
      return { text: t.noLimit, state: 'none' };
    case 'sameDay':
      return { text: t.sameDay, state: 'none', title: t.sameDayTitle };
    case 'deadline':
      return due && { text: dueText(due), state: due.state, title: t.dueOn(due.date) };
  }
}

/** 剩 N 个工作日 / 今日到期 / 逾期 N 个工作日, 暂定 where the count rests on a provisional holiday year. */
function dueText(due: DueInfo): string {
  const days = due.remainingWorkingDays;
  if (due.state === 'overdue') return zh.due.overdue(days === null ? null : Math.max(0, -days));
  if (days === null) return zh.due.unknown;
  const text = days === 0 ? zh.due.dueToday : zh.due.remaining(days);
  return due.provisional ? `${text}${zh.due.provisional}` : text;
}
