/**
 * Runs and counts of the property-based (fast-check) tests: how many generated inputs each target received,
 * printed when a file's tests end, so a run shows how much it tried. `FUZZ_RUNS` scales every property
 * (default 1: the bounded size of `npm test`; `FUZZ_RUNS=10` for a longer hunt).
 */
import fc from 'fast-check';

const SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1) || 1);
const counts = new Map<string, number>();
const answers = new Map<string, number>();

/** The number of runs for a property whose bounded size is `base`. */
export function fuzzRuns(base: number): number {
  return Math.round(base * SCALE);
}

/** Counts one generated input for `target`. */
export function countInput(target: string): void {
  counts.set(target, (counts.get(target) ?? 0) + 1);
}

/** Asserts a property with the seed printed on failure (fast-check's default) and `fuzzRuns(base)` runs. */
export async function assertProperty<T>(property: fc.IAsyncProperty<T>, base: number): Promise<void> {
  await fc.assert(property, { numRuns: fuzzRuns(base) });
}

/** Counts an answer's status class (2xx, 400, 404, …), to show the inputs reached more than one check. */
export function countAnswer(status: number): void {
  const key = status < 300 ? '2xx' : String(status);
  answers.set(key, (answers.get(key) ?? 0) + 1);
}

export function printInputCounts(file: string): Record<string, number> {
  const figures = Object.fromEntries(counts);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`[fuzz] ${file}: ${total} generated inputs (${[...counts].map(([target, n]) => `${target} ${n}`).join(', ')})${answers.size ? `; answers ${[...answers].sort().map(([status, n]) => `${status} ×${n}`).join(', ')}` : ''}`);
  return figures;
}
