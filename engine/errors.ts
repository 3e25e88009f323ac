/**
 * Named engine errors with stable codes. `api/problem.ts` maps them to RFC 7807 responses; the HTTP status
 * lives here so that every caller of the facade sees the same classification.
 */
export abstract class EngineError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  readonly title: string;

  constructor(title: string, message: string) {
    super(message);
    this.title = title;
    this.name = new.target.name;
  }
}

export class NotFoundError extends EngineError {
  readonly code = 'NOT_FOUND';
  readonly status = 404;
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class InvalidArgumentError extends EngineError {
  readonly code = 'INVALID_ARGUMENT';
  readonly status = 400;
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

/** The command does not fit the current state of its target (Camunda answers 409). */
export class InvalidStateError extends EngineError {
  readonly code = 'INVALID_STATE';
  readonly status = 409;
  constructor(message: string) {
    super('INVALID_STATE', message);
  }
}

/** A resource with the client-chosen id exists already (Camunda's ALREADY_EXISTS, 409). */
export class AlreadyExistsError extends EngineError {
  readonly code = 'ALREADY_EXISTS';
  readonly status = 409;
  constructor(message: string) {
    super('ALREADY_EXISTS', message);
  }
}

export class DeploymentRejectedError extends EngineError {
  readonly code = 'INVALID_DEPLOYMENT';
  readonly status = 400;
  constructor(message: string, readonly resourceName?: string, readonly elementId?: string) {
    super('INVALID_ARGUMENT', message);
  }
}

export class RequestTimeoutError extends EngineError {
  readonly code = 'DEADLINE_EXCEEDED';
  readonly status = 504;
  constructor(message: string) {
    super('DEADLINE_EXCEEDED', message);
  }
}

export class EngineStoppedError extends EngineError {
  readonly code = 'UNAVAILABLE';
  readonly status = 503;
  constructor() {
    super('UNAVAILABLE', 'The engine is shutting down');
  }
}
