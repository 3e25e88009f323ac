/**
 * The workers that take a date or date-time say what they accept: zone-less values pass (read as Beijing time,
 * workers/lib/instant.ts), so a refusal must not ask for 带时区的时间 (it did, after zone-less values began to pass).
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { calculateMaternityAllowanceWorker } from '../../workers/calculate-maternity-allowance.js';
import { checkMonthsPeriod } from '../../workers/check-months-period.js';
import { computeDeadline } from '../../workers/compute-deadline.js';
import { computeMonthlyWindow } from '../../workers/compute-monthly-window.js';
import { DATE_OR_INSTANT_MESSAGE, INSTANT_MESSAGE } from '../../workers/lib/instant.js';
import { sendDeadlineReminderWorker } from '../../workers/send-deadline-reminder.js';
import type { AnyJobWorker } from '../../workers/runtime/job-worker-definition.js';

const fields: [string, AnyJobWorker, string, string][] = [
  ['compute-deadline', computeDeadline, 'acceptedAt', DATE_OR_INSTANT_MESSAGE],
  ['check-months-period', checkMonthsPeriod, 'referenceAt', DATE_OR_INSTANT_MESSAGE],
  ['compute-monthly-window', computeMonthlyWindow, 'referenceAt', DATE_OR_INSTANT_MESSAGE],
  ['calculate-maternity-allowance', calculateMaternityAllowanceWorker, 'referenceAt', DATE_OR_INSTANT_MESSAGE],
  ['send-deadline-reminder', sendDeadlineReminderWorker, 'dueDate', DATE_OR_INSTANT_MESSAGE],
  ['send-deadline-reminder', sendDeadlineReminderWorker, 'referenceAt', INSTANT_MESSAGE],
];

function messagesAt(worker: AnyJobWorker, field: string, value: string): string[] {
  const result = (worker.input as z.ZodObject).safeParse({ [field]: value });
  return result.success ? [] : result.error.issues.filter((issue) => issue.path[0] === field).map((issue) => issue.message);
}

describe('date-time validation messages', () => {
  it.each(fields)('%s should refuse %s 2026-03-02T09:00:00+0800 with a message that allows zone-less times', (_, worker, field, message) => {
    expect(messagesAt(worker, field, '2026-03-02T09:00:00+0800')).toEqual([message]);
    expect(message).toContain('不带时区的按北京时间');
    expect(message).not.toContain('带时区的时间');
  });

  it.each(fields)('%s should accept a zone-less %s', (_, worker, field) => {
    expect(messagesAt(worker, field, '2026-03-02T09:00:00')).toEqual([]);
  });
});
