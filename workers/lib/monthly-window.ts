/**
 * Monthly handling windows (每月办理期) of the maternity flowcharts (流程图 FC18 L966–984, FC22 L1089–1101):
 * the office reviews applications on the 1st–20th of each month (每月1-20日审核) and hands the approved ones to
 * finance on the 20th–30th (每月20-30日递交医疗保险财务); FC16 reconciles with the bank at month end (月末).
 *
 * A window is a range of days of the month, `firstDay`–`lastDay`; a day beyond the month's length means the
 * month's last day (20–30 in February is 20–28, "31–31" is 月末). Given the office date a case reaches a step,
 * {@link nextMonthlyWindow} answers whether that date lies in the window and, if not, the next window to wait for.
 *
 * Pure calendar arithmetic on purpose: a window that opens on a rest day (元旦, 劳动节 …) opens that day, and the
 * task the timer creates waits in the task list until the office opens; no holiday data is needed, so a window in
 * a year without a published schedule still works.
 */
import { InvalidInputError } from './errors.js';
import { Temporal } from 'temporal-polyfill';
import { parseIsoDate, type IsoDate } from './iso-date.js';

export interface MonthlyWindowSpec {
  /** First day of the window, 1–31 (clamped to the month's last day). */
  readonly firstDay: number;
  /** Last day of the window, firstDay–31 (clamped to the month's last day). */
  readonly lastDay: number;
}

export interface MonthlyWindow {
  /** Whether `date` itself lies inside the window of its month. */
  readonly inWindow: boolean;
  /** First day the step may run: `date` when inside the window, else the first day of the next window. */
  readonly startDate: IsoDate;
  /** Last day of that window. */
  readonly endDate: IsoDate;
}

export function nextMonthlyWindow(date: IsoDate, spec: MonthlyWindowSpec): MonthlyWindow {
  checkSpec(spec);
  const day = parseIsoDate(date);
  const current = windowOf(day.toPlainYearMonth(), spec);
  if (Temporal.PlainDate.compare(day, current.first) >= 0 && Temporal.PlainDate.compare(day, current.last) <= 0) {
    return { inWindow: true, startDate: date, endDate: current.last.toString() };
  }
  const window = Temporal.PlainDate.compare(day, current.first) < 0 ? current : windowOf(day.toPlainYearMonth().add({ months: 1 }), spec);
  return { inWindow: false, startDate: window.first.toString(), endDate: window.last.toString() };
}

// helpers

/** The window's days in `month`; a day beyond the month's length is its last day (`overflow: 'constrain'`). */
function windowOf(month: Temporal.PlainYearMonth, spec: MonthlyWindowSpec): { first: Temporal.PlainDate; last: Temporal.PlainDate } {
  return { first: month.toPlainDate({ day: spec.firstDay }), last: month.toPlainDate({ day: spec.lastDay }) };
}

function checkSpec({ firstDay, lastDay }: MonthlyWindowSpec): void {
  if (!Number.isInteger(firstDay) || firstDay < 1 || firstDay > 31) throw new InvalidInputError('firstDay', 'must be a whole number 1–31');
  if (!Number.isInteger(lastDay) || lastDay < firstDay || lastDay > 31) {
    throw new InvalidInputError('lastDay', 'must be a whole number from firstDay to 31');
  }
}
