/**
 * Body parsers of the engine's routes, with the limits hostile input needs: at most 4 MB of JSON (Camunda's
 * default maximum message size, so a variables document over it is a 413), valid UTF-8 only (a broken byte
 * would otherwise be stored as U+FFFD, silently changing a name or an ID number), at most 1,000 levels of nesting
 * (deeper values overflow recursive code later: FEEL, JSON.stringify), and multipart errors (too large, too
 * many parts, a truncated form) answered as 413 / 400 instead of reaching the problem handler as unknown errors.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { isUtf8 } from 'node:buffer';
import multer from 'multer';
import { InvalidArgumentError, PayloadTooLargeError } from '../errors.js';

/** Camunda's default maximum message size. */
export const MAX_JSON_BODY = '4mb';
export const MAX_NESTING_DEPTH = 1_000;

/** `express.json` with the UTF-8 and nesting checks. */
export function jsonBody(options: { limit?: string; strict?: boolean } = {}): RequestHandler {
  return express.json({ limit: options.limit ?? MAX_JSON_BODY, strict: options.strict ?? false, verify: checkRawBody });
}

/** `express.urlencoded` (login form) with the UTF-8 check. */
export function formBody(options: { limit: string }): RequestHandler {
  return express.urlencoded({ extended: false, limit: options.limit, verify: checkRawBody });
}

/**
 * Runs a multer middleware and turns its failures into problems: a limit → 413 naming it, any other parsing
 * failure (truncated form, unexpected field, bad boundary) → 400. The bytes are the client's, never our fault.
 */
export function multipartBody(middleware: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void middleware(req, res, (error?: unknown) => {
      if (error === undefined || error === null) return next();
      next(multipartProblem(error));
    });
  };
}

// helpers

const MULTER_LIMITS: Record<string, string> = {
  LIMIT_FILE_SIZE: 'a file is larger than this endpoint accepts',
  LIMIT_FIELD_VALUE: 'a form field is too long',
  LIMIT_PART_COUNT: 'the form has too many parts',
  LIMIT_FILE_COUNT: 'the form has too many files',
  LIMIT_FIELD_COUNT: 'the form has too many fields',
  LIMIT_FIELD_KEY: 'a form field name is too long',
};

function multipartProblem(error: unknown): Error {
  if (error instanceof multer.MulterError) {
    const limit = MULTER_LIMITS[error.code];
    if (limit) return new PayloadTooLargeError(`multipart body refused: ${limit}`);
    return new InvalidArgumentError(`multipart body refused: ${error.message}${error.field ? ` (field '${error.field}')` : ''}`);
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) return error as Error;
  return new InvalidArgumentError(`the multipart body cannot be read: ${(error as Error).message ?? String(error)}`);
}

function checkRawBody(_req: unknown, _res: unknown, buffer: Buffer): void {
  if (!isUtf8(buffer)) throw withStatus(new Error('the body is not valid UTF-8'), 400);
  if (nestingDepthExceeds(buffer, MAX_NESTING_DEPTH)) {
    throw withStatus(new Error(`the body nests arrays and objects deeper than ${MAX_NESTING_DEPTH} levels`), 400);
  }
}

/** Scans JSON bytes for `[`/`{` depth outside strings; linear, no parse. */
export function nestingDepthExceeds(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > max) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return false;
}

function withStatus(error: Error, status: number): Error {
  return Object.assign(error, { status, statusCode: status, expose: true });
}
