/**
 * The shapes of batch operations and their items as Camunda 8.8 returns them (`/v2/batch-operations`,
 * `/v2/batch-operation-items/search`). The SDK 8.8 has no types for them; these are Camunda 8.8's fields.
 */
import type { BatchOperationItemState, BatchOperationState, BatchOperationType } from '../state/records.js';

/** One error of a batch operation per partition; this engine has one partition and reports item errors per item. */
interface BatchOperationError {
  partitionId: number;
  type: string;
  message: string;
}

/** A batch operation; one still running has no end date. */
export interface BatchOperationResult {
  batchOperationKey: string;
  state: BatchOperationState;
  batchOperationType: BatchOperationType;
  startDate: string;
  endDate?: string;
  operationsTotalCount: number;
  operationsFailedCount: number;
  operationsCompletedCount: number;
  errors: BatchOperationError[];
}

/** One item (a process instance, or an incident of it) of a batch operation; an open one has no processed date. */
export interface BatchOperationItemResult {
  operationType: BatchOperationType;
  batchOperationKey: string;
  itemKey: string;
  processInstanceKey: string;
  state: BatchOperationItemState;
  processedDate?: string;
  errorMessage?: string;
}

/** The answer of creating a batch operation (`POST /v2/process-instances/cancellation` and the like). */
export interface BatchOperationCreatedResult {
  batchOperationKey: string;
  batchOperationType: BatchOperationType;
}
