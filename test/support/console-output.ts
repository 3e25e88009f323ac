/**
 * What the code running in this test process (the in-process engine, the workers) prints through `console`,
 * recorded while still printed: for tests that check what never reaches a log.
 */
import { format } from 'node:util';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

export interface ConsoleOutput {
  /** Everything printed since the recording started, one entry per call. */
  readonly lines: readonly string[];
  stop(): void;
}

export function recordConsoleOutput(): ConsoleOutput {
  const lines: string[] = [];
  const originals = METHODS.map((method) => [method, console[method]] as const);
  for (const [method, original] of originals) {
    console[method] = (...args: unknown[]) => {
      lines.push(format(...args));
      original.apply(console, args);
    };
  }
  return {
    lines,
    stop() {
      for (const [method, original] of originals) console[method] = original;
    },
  };
}
