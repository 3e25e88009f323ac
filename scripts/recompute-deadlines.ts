/**
 * `npm run recompute-deadlines -- --by <name> [--dry-run]`: after the office has entered a year's holiday notice
 * (config/holiday-schedules/<year>.json), recomputes the deadlines of the open cases that were computed on the
 * provisional schedule, records each change in the case and prints one JSON line per case
 * (scripts/deadlines/recompute-open-deadlines.ts). Talks to the cluster the SDK's variables name
 * (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, …), as `npm run workers` does.
 */
import { Camunda8 } from '@camunda8/sdk';
import { parseArgs } from 'node:util';
import { loadCalendarConfig } from '../workers/lib/calendar-config.js';
import { recomputeOpenDeadlines } from './deadlines/recompute-open-deadlines.js';

const { values } = parseArgs({ options: { by: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
if (!values.by || values.by.trim() === '') {
  console.error('[recompute-deadlines] 请用 --by <姓名或用户名> 说明由谁重新计算（记入每个案件的 deadlineChanges）');
  process.exit(2);
}
let calendar;
try {
  calendar = loadCalendarConfig();
} catch (error) {
  console.error(`[recompute-deadlines] ${(error as Error).message}`);
  process.exit(1);
}
const camunda = new Camunda8({ CAMUNDA_LOG_LEVEL: process.env.CAMUNDA_LOG_LEVEL ?? 'warn' } as never);
try {
  const results = await recomputeOpenDeadlines(camunda.getCamundaRestClient(), {
    changedBy: values.by.trim(),
    calendar,
    dryRun: values['dry-run'],
    log: (record) => console.log(JSON.stringify(record)),
  });
  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  console.log(
    `[recompute-deadlines] ${values['dry-run'] ? '（试运行，未写入）' : ''}` +
      `${results.length} 个暂定时限的案件：${count('changed')} 个改动，${count('confirmed')} 个日期不变，` +
      `${count('stillProvisional')} 个仍为暂定（该年份尚未录入），${count('failed')} 个失败`,
  );
  if (count('failed') > 0) process.exitCode = 1;
} finally {
  await camunda.closeAllClients();
}
