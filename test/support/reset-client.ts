/**
 * A client that sends a request and resets its TCP connection (RST, as SO_LINGER 0 does) while the server works on
 * it: the request's socket then has no peer any more, so `req.ip` is undefined in the handlers that follow. Which
 * comes first — the handler reading the address or the RST reaching the server — is a race in the wild; here the
 * server holds the marked request (`hold`, mounted in front of the routes under test) until the client has reset,
 * and the client resets only once the server holds it, so every request reaches the handlers with its address gone.
 * A POST with part of its body is let through at once instead and counts as held once a handler starts reading
 * its body, so the reset aborts that read.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { connect } from 'node:net';

const MARK = 'x-test-reset-client';

export interface ResetClients {
  /** Mount in front of the routes under test; requests without the mark pass untouched. */
  hold: RequestHandler;
  /**
   * Sends `GET path` with `headers` on a raw socket to `url`, resets the connection once the server holds the
   * request, and answers the status the server's handlers then gave it (written to a socket nobody reads).
   */
  getAndReset(url: string, path: string, headers: Record<string, string>): Promise<number>;
  /**
   * Sends `POST path` announcing a body of `length` bytes but sending only `part` of it, resets the connection
   * once the server holds the request, and answers the status the handlers gave it: the body's read is aborted.
   */
  postPartAndReset(url: string, path: string, headers: Record<string, string>, part: string, length: number): Promise<number>;
}

export function resetClients(): ResetClients {
  const waiting = new Map<string, { held: () => void; answered: (status: number) => void; duringBody: boolean }>();
  let sent = 0;

  const hold = (req: Request, res: Response, next: NextFunction): void => {
    const id = req.headers[MARK];
    const entry = typeof id === 'string' ? waiting.get(id) : undefined;
    if (!entry) return next();
    const end = res.end;
    res.end = ((...args: unknown[]) => {
      entry.answered(res.statusCode);
      return Reflect.apply(end, res, args) as Response;
    }) as Response['end'];
    if (entry.duringBody) {
      req.on('newListener', function reading(event: string) {
        if (event !== 'data') return;
        req.off('newListener', reading);
        entry.held();
      });
      return next();
    }
    // nothing has read the peer's address before (node would keep it): once the socket closes, the request has none
    req.socket.once('close', () => next());
    entry.held();
  };

  async function sendAndReset(url: string, requestLine: string, headers: Record<string, string>, body = ''): Promise<number> {
    const id = String(++sent);
    let held!: () => void;
    let answered!: (status: number) => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const status = new Promise<number>((resolve) => (answered = resolve));
    waiting.set(id, { held, answered, duringBody: body !== '' });
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    socket.on('error', () => undefined);
    const lines = [requestLine, `Host: ${hostname}:${port}`, `${MARK}: ${id}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    try {
      await holding;
      socket.resetAndDestroy();
      return await status;
    } finally {
      waiting.delete(id);
    }
  }

  return {
    hold,
    getAndReset: (url, path, headers) => sendAndReset(url, `GET ${path} HTTP/1.1`, headers),
    postPartAndReset: (url, path, headers, part, length) =>
      sendAndReset(url, `POST ${path} HTTP/1.1`, { ...headers, 'content-length': String(length) }, part),
  };
}
