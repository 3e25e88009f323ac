/**
 * A clerk's saved view (`POST /tasklist/api/views`, as the demo user over HTTP Basic) whose body is sent in two parts
 * on a socket of its own: the server holds the request until the second, so a test can stop a server while a
 * request is under way (once `requestArrives` tells the server has it) and see what it answers.
 */
import type { IncomingMessage, Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { basicAuth } from './engine-fixture.js';

export function slowViewPost(url: string, name: string): { socket: Socket; finish: () => Promise<string> } {
  const body = Buffer.from(JSON.stringify({ name, query: { list: 'mine' } }));
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const ended = new Promise<string>((resolve) => socket.on('close', () => resolve(answer)));
  socket.write(
    `POST /tasklist/api/views HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: ${basicAuth()}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
  );
  socket.write(body.subarray(0, 5));
  return {
    socket,
    finish: () => {
      socket.write(body.subarray(5));
      return ended;
    },
  };
}

/** Resolves once `server` has the head of a `method` request for `path`: a request under way from then on. */
export function requestArrives(server: Server, method: string, path: string): Promise<void> {
  return new Promise((resolve) => {
    const seen = (request: IncomingMessage & { originalUrl?: string }) => {
      // (express, the server's first listener, has already cut a mount's path off request.url)
      if (request.method !== method || (request.originalUrl ?? request.url) !== path) return;
      server.off('request', seen);
      resolve();
    };
    server.on('request', seen);
  });
}
