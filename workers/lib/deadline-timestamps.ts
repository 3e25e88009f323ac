/**
 * Turns office dates into the ISO date-times BPMN timers and task due dates need. A deadline day ends at
 * 23:59:59 office time (a limit "within N working days" includes the whole last day); reminders go out at the
 * start of an office day. Both are conventions of ours, not law. The offset is the office zone's on that day
 * (Asia/Shanghai keeps +08:00 all year), written without the zone id so FEEL and every Camunda component read it.
 */
import { OFFICE_TIME_ZONE, parseIsoDate, type IsoDate } from './iso-date.js';

export function endOfOfficeDay(date: IsoDate): string {
  return atOfficeTime(date, '23:59:59');
}

export function startOfOfficeDay(date: IsoDate): string {
  return atOfficeTime(date, '09:00:00');
}

// helpers

function atOfficeTime(date: IsoDate, time: string): string {
  return parseIsoDate(date).toZonedDateTime({ timeZone: OFFICE_TIME_ZONE, plainTime: time }).toString({ timeZoneName: 'never' });
}
