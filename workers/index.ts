/** Every job worker, one line each; the only list the runtime, the catalogue and the lint read. */
import { calculateAccountRefundWorker } from './calculate-account-refund.js';
import { calculateMaternityAllowanceWorker } from './calculate-maternity-allowance.js';
import { calculateTopUpWorker } from './calculate-top-up.js';
import { checkMonthsPeriod } from './check-months-period.js';
import { compareTopUpWorker } from './compare-top-up.js';
import { computeDeadline } from './compute-deadline.js';
import { computeMonthlyWindow } from './compute-monthly-window.js';
import { extendDeadlineWorker } from './extend-deadline.js';
import { generateAccountRefundNoticeWorker } from './generate-account-refund-notice.js';
import { generateDecisionNoticeWorker } from './generate-decision-notice.js';
import { generateEnrolmentCertificateWorker } from './generate-enrolment-certificate.js';
import { generateInsuranceInfoSheetWorker } from './generate-insurance-info-sheet.js';
import { generateMaternityBenefitFormWorker } from './generate-maternity-benefit-form.js';
import { generateMissingMaterialsNoticeWorker } from './generate-missing-materials-notice.js';
import { generateRefusalNoticeWorker } from './generate-refusal-notice.js';
import { generateSettlementStatementWorker } from './generate-settlement-statement.js';
import { generateTopUpNoticeWorker } from './generate-top-up-notice.js';
import { generateTransferContactLetterWorker } from './generate-transfer-contact-letter.js';
import type { AnyJobWorker } from './runtime/job-worker-definition.js';
import { sendDeadlineReminderWorker } from './send-deadline-reminder.js';
import { validateIdentity } from './validate-identity.js';

/**
 * The notice workers (workers/lib/notices/): they draw the office's notice numbers and store documents, so the
 * modeler's Play sandbox does not run them.
 */
export const NOTICE_JOB_WORKERS: readonly AnyJobWorker[] = [
  generateTopUpNoticeWorker,
  generateAccountRefundNoticeWorker,
  generateEnrolmentCertificateWorker,
  generateTransferContactLetterWorker,
  generateInsuranceInfoSheetWorker,
  generateMaternityBenefitFormWorker,
  generateSettlementStatementWorker,
  generateMissingMaterialsNoticeWorker,
  generateRefusalNoticeWorker,
  generateDecisionNoticeWorker,
];

export const JOB_WORKERS: readonly AnyJobWorker[] = [
  computeDeadline,
  computeMonthlyWindow,
  checkMonthsPeriod,
  extendDeadlineWorker,
  sendDeadlineReminderWorker,
  calculateTopUpWorker,
  compareTopUpWorker,
  validateIdentity,
  calculateMaternityAllowanceWorker,
  calculateAccountRefundWorker,
  ...NOTICE_JOB_WORKERS,
];
