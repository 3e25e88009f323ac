/** The one method of the engine's store (engine/store/engine-store.ts) `countBatches` wraps: no import of engine/store/. */
export interface BatchingStore {
  batchTransaction<T>(work: () => T): T;
}

/**
 * Counts the command-queue batches of the engine's `store` from now on, by wrapping its `batchTransaction` (the
 * `Engine` keeps its store private, the drivers reach it): the count so far, read with the function returned. The
 * wrapper costs the same on every version being compared.
 */
export function countBatches(store: BatchingStore): () => number {
  let batches = 0;
  const batchTransaction = store.batchTransaction.bind(store);
  store.batchTransaction = <T>(work: () => T): T => {
    batches++;
    return batchTransaction(work);
  };
  return () => batches;
}
