/** The modeler's own routes: errors of the project store as RFC 7807 problems with Chinese texts. */
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { sendProblem } from '../../web-shared/server/problem.js';
import { ProjectPathError } from './project-files.js';
import { RevisionConflictError } from './project-store.js';

export class ModelerRequestError extends Error {
  readonly code = 'MODELER_REQUEST_INVALID';
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

export function modelerProblems(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  if (error instanceof ProjectPathError) return sendProblem(res, 400, '文件路径无效', error.message);
  if (error instanceof RevisionConflictError) {
    res.status(409).type('application/problem+json').json({
      type: 'about:blank',
      title: '文件已被修改',
      status: 409,
      detail: error.message,
      currentRevision: error.currentRevision,
    });
    return;
  }
  if (error instanceof ModelerRequestError) return sendProblem(res, error.status, error.title, error.message);
  if (error instanceof ZodError) {
    return sendProblem(res, 400, '请求内容有误', error.issues.map((issue) => `${issue.path.join('.') || '(请求)'}：${issue.message}`).join('；'));
  }
  if (error instanceof SyntaxError) return sendProblem(res, 400, '请求内容有误', '请求不是有效的 JSON');
  if ((error as { type?: string }).type === 'entity.too.large') return sendProblem(res, 413, '内容过大', '文件超过 10 MB，无法保存');
  console.error(`[modeler] ${(error as Error).stack ?? String(error)}`);
  sendProblem(res, 500, '服务器处理出错', `流程建模服务出错：${(error as Error).message}`);
}
