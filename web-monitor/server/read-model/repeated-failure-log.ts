import { maskPersonalValuesIn } from '../../../web-shared/src/masking/personal-values-in-text.js';

/**
 * A failure of the read model's feeder that comes back every pass (about once a second: the cluster unreachable, the
 * file full) logged like an outage, not once a pass: the first failure, then only a different error, and one line
 * when it works again (恢复) with how many passes failed. Used for every per-pass failure of the feeder
 * (read-model-feeder.ts, open-task-sweep.ts, outcome-stream.ts).
 *
 * The lines carry the error's message only. What fails there is a /v2 search (the SDK's message: status, and the
 * cluster's problem detail about a request that holds keys, dates, states and variable names, never a variable's
 * value), SQLite (table and column names, never a row's values) or a date of the cluster's rows that does not parse:
 * no ID number, name or diagnosis. As a safety net, whatever has the shape of a mainland ID number is masked all the
 * same ({@link logged}), as the pages mask such text. The managers' freshness line shows none of it (texts.ts).
 */
export class RepeatedFailureLog {
  /** While it fails: the error it failed with last, and in how many passes in a row. */
  private failing: { message: string; passes: number } | undefined;

  /**
   * `failed`: what failed, before the error's message (`[monitor] ${failed}: ${message}`); `recovered`: what works
   * again (`[monitor] ${recovered} (恢复) after n …`); `passes`: what the n passes are called, one and more (a pass
   * whose lookups failed succeeded itself: `['pass with failed lookups', 'passes with failed lookups']`).
   */
  constructor(
    private readonly log: ((line: string) => void) | undefined,
    private readonly lines: { failed: string; recovered: string; passes: readonly [one: string, more: string] },
  ) {}

  /** A pass failed with `error`: logged unless the last pass failed with the same message. */
  failed(error: unknown): void {
    const message = logged(error);
    if (this.failing?.message !== message) this.log?.(`[monitor] ${this.lines.failed}: ${message}`);
    this.failing = { message, passes: (this.failing?.passes ?? 0) + 1 };
  }

  /** A pass worked: logged once if passes failed before it. */
  succeeded(): void {
    if (this.failing) {
      const { passes } = this.failing;
      this.log?.(`[monitor] ${this.lines.recovered} (恢复) after ${passes} ${this.lines.passes[passes === 1 ? 0 : 1]}`);
    }
    this.failing = undefined;
  }

  /**
   * The end of a pass's lookups (by key, each of which may fail alone): failed if one did (`failure`), worked if
   * there were some (`tried`). A pass with nothing to look up ends an outage without a line: what failed is no longer
   * asked for (it ended another way, a stream showed it), so whether lookups work again is not known — and a later
   * failure, even with the same message, is a new outage, logged, its passes counted from one.
   */
  endOfPass(failure: { error: unknown } | undefined, tried: boolean): void {
    if (failure) this.failed(failure.error);
    else if (tried) this.succeeded();
    else this.failing = undefined;
  }
}

/**
 * An error's message as a log line carries it: an ID number's shape masked (the messages hold none: see above — a
 * cluster's problem detail quoting a value it refused would be the first).
 */
export function logged(error: unknown): string {
  return maskPersonalValuesIn(error instanceof Error ? error.message : String(error), []);
}
