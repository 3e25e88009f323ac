/**
 * An expected failure while executing an element; the processor turns it into an incident. A class, so that no
 * value a model computes (a FEEL context with `errorType` and `message`) is ever mistaken for one.
 */
import type { IncidentErrorType } from '../../state/records.js';

export class Failure {
  constructor(
    readonly errorType: IncidentErrorType,
    readonly message: string,
  ) {}

  /** The same failure reported as another incident type (a FEEL error while mapping is an IO_MAPPING_ERROR). */
  as(errorType: IncidentErrorType): Failure {
    return new Failure(errorType, this.message);
  }
}

export function failure(errorType: IncidentErrorType, message: string): Failure {
  return new Failure(errorType, message);
}

export function isFailure(value: unknown): value is Failure {
  return value instanceof Failure;
}

/** What evaluating an expression gave: its value, or the failure that becomes an incident. Check `ok` first. */
export type Evaluation<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };
