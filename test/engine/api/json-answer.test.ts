/**
 * /v2's JSON answers are written without express's `res.send`: the same body, type and length, no ETag (Camunda
 * sends none), HEAD with the headers only, and the status a route set (201) kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine?.stop();
});

describe('a /v2 JSON answer', () => {
  it('should carry the JSON body with its type and byte length, and no ETag', async () => {
    // when
    const response = await engine.fetch('/v2/topology');
    const text = await response.text();

    // then
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(response.headers.get('etag')).toBeNull();
    expect(JSON.parse(text)).toMatchObject({ clusterSize: 1 });
  });

  it('should answer HEAD with the headers of GET and no body', async () => {
    // given
    const get = await engine.fetch('/v2/topology');
    const length = Buffer.byteLength(await get.text());

    // when
    const head = await engine.fetch('/v2/topology', { method: 'HEAD' });

    // then
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(length);
    expect(await head.text()).toBe('');
  });

  it('should keep the status a route set: a created group is 201, with a body in Chinese intact', async () => {
    // when
    const response = await engine.fetch('/v2/groups', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ groupId: 'json-answer-test', name: '城中区经办组' }),
    });
    const text = await response.text();

    // then
    expect(response.status).toBe(201);
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text)).toMatchObject({ groupId: 'json-answer-test', name: '城中区经办组' });
  });
});
