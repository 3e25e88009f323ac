/** For the benchmark's child servers: stop cleanly on SIGTERM/SIGINT or when the parent closes our stdin. */
export function onParentGone(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`[bench child] stop failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  process.stdin.on('end', handler);
  process.stdin.on('error', handler);
  process.stdin.resume();
}
