/**
 * Conformance: topology, status, license and unknown endpoints, driven through @camunda8/sdk's CamundaRestClient.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../support/engine-fixture.js';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('GET /v2/topology', () => {
  it('should report a cluster with at least one broker, partition and replica', async () => {
    // given
    const { client } = engine;

    // when
    const topology = await client.getTopology();

    // then
    expect(topology.clusterSize).toBeGreaterThan(0);
    expect(topology.partitionsCount).toBeGreaterThan(0);
    expect(topology.replicationFactor).toBeGreaterThan(0);
    expect(typeof topology.gatewayVersion).toBe('string');
    expect(topology.brokers.length).toBeGreaterThan(0);
  });

  it('should describe the first broker with nodeId, host, port and its partitions', async () => {
    // given
    const { client, url } = engine;

    // when
    const [broker] = (await client.getTopology()).brokers;

    // then
    expect(broker).toBeDefined();
    expect(typeof broker!.nodeId).toBe('number');
    expect(typeof broker!.host).toBe('string');
    expect(broker!.host.length).toBeGreaterThan(0);
    expect(broker!.port).toBe(Number(new URL(url).port));
    expect(broker!.partitions[0]).toMatchObject({ partitionId: expect.any(Number), role: 'leader', health: 'healthy' });
    expect(typeof (broker as unknown as { version: unknown }).version).toBe('string');
  });
});

describe('GET /v2/status', () => {
  it('should answer 204 with an empty body when the engine is up', async () => {
    // given
    const { url } = engine;

    // when
    const response = await fetch(`${url}/v2/status`);

    // then
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});

describe('GET /v2/license', () => {
  it('should report the license status with validLicense, licenseType and isCommercial', async () => {
    // given
    const { client } = engine;

    // when
    const license = (await client.getLicenseStatus()) as unknown as Record<string, unknown>;

    // then
    expect(typeof license.validLicense).toBe('boolean');
    expect(typeof license.licenseType).toBe('string');
    expect(typeof license.isCommercial).toBe('boolean');
  });
});

describe('unknown endpoints', () => {
  it('should answer an unknown path with a 404 RFC 7807 problem', async () => {
    // given a signed-in client (anonymous callers get 401 on every protected path)

    // when
    const response = await engine.fetch(`/v2/no-such-resource/search`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });

    // then
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'about:blank', status: 404, title: expect.any(String), detail: expect.any(String) });
    expect(body.instance).toBe('/v2/no-such-resource/search');
  });

  it('should answer an unknown path called through the SDK with an HTTPError carrying the problem', async () => {
    // given
    const { client } = engine;

    // when
    const error = await client.callApiEndpoint({ method: 'GET', urlPath: 'no-such-resource' }).then(
      () => undefined,
      (e: unknown) => e as { statusCode?: number; title?: string; detail?: string },
    );

    // then
    expect(error?.statusCode).toBe(404);
    expect(error?.title).toBe('NOT_FOUND');
    expect(error?.detail).toContain('/v2/no-such-resource');
  });
});
