/**
 * A plausible 2027 State Council holiday notice for tests (the real one is not published when these tests were
 * written): 元旦 01-01..01-03, 春节 02-05..02-11, make-up working days Saturday 01-30 and Saturday 02-20.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OfficialHolidayYear } from '../../workers/lib/official-holiday-years.js';

export const SAMPLE_2027: OfficialHolidayYear = {
  year: 2027,
  notice: '国务院办公厅关于2027年部分节假日安排的通知（测试样例）',
  publishedOn: '2026-11-05',
  enteredBy: '测试',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-11' },
  ],
  makeUpWorkingDays: ['2027-01-30', '2027-02-20'],
};

/** A fresh directory holding the given year files (name → content; objects are written as JSON). */
export function holidayScheduleDirectory(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'holiday-schedules-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}
