/**
 * A JSON answer of /v2, written straight to Node's response: express's `res.json` goes through `res.send`, which
 * works out the charset, converts the body to a Buffer and computes an ETag (a SHA-1 of every answer, POSTs
 * included). Camunda's REST API sends no ETag and no client of /v2 asks for one (If-None-Match), and the setting
 * is app-wide in express (the web apps on the same port keep theirs), so /v2 answers without it. The status is
 * the response's own (`res.status(201)` before the call); a HEAD request gets the headers only (Node drops the
 * body).
 */
import type { Response } from 'express';

export function answerJson(res: Response, body: unknown): void {
  const json = JSON.stringify(body) ?? '';
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
