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

/**
 * Four-eyes (四眼原则): the user completed the task this one must be done by someone else for (409, Chinese
 * message: the clerk reads it in the task list).
 */
export class FourEyesViolationError extends EngineError {
  readonly code = 'FOUR_EYES_VIOLATION';
  readonly status = 409;
  constructor(message: string, readonly username: string, readonly userTaskKey: number) {
    super('INVALID_STATE', message);
  }
}

/** No valid credentials: no login, a wrong password, an expired session (401). */
export class UnauthenticatedError extends EngineError {
  readonly code = 'UNAUTHENTICATED';
  readonly status = 401;
  constructor(message = '需要登录：请先登录（会话已过期或未提供用户名和密码）') {
    super('UNAUTHORIZED', message);
  }
}

/** Logged in, but not allowed to do this (403). */
export class ForbiddenError extends EngineError {
  readonly code = 'FORBIDDEN';
  readonly status = 403;
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/**
 * Too many failed logins for a user in a short time (429); `retryAfterSeconds` (at least 1) is when a new attempt may
 * be checked, sent as `Retry-After` (api/problem.ts).
 */
export class TooManyAttemptsError extends EngineError {
  readonly code = 'TOO_MANY_ATTEMPTS';
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('TOO_MANY_REQUESTS', message);
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

/** A body (JSON, a file, a form) over the endpoint's size limit (413). */
export class PayloadTooLargeError extends EngineError {
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly status = 413;
  constructor(message: string) {
    super('PAYLOAD_TOO_LARGE', message);
  }
}

/**
 * The disk is full (or the quota reached): the change was refused before anything of it was kept (507). Reads
 * keep working; writes work again once space is freed.
 */
export class InsufficientStorageError extends EngineError {
  readonly code = 'INSUFFICIENT_STORAGE';
  readonly status = 507;
  constructor(message = '磁盘空间不足，本次操作未保存，请联系管理员释放空间后重试 / the disk is full: nothing of this request was saved') {
    super('INSUFFICIENT_STORAGE', message);
  }
}

export class EngineStoppedError extends EngineError {
  readonly code = 'UNAVAILABLE';
  readonly status = 503;
  constructor() {
    super('UNAVAILABLE', 'The engine is shutting down');
  }
}

/**
 * The engine's store can no longer make a command durable (its writer thread stopped unasked): the command was not
 * run (503), and the engine ends as after a failed fsync so that a restart recovers from the file
 * (docs/reliability.md, "When the writer thread dies"). Worded for the clerk: the apps show a Chinese detail as it is.
 */
export class StoreFailedError extends EngineError {
  readonly code = 'UNAVAILABLE';
  readonly status = 503;
  constructor() {
    super('UNAVAILABLE', "引擎存储故障，本次操作未执行，请稍后重试 / the engine's store failed: nothing of this request was done; the engine stops until it is restarted");
  }
}

/**
 * The command ran, but the store failed while making it durable (the writer thread stopped with its batch in
 * flight): whether it is saved is unknown until the restart. 504, as Camunda's gateway answers a command that may
 * still have been done (the apps then check before anything is sent again), never 503, which tells them "not done".
 */
export class OutcomeUnknownError extends EngineError {
  readonly code = 'DEADLINE_EXCEEDED';
  readonly status = 504;
  constructor() {
    super(
      'DEADLINE_EXCEEDED',
      "引擎存储故障，本次操作是否已保存未知；请在服务重启后查看结果，再决定是否重做 / the engine's store failed while saving this request: whether it was saved is unknown until the restart",
    );
  }
}
