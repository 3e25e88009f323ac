/** RFC 7807 problem answers of the web apps' own routes, with Chinese titles and details. */
import type { Response } from 'express';

export function sendProblem(res: Response, status: number, title: string, detail: string): void {
  res.status(status).type('application/problem+json').json({ type: 'about:blank', title, status, detail });
}

/** What a route of an app whose files are closed answers (503): the server is stopping, the request may be made again once it is back. */
export const WEB_APP_STOPPING = '服务正在停止，请稍后重试。';
