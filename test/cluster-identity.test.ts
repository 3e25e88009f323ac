/**
 * The provisioning of a test cluster's identity (test/support/cluster-identity.ts) against an embedded engine
 * reached through /v2 only, as a cluster would be: it creates just what is missing, a second provisioning creates
 * nothing, and `remove()` takes away exactly what it created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionClusterIdentity } from './support/cluster-identity.js';
import { basicAuth, startEngine, type EngineFixture } from './support/engine-fixture.js';
import { TEST_CLUSTER } from './support/test-cluster.js';

let engine: EngineFixture;

beforeAll(async () => {
  if (TEST_CLUSTER) return;
  engine = await startEngine();
});

afterAll(async () => {
  await engine?.stop();
});

async function exists(path: string) {
  return (await engine.fetch(path)).status === 200;
}

// it provisions the stand-in itself; against a cluster the run's global set-up does that
describe.skipIf(TEST_CLUSTER)('provisioning a test cluster’s identity', () => {
  // creating each user hashes its password (scrypt): seconds on a busy machine, so more than the default 30 s
  it('should create only what is missing, nothing on a second run, and remove exactly what it created', { timeout: 120_000 }, async () => {
    // given: the seeded identity without the user li-jing and the role analyst (with its authorizations)
    expect((await engine.fetch('/v2/users/li-jing', { method: 'DELETE' })).status).toBe(204);
    expect((await engine.fetch('/v2/roles/analyst', { method: 'DELETE' })).status).toBe(204);

    // when
    const asAdmin = { url: engine.url, headers: async () => ({ authorization: basicAuth() }) };
    const provisioned = await provisionClusterIdentity(asAdmin);
    const again = await provisionClusterIdentity(asAdmin);
    const loggedIn = await engine.fetch('/v2/process-definitions/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', as: { username: 'li-jing', password: 'demo' } });
    await provisioned.remove();

    // then
    expect(provisioned.created.filter((path) => !path.startsWith('/v2/authorizations/'))).toEqual([
      '/v2/roles/analyst',
      '/v2/roles/analyst/groups/process-analyst',
      '/v2/users/li-jing',
      '/v2/groups/window-first-review/users/li-jing',
    ]);
    expect(provisioned.created.filter((path) => path.startsWith('/v2/authorizations/'))).toHaveLength(5);
    expect(again.created).toEqual([]);
    expect(loggedIn.status).toBe(200);
    expect(await exists('/v2/users/li-jing')).toBe(false);
    expect(await exists('/v2/roles/analyst')).toBe(false);
    expect(await exists('/v2/users/zhang-min')).toBe(true);
    expect(await exists('/v2/groups/window-first-review')).toBe(true);
  });
});
