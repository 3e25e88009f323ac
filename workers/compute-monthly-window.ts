/**
 * compute-monthly-window: the monthly handling window a step waits for (FC18/FC22 每月1-20日审核 and 每月20-30日递交
 * 医疗保险财务, FC16 月末与银行进行核对). From the moment the case reaches the step (`referenceAt`, pass the engine's
 * `=string(now())` so a pinned clock counts) it answers whether the office date lies in the window, and the window's
 * opening and closing instants for a timer catch event (`=…OpensAt`) and the task's due date.
 */
import { z } from 'zod';
import { endOfOfficeDay, startOfOfficeDay } from './lib/deadline-timestamps.js';
import { DATE_OR_INSTANT_MESSAGE, isDateOrInstant, officeDateOfDateOrInstant } from './lib/instant.js';
import { nextMonthlyWindow } from './lib/monthly-window.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

const input = z
  .object({
    referenceAt: z.string().refine(isDateOrInstant, DATE_OR_INSTANT_MESSAGE),
    /** First day of the window in each month, 1–31 (beyond the month's length: its last day). */
    windowFirstDay: z.number().int().min(1).max(31),
    /** Last day of the window, windowFirstDay–31 (beyond the month's length: its last day). */
    windowLastDay: z.number().int().min(1).max(31),
  })
  .refine((v) => v.windowLastDay >= v.windowFirstDay, { message: '窗口期末日不能早于窗口期首日', path: ['windowLastDay'] });

const output = z.object({
  /** Whether the reference date lies inside this month's window. */
  inWindow: z.boolean(),
  /** First office date the step may run (the reference date when inside the window). */
  windowStartDate: z.string(),
  windowEndDate: z.string(),
  /** 09:00 office time of windowStartDate: the timer of a step waiting for the window. */
  windowOpensAt: z.string(),
  /** 23:59:59 office time of windowEndDate. */
  windowClosesAt: z.string(),
});

export const computeMonthlyWindow = defineJobWorker({
  type: 'compute-monthly-window',
  descriptionZh: '计算每月办理期（如每月1-20日审核、20-30日递交财务、月末对账）：当前是否在期内及下一期的起止时间',
  descriptionEn: 'Computes a monthly handling window (e.g. review on days 1–20, hand-over on days 20–30, month end): inside or next opening',
  input,
  output,
  errors: {},
  handler({ referenceAt, windowFirstDay, windowLastDay }) {
    const date = officeDateOfDateOrInstant(referenceAt);
    const window = nextMonthlyWindow(date, { firstDay: windowFirstDay, lastDay: windowLastDay });
    return complete(output, {
      inWindow: window.inWindow,
      windowStartDate: window.startDate,
      windowEndDate: window.endDate,
      windowOpensAt: startOfOfficeDay(window.startDate),
      windowClosesAt: endOfOfficeDay(window.endDate),
    });
  },
});
