/**
 * What `npm start` and `npm run workers` check before anything else: every `config/` file the job workers compute
 * with is read and validated (workers/runtime/worker-parameters.ts). A broken one stops the start here with the
 * file and the field named, instead of putting the first case that needs it into an incident; from October on a
 * missing next-year holiday notice is announced (holiday-schedule-status.ts).
 */
import type { WorkerParameters } from '../workers/runtime/worker-parameters.js';
import { loadWorkerParameters } from '../workers/runtime/worker-parameters.js';
import { holidayScheduleStatus, type HolidayScheduleStatus } from './holiday-schedule-status.js';

export function workerParametersAtStart(prefix: string): { parameters: WorkerParameters; holidays: HolidayScheduleStatus } {
  try {
    const parameters = loadWorkerParameters();
    return { parameters, holidays: holidayScheduleStatus(new Date(), parameters.calendar) };
  } catch (error) {
    console.error(`${prefix} ${(error as Error).message}`);
    process.exit(1);
  }
}
