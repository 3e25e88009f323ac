/**
 * The last error handler of every web app's API (`<path>/api`, mount-web-apps.ts; an app's own handler, such as
 * the modeler's, passes on what it does not know): RFC 7807 answers in Chinese for a malformed or invalid body, and
 * a client that went away is not a server error. A client that resets or closes its connection while its body is
 * read (body-parser's `request aborted`; an `ECONNRESET` and the like only when this request's own connection is
 * gone: the same code from a connection this server opened, to /v2 say, is a server error), or before its
 * credentials are sent on to /v2 (its address gone, current-user.ts), is logged as one line without a stack
 * ({@link logClientGone}) and answered 400, to nobody. Anything else is a 500 with its stack in the log (never the
 * request's body: it may hold personal data).
 */
import type { ErrorRequestHandler, Request } from 'express';
import { ZodError } from 'zod';
import { ClientAddressUnknownError } from './current-user.js';
import { RequestBodyError } from './parse-body.js';
import { sendProblem } from './problem.js';

const ABORT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

export const apiProblems: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  const reason = clientAbortOf(error, req);
  if (reason !== undefined) {
    logClientGone(req, reason);
    return sendProblem(res, 400, '请求已中断', '客户端在请求处理完之前断开了连接');
  }
  if (error instanceof RequestBodyError) return sendProblem(res, 400, '请求内容有误', error.message);
  if (error instanceof ZodError) {
    return sendProblem(res, 400, '请求内容有误', error.issues.map((issue) => `${issue.path.join('.') || '(请求)'}：${issue.message}`).join('；'));
  }
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed') return sendProblem(res, 400, '请求内容有误', '请求不是有效的 JSON');
  if (type === 'entity.too.large') return sendProblem(res, 413, '内容过大', '请求内容超过了此接口的大小上限');
  if (typeof status === 'number' && status >= 400 && status < 500) return sendProblem(res, status, '请求无效', (error as Error).message);
  console.error(`[web] ${req.method} ${pathOf(req)}: ${(error as Error).stack ?? String(error)}`);
  // the message stays in the log: it may name a file or a row
  sendProblem(res, 500, '服务器处理出错', '服务器处理请求时出错，错误已记录，请稍后重试或联系管理员');
};

/** Why the request's client is gone, when that is what `error` says and the request's connection agrees; else undefined. */
function clientAbortOf(error: unknown, req: Request): string | undefined {
  if (error instanceof ClientAddressUnknownError) return 'client address gone';
  const { type, code } = error as { type?: unknown; code?: unknown };
  if (type === 'request.aborted') return 'request aborted';
  // not req.destroyed: a request whose body was read counts as destroyed while its client still waits for the answer
  const requestGone = req.socket.destroyed || req.readableAborted;
  if (typeof code === 'string' && ABORT_CODES.has(code) && requestGone) return code;
  return undefined;
}

/** The one line, without a stack, for a request whose client went away before it was handled. */
function logClientGone(req: Request, reason: string): void {
  console.warn(`[web] ${req.method} ${pathOf(req)}: 客户端已断开连接，请求未处理 (${reason})`);
}

function pathOf(req: Request): string {
  return req.originalUrl.split('?')[0] ?? req.originalUrl;
}
