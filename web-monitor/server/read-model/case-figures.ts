/**
 * What the monitor derives from a case and its variables, counted like the deadline worker counts
 * (docs/domain/deadlines.md): from the acceptance date (`acceptedAt`, the day itself not counted) in working days
 * of the workers' calendar, against the deadline day of the case (`deadlineDate`, extensions included).
 *
 * - cycle time: working days from the acceptance day to the day the case was completed (0 = the same day);
 * - on time (按时办结): completed on or before its deadline day; a 即时办结 process has the acceptance day (or,
 *   without one, the start day) as its deadline — except a case the system refused at once (`refusedBySystem`,
 *   FC17's two 不予备案 checks, no clerk involved): it only waits for its notice to be handed over, which has no time
 *   limit (docs/domain/notices.md), so it has no deadline day (无时限) and is never 超期 or 逾期办结. A refusal
 *   decided at a clerk's review (FC5/FC7/FC19/FC21's decision notices, FC6/FC12–FC14's 不予受理) keeps its deadline;
 *   a timed process without `deadlineDate` (FC18/FC22's late path, refused at intake) has none anyway;
 * - provisional: the count or the deadline rests on a year whose holiday notice is not entered yet.
 */
import type { OfficeProcess } from '../../../web-shared/server/office-catalog.js';
import { isDateOrInstant, officeDateOfDateOrInstant } from '../../../workers/lib/instant.js';
import type { WorkingDayCounter } from '../working-day-counter.js';
import type { CaseRecord } from './monitor-store.js';

/** The case variables the monitor reads (process scope). */
export const CASE_VARIABLES = [
  'acceptedAt',
  'deadlineDate',
  'originalDeadlineDate',
  'deadlineProvisional',
  'personName',
  'unitName',
  'refusedBySystem',
] as const;

export type CaseVariables = Partial<Record<(typeof CASE_VARIABLES)[number], unknown>>;

type CaseFacts = Omit<CaseRecord, 'cycleWorkingDays' | 'onTime' | 'figuresProvisional'>;

/** The variable-derived columns of a case. */
export function fromVariables(variables: CaseVariables, process: OfficeProcess | undefined, startDay: string) {
  const acceptedDay = officeDay(variables.acceptedAt);
  const immediateDeadline = process?.timeLimit.immediate && variables.refusedBySystem !== true ? (acceptedDay ?? startDay) : null;
  const deadlineDay = officeDay(variables.deadlineDate) ?? immediateDeadline;
  const applicant = [variables.personName, variables.unitName].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return {
    acceptedDay,
    deadlineDay,
    originalDeadlineDay: officeDay(variables.originalDeadlineDate) ?? deadlineDay,
    deadlineProvisional: variables.deadlineProvisional === true,
    applicant: applicant?.trim() ?? null,
  };
}

/** The figures of a case from its facts (state, days, deadline). */
export function caseFigures(facts: CaseFacts, counter: WorkingDayCounter): Pick<CaseRecord, 'cycleWorkingDays' | 'onTime' | 'figuresProvisional'> {
  if (facts.state !== 'COMPLETED' || facts.endDay === null) {
    return { cycleWorkingDays: null, onTime: null, figuresProvisional: facts.deadlineProvisional };
  }
  const cycle = facts.acceptedDay === null ? null : counter.between(facts.acceptedDay, facts.endDay);
  return {
    cycleWorkingDays: cycle === null ? null : Math.max(0, cycle),
    onTime: facts.deadlineDay === null ? null : facts.endDay <= facts.deadlineDay,
    figuresProvisional: facts.deadlineProvisional || (facts.acceptedDay !== null && counter.provisionalBetween(facts.acceptedDay, facts.endDay)),
  };
}

/** Working days a user task took: from the day it was created to the day it was completed. */
export function handlingWorkingDays(creationDate: string, completionDate: string | null, counter: WorkingDayCounter): number | null {
  if (completionDate === null) return null;
  const days = counter.between(officeDateOfDateOrInstant(creationDate), officeDateOfDateOrInstant(completionDate));
  return days === null ? null : Math.max(0, days);
}

/** The office date of a date or instant variable; null for anything else. */
export function officeDay(value: unknown): string | null {
  return typeof value === 'string' && isDateOrInstant(value) ? officeDateOfDateOrInstant(value) : null;
}
