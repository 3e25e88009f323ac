/** An expected failure while executing an element; the processor turns it into an incident. */
import type { IncidentErrorType } from '../../state/records.js';

export interface Failure {
  readonly errorType: IncidentErrorType;
  readonly message: string;
}

export function failure(errorType: IncidentErrorType, message: string): Failure {
  return { errorType, message };
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && 'errorType' in value && 'message' in value;
}
