/** The audit log: an entry per user's operation on a case, kept as written. */
import { insert, type AppliersOf } from './applier.js';

export const AUDIT_LOG_APPLIERS: AppliersOf<'AUDIT_LOG'> = {
  RECORDED: insert((state) => state.auditLog),
};
