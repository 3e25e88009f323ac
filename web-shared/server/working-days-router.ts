/**
 * `POST /<app>/api/working-days` (the task list's and the monitor's): remaining working days and due states of due dates, counted with the
 * project's working-day calendar (workers/lib: chinese-days with 调休, the office's year files and
 * provisional years, local closures) from `now`, the engine's time the browser read from the HTTP `Date` header.
 * The browser cannot count working days itself: the calendar reads its data files on the server.
 *
 * - provisional: the count crosses a year whose holiday schedule is not yet published (it may still change).
 * - remaining: working days after today up to and including the due date (0 = due today; negative = overdue by
 *   that many working days); null for a year without holiday data.
 * - state: overdue once the due instant has passed; dueSoon within {@link DUE_SOON_WORKING_DAYS} working days;
 *   otherwise normal. `dueSoonUntil` is the end of the last "due soon" office day, for due-date filters.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import type { DueInfo, DueState, WorkingDays } from '../src/dates/due-info.js';
import { sendProblem } from './problem.js';
import { endOfOfficeDay } from '../../workers/lib/deadline-timestamps.js';
import { MissingHolidayDataError } from '../../workers/lib/errors.js';
import type { CalendarConfig } from '../../workers/lib/calendar-config.js';
import { isDateOrInstant, officeDateOfDateOrInstant, parseInstant } from '../../workers/lib/instant.js';
import { isIsoDate } from '../../workers/lib/iso-date.js';
import { addWorkingDays, provisionalYearsBetween, workingDaysBetween } from '../../workers/lib/working-day-calendar.js';

export const DUE_SOON_WORKING_DAYS = 2;

const requestSchema = z.strictObject({
  now: z.string().refine(isDateOrInstant, '需要 ISO 8601 时间'),
  dates: z.array(z.string().refine(isDateOrInstant, '需要日期或 ISO 8601 时间')).max(1000),
});


export function workingDaysRouter(overrides: () => CalendarConfig): Router {
  const router = Router();
  router.post('/', express.json({ limit: '64kb' }), (req, res) => {
    const parsed = requestSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendProblem(res, 400, '请求有误', parsed.error.issues.map((issue) => issue.message).join('；'));
    res.json(dueInfo(parsed.data.now, parsed.data.dates, overrides()));
  });
  return router;
}

export function dueInfo(now: string, dates: readonly string[], overrides: CalendarConfig): WorkingDays {
  const nowMs = instantMs(now);
  const today = officeDateOfDateOrInstant(now);
  const dueSoonUntil = tryCalendar(() => endOfOfficeDay(addWorkingDays(today, DUE_SOON_WORKING_DAYS, overrides)));
  const results: Record<string, DueInfo> = {};
  for (const text of dates) {
    const date = officeDateOfDateOrInstant(text);
    const dueMs = isIsoDate(text) ? instantMs(endOfOfficeDay(text)) : instantMs(text);
    const remaining = tryCalendar(() => workingDaysBetween(today, date, overrides));
    const state: DueState =
      dueMs < nowMs ? 'overdue' : remaining !== null ? (remaining <= DUE_SOON_WORKING_DAYS ? 'dueSoon' : 'normal') : 'normal';
    const provisional = tryCalendar(() => provisionalYearsBetween(today, date, overrides).length > 0) ?? false;
    results[text] = { date, remainingWorkingDays: remaining, state, provisional };
  }
  return { today, dueSoonUntil, results };
}

// helpers

function instantMs(text: string): number {
  const instant = isIsoDate(text) ? new Date(`${text}T00:00:00+08:00`) : parseInstant(text);
  return instant?.getTime() ?? NaN;
}

/** A year without holiday data answers null instead of failing the whole list. */
function tryCalendar<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof MissingHolidayDataError) return null;
    throw error;
  }
}
