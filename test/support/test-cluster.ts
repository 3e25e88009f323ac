/**
 * Cluster mode of the test fixture: with `CAMUNDA_TEST_CLUSTER=1` the SDK conformance suites (test/sdk) and the
 * path tests (test/processes/*.path.test.ts) run against the Camunda 8.8 cluster that the SDK's own variables
 * name (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY with CAMUNDA_BASIC_AUTH_USERNAME/PASSWORD or the OAuth ones)
 * instead of starting an embedded engine.
 *
 * A cluster is shared and outlives the test run, so the fixture records what a test file creates there — the
 * deployments and the process instances it starts, through the SDK client or `fixture.fetch` — and `stop()`
 * cancels the instances still running (also those started by message or timer from its process definitions),
 * deletes the documents uploaded through its clients (the notices of the path tests' job workers included), its process definitions, decision requirements and forms (`POST /v2/resources/{key}/deletion`),
 * the identity entities it created (users, groups, roles, tenants and authorizations, with the memberships it
 * added to entities it found there) and, when it pinned the clock, resets it (`POST /v2/clock/reset`). Test files
 * give every identity entity a name unique to the run, so a second run on the same cluster meets none of the first.
 * The demo users, groups, roles and authorizations of config/ that the suites rely on are provisioned once per run
 * by the global set-up (test/support/cluster-identity.ts). Tests that need the embedded engine itself (its data directory,
 * a restart, its event log, engine settings, routes mounted on its port) are skipped with
 * `it.skipIf(TEST_CLUSTER)` and {@link EMBEDDED_ONLY}.
 */
import { Auth, Camunda8 } from '@camunda8/sdk';
import type { EngineFixture, RestClient, StartEngineOptions } from './engine-fixture.js';

/** Run against the cluster the SDK variables name instead of an embedded engine. */
export const TEST_CLUSTER = process.env.CAMUNDA_TEST_CLUSTER === '1';

/** The reason a test is skipped against a cluster. */
export const EMBEDDED_ONLY = 'needs the embedded engine itself (data directory, restart, event log or engine settings), which a cluster does not expose';

interface Created {
  clockPinned: boolean;
  documents: Set<string>;
  processInstances: Set<string>;
  processDefinitions: Set<string>;
  decisionRequirements: Set<string>;
  forms: Set<string>;
  identity: IdentityCreated;
}

/** Identity entities a test file created on the cluster, by kind; `memberships` are `PUT` paths under /v2. */
interface IdentityCreated {
  users: Set<string>;
  groups: Set<string>;
  roles: Set<string>;
  tenants: Set<string>;
  authorizations: Set<string>;
  memberships: Set<string>;
}

const IDENTITY_KINDS = { users: 'username', groups: 'groupId', roles: 'roleId', tenants: 'tenantId' } as const;

type DeploymentLike = {
  processes?: { processDefinitionKey?: string }[];
  decisionRequirements?: { decisionRequirementsKey?: string }[];
  forms?: { formKey?: string }[];
  deployments?: {
    processDefinition?: { processDefinitionKey?: string };
    decisionRequirements?: { decisionRequirementsKey?: string };
    form?: { formKey?: string };
  }[];
};

export async function connectTestCluster(options: StartEngineOptions): Promise<EngineFixture> {
  const unsupported = Object.entries(options).filter(([, value]) => value !== undefined).map(([name]) => name);
  if (unsupported.length > 0) {
    throw new Error(`startEngine({ ${unsupported.join(', ')} }) ${EMBEDDED_ONLY}: skip this test with it.skipIf(TEST_CLUSTER)`);
  }
  const url = clusterUrl();
  const created: Created = {
    clockPinned: false,
    documents: new Set(),
    processInstances: new Set(),
    processDefinitions: new Set(),
    decisionRequirements: new Set(),
    forms: new Set(),
    identity: { users: new Set(), groups: new Set(), roles: new Set(), tenants: new Set(), authorizations: new Set(), memberships: new Set() },
  };
  const record = (result: unknown) => {
    const instance = (result as { processInstanceKey?: unknown } | undefined)?.processInstanceKey;
    if (instance !== undefined) created.processInstances.add(String(instance));
    recordDeployment(created, result as DeploymentLike | undefined);
    const uploaded = result as { documentId?: string; createdDocuments?: { documentId?: string }[] } | undefined;
    for (const document of [uploaded, ...(uploaded?.createdDocuments ?? [])]) if (document?.documentId) created.documents.add(document.documentId);
    return result;
  };

  const headers = authHeaders();
  const clients = new Map<string, Camunda8>();
  const camundaAs = (username?: string, password = process.env.CAMUNDA_TEST_USER_PASSWORD ?? 'demo') => {
    const id = username === undefined ? '' : `${username}\n${password}`;
    let camunda = clients.get(id);
    if (!camunda) {
      const config: Record<string, string> = { CAMUNDA_LOG_LEVEL: process.env.CAMUNDA_LOG_LEVEL ?? 'none' };
      if (username !== undefined) Object.assign(config, { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: username, CAMUNDA_BASIC_AUTH_PASSWORD: password });
      clients.set(id, (camunda = new Camunda8(config as never)));
    }
    return camunda;
  };
  const recording = (client: RestClient): RestClient =>
    new Proxy(client, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (property === 'pinInternalClock') created.clockPinned = true;
        if (property === 'createUser') {
          return async (user: { username: string }) => {
            const result = await (value as (u: unknown) => Promise<unknown>).call(target, user);
            created.identity.users.add(user.username);
            return result;
          };
        }
        if (!RECORDED_METHODS.has(String(property))) return value.bind(target);
        return async (...args: unknown[]) => record(await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      },
    });
  // the path tests' job workers use this one: the notices they upload are recorded too
  const admin = new Proxy(camundaAs(), {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === 'getCamundaRestClient') return (...args: unknown[]) => recording(target.getCamundaRestClient(...(args as [])));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const client = admin.getCamundaRestClient();

  const fetchOnCluster: EngineFixture['fetch'] = async (path, init = {}) => {
    const { as, ...rest } = init;
    const requestHeaders = new Headers(rest.headers);
    if (as === undefined) for (const [name, value] of Object.entries(await headers())) requestHeaders.set(name, value);
    else if (as !== null) requestHeaders.set('authorization', `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}`);
    const response = await fetch(new URL(path, `${url}/`), { ...rest, headers: requestHeaders });
    const method = (rest.method ?? 'GET').toUpperCase();
    if (method === 'PUT' && /\/v2\/clock\/?$/.test(path)) created.clockPinned = true;
    const pathname = new URL(path, `${url}/`).pathname;
    if (method === 'POST' && response.ok && /^\/v2\/(deployments|process-instances|documents|documents\/batch)\/?$/.test(pathname)) {
      record(await response.clone().json().catch(() => undefined));
    }
    if (response.ok) await recordIdentity(created.identity, method, pathname, rest.body, response);
    return response;
  };

  return {
    get server(): never {
      throw new Error(`fixture.server ${EMBEDDED_ONLY}`);
    },
    get dataDir(): never {
      throw new Error(`fixture.dataDir ${EMBEDDED_ONLY}`);
    },
    client,
    camunda: admin,
    url,
    clientAs: (username, password) => recording(camundaAs(username, password).getCamundaRestClient()),
    camundaAs: (username, password) => camundaAs(username, password),
    fetch: fetchOnCluster,
    async stop() {
      try {
        await cleanUp(camundaAs().getCamundaRestClient(), created, (path, method) => fetchOnCluster(path, { method }));
      } finally {
        for (const camunda of clients.values()) await camunda.closeAllClients?.();
      }
    },
  };
}

const RECORDED_METHODS = new Set(['createProcessInstance', 'deployResources', 'deployResourcesFromFiles', 'uploadDocument', 'uploadDocuments']);

function recordDeployment(created: Created, deployment: DeploymentLike | undefined) {
  for (const process of deployment?.processes ?? []) if (process.processDefinitionKey) created.processDefinitions.add(process.processDefinitionKey);
  for (const drg of deployment?.decisionRequirements ?? []) if (drg.decisionRequirementsKey) created.decisionRequirements.add(drg.decisionRequirementsKey);
  for (const form of deployment?.forms ?? []) if (form.formKey) created.forms.add(form.formKey);
  // the raw REST answer (fixture.fetch) lists each resource under `deployments`
  for (const entry of deployment?.deployments ?? []) {
    if (entry.processDefinition?.processDefinitionKey) created.processDefinitions.add(entry.processDefinition.processDefinitionKey);
    if (entry.decisionRequirements?.decisionRequirementsKey) created.decisionRequirements.add(entry.decisionRequirements.decisionRequirementsKey);
    if (entry.form?.formKey) created.forms.add(entry.form.formKey);
  }
}

/** The cluster's origin from ZEEBE_REST_ADDRESS (without a trailing `/v2`). */
export function clusterUrl(): string {
  const address = process.env.ZEEBE_REST_ADDRESS;
  if (!address) throw new Error('CAMUNDA_TEST_CLUSTER=1 needs ZEEBE_REST_ADDRESS (and the SDK auth variables) to name the cluster');
  return address.replace(/\/+$/, '').replace(/\/v2$/, '');
}

/** Records an identity entity or membership that a `fixture.fetch` call created. */
async function recordIdentity(identity: IdentityCreated, method: string, pathname: string, body: RequestInit['body'], response: Response) {
  const entity = /^\/v2\/(users|groups|roles|tenants|authorizations)\/?$/.exec(pathname)?.[1];
  if (method === 'POST' && entity === 'authorizations') {
    const { authorizationKey } = (await response.clone().json()) as { authorizationKey?: string };
    if (authorizationKey !== undefined) identity.authorizations.add(String(authorizationKey));
  } else if (method === 'POST' && entity !== undefined) {
    const kind = entity as keyof typeof IDENTITY_KINDS;
    const sent = typeof body === 'string' ? (JSON.parse(body) as Record<string, unknown>) : {};
    const id = sent[IDENTITY_KINDS[kind]];
    if (typeof id === 'string') identity[kind].add(id);
  } else if (method === 'PUT' && /^\/v2\/(groups|roles|tenants)\/[^/]+\/[a-z-]+\/[^/]+\/?$/.test(pathname)) {
    identity.memberships.add(pathname.replace(/\/$/, ''));
  }
}

/** The SDK's own auth headers for the strategy CAMUNDA_AUTH_STRATEGY names. */
export function authHeaders(): () => Promise<Record<string, string>> {
  const strategy = process.env.CAMUNDA_AUTH_STRATEGY ?? 'OAUTH';
  if (strategy === 'NONE') return async () => ({});
  const provider = strategy === 'BASIC' ? new Auth.BasicAuthProvider() : new Auth.OAuthProvider();
  return async () => (await provider.getHeaders('ZEEBE')) as Record<string, string>;
}

/**
 * Leaves the cluster as the test file found it: instances first (Camunda refuses to delete a process definition
 * with running instances), then the resources and documents, then the identity entities, then the clock. Every
 * step is tried; the failures are thrown together.
 */
async function cleanUp(client: RestClient, created: Created, send: (path: string, method: string) => Promise<Response>) {
  const failures: string[] = [];
  const attempt = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (error) {
      const status = (error as { response?: { statusCode?: number } }).response?.statusCode;
      if (status !== 404) failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const running = new Set<string>();
  for (const key of created.processInstances) running.add(key);
  for (const processDefinitionKey of created.processDefinitions) {
    await attempt(`search the instances of ${processDefinitionKey}`, async () => {
      const { items } = await client.searchProcessInstances({ filter: { processDefinitionKey, state: 'ACTIVE' }, page: { limit: 1000 } } as never);
      for (const item of items) running.add(String(item.processInstanceKey));
    });
  }
  for (const processInstanceKey of running) {
    await attempt(`cancel instance ${processInstanceKey}`, async () => {
      const { items } = await client.searchProcessInstances({ filter: { processInstanceKey } } as never);
      if (items[0] && items[0].state !== 'ACTIVE') return;
      await client.cancelProcessInstance({ processInstanceKey } as never).catch((error: unknown) => {
        // 404: it ended (or was cancelled with its parent) meanwhile
        if ((error as { response?: { statusCode?: number } }).response?.statusCode !== 404) throw error;
      });
    });
  }
  const resources = [...created.processDefinitions, ...created.decisionRequirements, ...created.forms];
  for (const resourceKey of resources) await attempt(`delete resource ${resourceKey}`, () => deleteWhenFree(client, resourceKey));
  for (const documentId of created.documents) await attempt(`delete document ${documentId}`, () => client.deleteDocument({ documentId }));
  // memberships first (also those in entities the file found there), then authorizations, then the entities
  const remove = (path: string) =>
    attempt(`DELETE ${path}`, async () => {
      const response = await send(path, 'DELETE');
      if (!response.ok && response.status !== 404) throw new Error(`${response.status} ${await response.text()}`);
    });
  for (const membership of created.identity.memberships) await remove(membership);
  for (const key of created.identity.authorizations) await remove(`/v2/authorizations/${key}`);
  for (const kind of ['users', 'groups', 'roles', 'tenants'] as const) {
    for (const id of created.identity[kind]) await remove(`/v2/${kind}/${encodeURIComponent(id)}`);
  }
  if (created.clockPinned) await attempt('reset the clock', () => client.resetClock());
  if (failures.length > 0) throw new Error(`cleaning up the test cluster failed:\n${failures.join('\n')}`);
}

/** A definition whose cancelled instances the cluster has not yet ended answers 409 for a moment: tries again. */
async function deleteWhenFree(client: RestClient, resourceKey: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.deleteResource({ resourceKey });
    } catch (error) {
      const status = (error as { response?: { statusCode?: number } }).response?.statusCode;
      if (status !== 409 || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
