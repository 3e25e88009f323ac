/** Stops cleanly on SIGTERM/SIGINT: finish the current batch, close the store, exit 0. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[start] ${signal} received, stopping`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`[start] stop failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
