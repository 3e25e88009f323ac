/** Batch operations and their items. */
import { update, type AppliersOf } from './applier.js';

export const BATCH_OPERATION_APPLIERS: AppliersOf<'BATCH_OPERATION'> = {
  CREATED: (state, { items, ...operation }) => {
    state.batchOperations.insert(operation);
    for (const item of items) state.batchOperationItems.insert(item);
  },
  SUSPENDED: update((s) => s.batchOperations),
  RESUMED: update((s) => s.batchOperations),
  CANCELED: update((s) => s.batchOperations),
  COMPLETED: update((s) => s.batchOperations),
};

export const BATCH_OPERATION_ITEM_APPLIERS: AppliersOf<'BATCH_OPERATION_ITEM'> = {
  COMPLETED: update((s) => s.batchOperationItems),
  FAILED: update((s) => s.batchOperationItems),
  SKIPPED: update((s) => s.batchOperationItems),
  CANCELED: update((s) => s.batchOperationItems),
};
