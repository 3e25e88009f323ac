/** Every job worker, one line each; the only list the runtime, the catalogue and the lint read. */
import { calculateMaternityAllowanceWorker } from './calculate-maternity-allowance.js';
import { calculateTopUpWorker } from './calculate-top-up.js';
import { compareTopUpWorker } from './compare-top-up.js';
import { computeDeadline } from './compute-deadline.js';
import type { AnyJobWorker } from './runtime/job-worker-definition.js';
import { validateIdentity } from './validate-identity.js';

export const JOB_WORKERS: readonly AnyJobWorker[] = [
  computeDeadline,
  calculateTopUpWorker,
  compareTopUpWorker,
  validateIdentity,
  calculateMaternityAllowanceWorker,
];
