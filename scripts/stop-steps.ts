/**
 * A stop made of steps, run in order, each guarded: one that throws is logged (its step, kind and message, never the
 * error object, whose request could carry a person's data) and the next runs all the same, so a web app whose file
 * did not close does not leave the job workers, the engine and the sandbox running. Throws at the end if a step
 * failed, so stopOnSignals exits non-zero.
 */
export type StopStep = readonly [step: string, run: () => unknown];

export async function runStopSteps(name: string, steps: readonly StopStep[], log: (line: string) => void = (line) => console.error(line)): Promise<void> {
  const failed: string[] = [];
  for (const [step, run] of steps) {
    try {
      await run();
    } catch (error) {
      failed.push(step);
      const { name: kind, message } = error instanceof Error ? error : { name: typeof error, message: String(error) };
      log(`[${name}] stop step "${step}" failed (${kind}): ${message}`);
    }
  }
  if (failed.length > 0) throw new Error(`${failed.length} of ${steps.length} stop steps failed: ${failed.join(', ')}`);
}
