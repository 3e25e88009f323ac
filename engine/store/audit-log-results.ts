/**
 * An audit log entry as `POST /v2/audit-logs/search` returns it. Camunda 8.8 has no audit log and the SDK 8.8 no
 * type for it; these are Camunda 8.9's AuditLogResult fields, absent values answered as null as 8.9 does, plus
 * this engine's `variableValue` (the value a variable operation set, as JSON text).
 */
import type { AuditLogRecord } from '../state/records.js';

export interface AuditLogResult {
  auditLogKey: string;
  entityKey: string | null;
  entityType: AuditLogRecord['entityType'];
  operationType: AuditLogRecord['operationType'];
  batchOperationKey: string | null;
  batchOperationType: string | null;
  timestamp: string;
  actorId: string | null;
  actorType: AuditLogRecord['actorType'];
  tenantId: string;
  result: AuditLogRecord['result'];
  /** 8.9's note on an operation; this engine takes none. */
  annotation: null;
  category: AuditLogRecord['category'];
  processDefinitionId: string | null;
  processDefinitionKey: string | null;
  processInstanceKey: string | null;
  elementInstanceKey: string | null;
  jobKey: string | null;
  userTaskKey: string | null;
  entityDescription: string | null;
  variableValue: string | null;
}
