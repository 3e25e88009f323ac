/**
 * Turns office dates into the ISO date-times BPMN timers and task due dates need. A deadline day ends at
 * 23:59:59 office time (a limit "within N working days" includes the whole last day); reminders go out at the
 * start of an office day. Both are conventions of ours, not law.
 */
import type { IsoDate } from './iso-date.js';

export const OFFICE_UTC_OFFSET = '+08:00';

export function endOfOfficeDay(date: IsoDate): string {
  return `${date}T23:59:59${OFFICE_UTC_OFFSET}`;
}

export function startOfOfficeDay(date: IsoDate): string {
  return `${date}T09:00:00${OFFICE_UTC_OFFSET}`;
}
