/**
 * V2Client's requests cancelled by their caller's signal (the task list's time bound, a newer load), against a real
 * HTTP server that never answers: the request rejects with the signal's reason, not with 无法连接服务器, and the
 * server sees the connection go.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { V2Client } from '../../../web-shared/src/api/v2-client.js';

let server: Server;
let origin = '';
const hung: IncomingMessage[] = [];

beforeAll(async () => {
  // answers nothing, as a proxy that hangs
  server = createServer((request) => void hung.push(request));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('V2Client with a signal', () => {
  it('should reject with the signal’s reason when its caller cancels, and close the request', async () => {
    // given a search under way that the server does not answer
    const client = new V2Client(origin);
    const controller = new AbortController();
    const search = client.searchUserTasks({}, { signal: controller.signal });
    await vi.waitFor(() => expect(hung).toHaveLength(1));
    const closed = new Promise((resolve) => hung[0]!.socket.once('close', resolve));

    // when its caller runs out of time
    const reason = new DOMException('the load took too long', 'TimeoutError');
    controller.abort(reason);

    // then it learns why, and the connection is gone
    await expect(search).rejects.toBe(reason);
    await closed;
  });
});
