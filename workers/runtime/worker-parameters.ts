/**
 * Every file under `config/` the job workers compute with, read and validated once when the workers start:
 * the holiday year files and local closures (the working-day calendar), the 补缴, 生育 and 个人账户返还 figures,
 * the 一次性告知, 不予受理告知 and 不予办理（变更、认定、备案）告知 settings and the notice settings. A typo stops `npm start` / `npm run workers` with a
 * ConfigFileError (workers/lib/errors.ts) naming the file and the field, instead of failing the first case that
 * needs the file.
 * Handlers read them from their job context (`job.parameters`); a changed file takes effect when the workers are
 * started again (README 「节假日安排」).
 */
import { loadAccountRefundParameters, type AccountRefundParameters } from '../lib/account-refund-parameters.js';
import { loadCalendarConfig, type CalendarConfig } from '../lib/calendar-config.js';
import { loadDecisionNoticeParameters, type DecisionNoticeParameters } from '../lib/decision-notice-parameters.js';
import type { HolidaySchedule } from '../lib/holiday-schedule.js';
import { loadMaternityParameters, type MaternityParameters } from '../lib/maternity-parameters.js';
import { loadMissingMaterialsParameters, type MissingMaterialsParameters } from '../lib/missing-materials-parameters.js';
import { loadNoticeSettings, type NoticeSettings } from '../lib/notices/notice-settings.js';
import { loadRefusalNoticeParameters, type RefusalNoticeParameters } from '../lib/refusal-notice-parameters.js';
import { loadTopUpParameters, type TopUpParameters } from '../lib/top-up-parameters.js';

export interface WorkerParameters {
  /** `config/holiday-schedules/` (or `HOLIDAY_SCHEDULE_DIR`) and `config/holiday-overrides.json`. */
  readonly calendar: CalendarConfig & { readonly schedule: HolidaySchedule };
  readonly topUp: TopUpParameters;
  readonly maternity: MaternityParameters;
  readonly accountRefund: AccountRefundParameters;
  readonly missingMaterials: MissingMaterialsParameters;
  readonly refusalNotice: RefusalNoticeParameters;
  readonly decisionNotice: DecisionNoticeParameters;
  readonly notices: NoticeSettings;
}

/** Reads and validates every file; throws the first ConfigFileError. */
export function loadWorkerParameters(): WorkerParameters {
  return {
    calendar: loadCalendarConfig(),
    topUp: loadTopUpParameters(),
    maternity: loadMaternityParameters(),
    accountRefund: loadAccountRefundParameters(),
    missingMaterials: loadMissingMaterialsParameters(),
    refusalNotice: loadRefusalNoticeParameters(),
    decisionNotice: loadDecisionNoticeParameters(),
    notices: loadNoticeSettings(),
  };
}
