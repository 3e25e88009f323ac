/**
 * vitest's global set-up: against a cluster (CAMUNDA_TEST_CLUSTER=1) provisions once per run the demo users,
 * groups, roles and authorizations the suites rely on (test/support/cluster-identity.ts) and removes what it
 * created when the run ends. Without a cluster it does nothing: the embedded engine seeds them itself.
 */
import { provisionClusterIdentity } from './cluster-identity.js';
import { TEST_CLUSTER } from './test-cluster.js';

export default async function setup() {
  if (!TEST_CLUSTER) return undefined;
  const provisioned = await provisionClusterIdentity();
  return () => provisioned.remove();
}
