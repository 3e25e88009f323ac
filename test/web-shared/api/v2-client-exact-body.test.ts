/**
 * V2Client sends a variable's long integer (read exactly, as a LosslessNumber) with its digits, against a real HTTP
 * server that keeps the body it receives: a repair or a completed form does not write a rounded ID number back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExact } from '../../../web-shared/src/api/exact-json.js';
import { V2Client } from '../../../web-shared/src/api/v2-client.js';

let server: Server;
let origin = '';
const bodies: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('V2Client and long integers', () => {
  it('should send a long integer read exactly with its digits, and other values as JSON.stringify writes them', async () => {
    // given a value holding an ID number stored as a JSON number, and an engine key of 16 digits
    const value = parseExact('{"code":630102199001011234,"key":2251799813685249,"note":"新","amount":1.5}');

    // when it is saved
    await new V2Client(origin).setVariables('2251799813685249', { linked: value, plain: { at: '2026-12-06', list: [1, null] } });

    // then the server receives the digits, not 630102199001011200
    expect(bodies).toEqual([
      '{"variables":{"linked":{"code":630102199001011234,"key":2251799813685249,"note":"新","amount":1.5},"plain":{"at":"2026-12-06","list":[1,null]}},"local":true}',
    ]);
  });
});
