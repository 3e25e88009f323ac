/** RFC 7807 problem answers of the web apps' own routes, with Chinese titles and details. */
import type { Response } from 'express';

export function sendProblem(res: Response, status: number, title: string, detail: string): void {
  res.status(status).type('application/problem+json').json({ type: 'about:blank', title, status, detail });
}
