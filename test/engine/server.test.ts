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
});
