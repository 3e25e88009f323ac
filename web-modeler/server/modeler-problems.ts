/**
 * The modeler's own routes: errors of the project store as RFC 7807 problems with Chinese texts; the others go on
 * to the handler every app's API shares (web-shared/server/api-problems.ts).
 */
import type { NextFunction, Request, Response } from 'express';
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
  if ((error as { type?: string }).type === 'entity.too.large') return sendProblem(res, 413, '内容过大', '文件超过 10 MB，无法保存');
  // the rest as every app's API answers it (web-shared/server/api-problems.ts): invalid bodies, clients gone, 500
  next(error);
}
