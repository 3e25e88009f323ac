/**
 * Maps every error to an RFC 7807 problem response (`application/problem+json`). Unknown errors are logged
 * without request bodies (they may hold personal data) and answered as 500. A full disk (SQLite's SQLITE_FULL,
 * ENOSPC, EDQUOT) is a 507 with `Retry-After`: the command's transaction rolled back, nothing of it was kept. A
 * login throttle's 429 carries `Retry-After` too: the seconds until the lock-out ends.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { z } from 'zod';
import { EngineError, InsufficientStorageError, TooManyAttemptsError } from '../errors.js';
import { InvalidSearchError } from '../engine.js';

export interface ProblemDetail {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
}

export function sendProblem(res: Response, status: number, title: string, detail: string, instance: string): void {
  const body: ProblemDetail = { type: 'about:blank', title, status, detail, instance };
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const instance = req.originalUrl.split('?')[0] ?? req.originalUrl;
  if (error instanceof z.ZodError) {
    const detail = error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return sendProblem(res, 400, 'INVALID_ARGUMENT', detail, instance);
  }
  if (error instanceof InvalidSearchError) return sendProblem(res, 400, 'INVALID_ARGUMENT', error.message, instance);
  if (isDiskFull(error)) {
    console.error(`[engine] disk full on ${req.method} ${instance}: the request was refused, nothing of it was saved`);
    res.setHeader('Retry-After', '60');
    const full = new InsufficientStorageError();
    return sendProblem(res, full.status, full.title, full.message, instance);
  }
  if (error instanceof TooManyAttemptsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  if (error instanceof EngineError) return sendProblem(res, error.status, error.title, error.message, instance);
  const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // body-parser and multer errors: malformed JSON, too large, bad multipart
    return sendProblem(res, status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_ARGUMENT', (error as Error).message, instance);
  }
  console.error(`[engine] unexpected error on ${req.method} ${instance}: ${(error as Error).stack ?? String(error)}`);
  return sendProblem(res, 500, 'INTERNAL_ERROR', 'the engine failed to process the request; the error was logged', instance);
};

/** SQLite's "database or disk is full" or the file system's ENOSPC / EDQUOT, however deep the cause. */
export function isDiskFull(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    if (cause instanceof InsufficientStorageError) return true;
    const code = (cause as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return true;
  }
  return false;
}
