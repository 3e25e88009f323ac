/**
 * Body parsers of the engine's routes, with the limits hostile input needs: at most 4 MB of JSON (Camunda's
 * default maximum message size, so a variables document over it is a 413), valid UTF-8 only (a broken byte
 * would otherwise be stored as U+FFFD, silently changing a name or an ID number), at most 1,000 levels of nesting
 * (deeper values overflow recursive code later: FEEL, JSON.stringify), no integer beyond ±(2^53 − 1) (JavaScript
 * numbers are doubles: `JSON.parse` would keep 6222021234567890123 as …890000 without a word — Zeebe keeps 64-bit
 * integers exactly, this engine cannot, so it refuses them; the same digits as a string are kept),
 * and multipart errors (too large, too many parts, a truncated form) answered as 413 / 400 instead of reaching
 * the problem handler as unknown errors.
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
  return express.json({ limit: options.limit ?? MAX_JSON_BODY, strict: options.strict ?? false, verify: checkJsonBody });
}

/** `express.urlencoded` (login form) with the UTF-8 check. */
export function formBody(options: { limit: string }): RequestHandler {
  return express.urlencoded({ extended: false, limit: options.limit, verify: checkUtf8 });
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

function checkUtf8(_req: unknown, _res: unknown, buffer: Buffer): void {
  if (!isUtf8(buffer)) throw withStatus(new Error('the body is not valid UTF-8'), 400);
}

function checkJsonBody(req: unknown, res: unknown, buffer: Buffer): void {
  checkUtf8(req, res, buffer);
  const problem = jsonProblem(buffer);
  if (problem) throw withStatus(new Error(problem), 400);
}

/**
 * JSON text that arrives inside another body (a multipart part: a document's metadata), parsed with the checks a
 * JSON body gets; `part` names it in the 400.
 */
export function parseCheckedJson(text: string, part: string): unknown {
  const problem = jsonProblem(Buffer.from(text, 'utf8'));
  if (problem) throw new InvalidArgumentError(`the multipart part '${part}': ${problem}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidArgumentError(`the multipart part '${part}' is not JSON`);
  }
}

function jsonProblem(bytes: Uint8Array): string | undefined {
  const found = scanJson(bytes, MAX_NESTING_DEPTH);
  if (found === undefined) return undefined;
  if (found === 'too-deep') return `the body nests arrays and objects deeper than ${MAX_NESTING_DEPTH} levels`;
  const { unsafeNumber: literal } = found;
  // a 4 MB literal would otherwise be echoed whole
  const shown = literal.length > MAX_SHOWN_CHARACTERS ? `${literal.slice(0, MAX_SHOWN_CHARACTERS)}… (${countDigits(literal)} digits)` : literal;
  const value = Number(literal);
  if (!Number.isFinite(value)) return `the number ${shown} is beyond the range of a double (it would become null); send it as a string`;
  return `the number ${shown} is an integer beyond ±${Number.MAX_SAFE_INTEGER} (2^53 − 1): this engine holds numbers as doubles (it would keep ${JSON.stringify(value)}) and clients that read integers exactly (the Camunda SDK) refuse such a value; send it as a string`;
}

const MAX_SHOWN_CHARACTERS = 24;

/** The digits before any exponent: what 「共 N 位」 tells a clerk. */
function countDigits(literal: string): number {
  let digits = 0;
  for (let k = 0; k < literal.length; k++) {
    const code = literal.charCodeAt(k);
    if (code === 0x65 || code === 0x45) break;
    if (isDigit(code)) digits++;
  }
  return digits;
}
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);
/** JSON.stringify writes integers below it with all their digits, which a safe-integer check then refuses. */
const PLAIN_DIGITS_BELOW = 1e21;

/**
 * Scans JSON bytes outside strings, linear and without a parse: `too-deep` when `[`/`{` nest deeper than `maxDepth`,
 * the first number this engine would not keep as sent, or undefined. Refused: an integer beyond
 * ±{@link Number.MAX_SAFE_INTEGER} written as digits (a double rounds most of them; the few it holds, such as 2^53,
 * a client reading them back with a safe-integer check, as the SDK's lossless parser does, refuses); a number with a
 * fraction or an exponent whose value is such an integer below 1e21 (9007199254740993.0, 1e16: written back as its
 * digits); a number beyond a double's range (1e400: written back as null). Other fractions and exponents are doubles
 * on Camunda too and are left alone. Compared on the bytes: no allocation for the literals that pass but those with
 * an exponent or 16 digits before the point.
 */
export function scanJson(bytes: Uint8Array, maxDepth: number): 'too-deep' | { unsafeNumber: string } | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > maxDepth) return 'too-deep';
    } else if (byte === 0x5d || byte === 0x7d) depth--;
    else if (byte === 0x2d || isDigit(byte)) {
      const start = i;
      const firstDigit = byte === 0x2d ? start + 1 : start;
      let integerEnd = -1;
      let exponent = false;
      while (i + 1 < bytes.length && isNumberByte(bytes[i + 1]!)) {
        i++;
        const next = bytes[i]!;
        if (integerEnd < 0 && !isDigit(next)) integerEnd = i;
        if (next === 0x65 || next === 0x45) exponent = true;
      }
      const end = i + 1;
      const plain = integerEnd < 0;
      const integerDigits = (plain ? end : integerEnd) - firstDigit;
      // JSON has no leading zeros: such a literal is left to the parser's syntax error
      if (integerDigits > 1 && bytes[firstDigit] === 0x30) continue;
      if (plain ? beyondSafe(bytes, firstDigit, end) : (exponent || integerDigits >= MAX_SAFE_DIGITS.length) && changedAsDouble(bytes, start, end)) {
        return { unsafeNumber: latin1(bytes, start, end) };
      }
    }
  }
  return undefined;
}

/** A fraction or exponent literal whose double is beyond a double's range, or an integer JSON.stringify writes as unsafe digits. */
function changedAsDouble(bytes: Uint8Array, start: number, end: number): boolean {
  const value = Number(latin1(bytes, start, end));
  if (Number.isNaN(value)) return false; // not a number at all: the parser says so
  if (!Number.isFinite(value)) return true;
  return Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < PLAIN_DIGITS_BELOW;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** The digits bytes[from, to) (JSON allows no leading zeros) name a number beyond 9007199254740991. */
function beyondSafe(bytes: Uint8Array, from: number, to: number): boolean {
  const length = to - from;
  if (length !== MAX_SAFE_DIGITS.length) return length > MAX_SAFE_DIGITS.length;
  for (let k = 0; k < length; k++) {
    const difference = bytes[from + k]! - MAX_SAFE_DIGITS.charCodeAt(k);
    if (difference !== 0) return difference > 0;
  }
  return false;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** Digits, sign, fraction point and exponent: the bytes a JSON number is made of. */
function isNumberByte(byte: number): boolean {
  return isDigit(byte) || byte === 0x2e || byte === 0x65 || byte === 0x45 || byte === 0x2b || byte === 0x2d;
}

function withStatus(error: Error, status: number): Error {
  return Object.assign(error, { status, statusCode: status, expose: true });
}
