/**
 * What the suites expect of a cluster's identity, provisioned through Camunda 8.8's `/v2` identity endpoints when
 * they run against one (CAMUNDA_TEST_CLUSTER=1; test/support/cluster-global-setup.ts): the office posts of
 * config/roles.json as groups, the roles of config/authorizations.json with their groups and authorizations, and the
 * demo users of config/users.json in their groups with the password CAMUNDA_TEST_USER_PASSWORD (default `demo`) —
 * the same the embedded engine seeds on its first start on loopback (engine/identity/identity-seed.ts).
 *
 * Only what is missing is created (409 = it exists: left as it is, never updated), and the returned `remove()`
 * takes away exactly what was created, so a cluster that had its own users, groups or roles keeps them unchanged.
 * Authorizations are added to the roles this run created only: a role the cluster already had keeps the rights its
 * administrators gave it. The USER_TASK authorizations by property (assignee, candidate users and groups) are
 * Camunda 8.9's; a cluster that refuses them (400) gets Camunda 8.8's nearest instead, READ_USER_TASK and
 * UPDATE_USER_TASK on every process definition for that role.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { authorizationsFileSchema } from '../../engine/identity/identity-seed.js';
import { authHeaders, clusterUrl } from './test-cluster.js';

const officePostsSchema = z.object({ roles: z.array(z.object({ id: z.string(), nameZh: z.string(), external: z.boolean(), note: z.string().optional() })) });
const usersSchema = z.object({ users: z.array(z.object({ id: z.string(), nameZh: z.string(), groups: z.array(z.string()) })) });

const readConfig = <T>(name: string, schema: z.ZodType<T>): T => schema.parse(JSON.parse(readFileSync(new URL(`../../config/${name}`, import.meta.url), 'utf8')));

/** What one provisioning created (paths under /v2, removed in reverse order by `remove`). */
export interface ProvisionedIdentity {
  created: string[];
  remove(): Promise<void>;
}

/** `cluster`: where and as whom, by default the cluster and the credentials the SDK variables name. */
export async function provisionClusterIdentity(cluster: { url: string; headers: () => Promise<Record<string, string>> } = { url: clusterUrl(), headers: authHeaders() }): Promise<ProvisionedIdentity> {
  const { url, headers } = cluster;
  const send = async (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { ...(await headers()), 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  /** The paths that delete what was created, in the order of creation. */
  const created: string[] = [];
  /** Creates unless it exists; answers whether this call created it. */
  const ensure = async (method: 'POST' | 'PUT', path: string, body: unknown, removal: string) => {
    const response = await send(method, path, body);
    if (response.status === 409) return false;
    if (!response.ok) throw new Error(`provisioning the test cluster: ${method} ${path} answered ${response.status}: ${await response.text()}`);
    created.push(removal);
    return true;
  };

  const posts = readConfig('roles.json', officePostsSchema).roles.filter((role) => !role.external);
  const access = readConfig('authorizations.json', authorizationsFileSchema);
  const { users } = readConfig('users.json', usersSchema);
  const password = process.env.CAMUNDA_TEST_USER_PASSWORD ?? 'demo';

  for (const post of posts) {
    await ensure('POST', '/v2/groups', { groupId: post.id, name: post.nameZh, description: post.note ?? '' }, `/v2/groups/${post.id}`);
  }
  const newRoles = new Set<string>();
  for (const role of access.roles) {
    if (await ensure('POST', '/v2/roles', { roleId: role.roleId, name: role.name, description: role.description }, `/v2/roles/${role.roleId}`)) newRoles.add(role.roleId);
    for (const groupId of role.groups) {
      const membership = `/v2/roles/${role.roleId}/groups/${groupId}`;
      await ensure('PUT', membership, undefined, membership);
    }
  }
  const fallbackGiven = new Set<string>();
  for (const authorization of access.authorizations.filter((a) => a.ownerType === 'ROLE' && newRoles.has(a.ownerId))) {
    let response = await send('POST', '/v2/authorizations', authorization);
    if (response.status === 400 && authorization.resourcePropertyName !== undefined) {
      // Camunda 8.8 has no authorization by property: one on every process definition's user tasks instead
      if (fallbackGiven.has(authorization.ownerId)) continue;
      fallbackGiven.add(authorization.ownerId);
      const fallback = { ownerType: 'ROLE', ownerId: authorization.ownerId, resourceType: 'PROCESS_DEFINITION', resourceId: '*', permissionTypes: ['READ_USER_TASK', 'UPDATE_USER_TASK'] };
      response = await send('POST', '/v2/authorizations', fallback);
    }
    if (!response.ok) throw new Error(`provisioning the test cluster: POST /v2/authorizations for ${authorization.ownerId} answered ${response.status}: ${await response.text()}`);
    const { authorizationKey } = (await response.json()) as { authorizationKey: string };
    created.push(`/v2/authorizations/${authorizationKey}`);
  }
  for (const user of users) {
    await ensure('POST', '/v2/users', { username: user.id, password, name: user.nameZh, email: `${user.id}@example.com` }, `/v2/users/${user.id}`);
    for (const groupId of user.groups) {
      const membership = `/v2/groups/${groupId}/users/${user.id}`;
      await ensure('PUT', membership, undefined, membership);
    }
  }

  return {
    created: [...created],
    async remove() {
      const failures: string[] = [];
      for (const path of created.reverse()) {
        const response = await send('DELETE', path);
        if (!response.ok && response.status !== 404) failures.push(`DELETE ${path}: ${response.status} ${await response.text()}`);
      }
      if (failures.length > 0) throw new Error(`removing the provisioned identity from the test cluster failed:\n${failures.join('\n')}`);
    },
  };
}
