/**
 * The HTTP server around the engine: every answer's `Date` header is the engine's clock, so a web app counts
 * days from the engine's time (pinned in tests, the cluster's own on a real cluster).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../support/engine-fixture.js';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine?.stop();
});

describe('engine server', () => {
  it('should send the pinned engine clock in the Date header', async () => {
    // given
    const pinned = Date.parse('2027-03-15T02:30:00Z');
    await engine.client.pinInternalClock(pinned);

    // when
    const response = await engine.fetch('/v2/topology');

    // then
    expect(response.status).toBe(200);
    expect(response.headers.get('date')).toBe(new Date(pinned).toUTCString());
    await engine.client.resetClock();
  });

  it('should move the Date header with the clock, a second at a time', async () => {
    // given
    const pinned = Date.parse('2027-03-15T02:30:00Z');

    // when
    await engine.client.pinInternalClock(pinned);
    const first = (await engine.fetch('/v2/topology')).headers.get('date');
    await engine.client.pinInternalClock(pinned + 999);
    const sameSecond = (await engine.fetch('/v2/topology')).headers.get('date');
    await engine.client.pinInternalClock(pinned + 1_000);
    const nextSecond = (await engine.fetch('/v2/topology')).headers.get('date');
    await engine.client.pinInternalClock(pinned - 86_400_000);
    const dayBefore = (await engine.fetch('/v2/topology')).headers.get('date');
    await engine.client.resetClock();

    // then
    expect([first, sameSecond, nextSecond, dayBefore]).toEqual([
      'Mon, 15 Mar 2027 02:30:00 GMT',
      'Mon, 15 Mar 2027 02:30:00 GMT',
      'Mon, 15 Mar 2027 02:30:01 GMT',
      'Sun, 14 Mar 2027 02:30:00 GMT',
    ]);
  });
});
