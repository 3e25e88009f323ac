/**
 * The older versions of a process just deployed, each with how many of its cases are still running.
 *
 * Camunda 8.8 never refuses a search: a user who may not read process definitions gets an empty page, not a
 * 403. The search must find at least the version just deployed; when it does not, the user may not read the
 * definitions and the counts are unknown ({@link VersionsUnreadable}), not zero. A user who reads definitions
 * but not (all) cases counts only the cases they may read: a search cannot tell "none" from "none you may read",
 * so "no case runs on an older version" is said only to a user who reads every case ({@link readsEveryCase}).
 */
import type { V2Client } from '../../../web-shared/src/api/v2-client.js';
import type { CurrentUser, ProcessDefinition, SearchResult } from '../../../web-shared/src/api/camunda-types.js';

/**
 * Whether the signed-in user (`GET /v2/authentication/me`) reads every case. Camunda 8.8 tells a caller no
 * permissions of its own: the answer has roles, groups and `authorizedComponents` (COMPONENT ACCESS, nothing about
 * READ_PROCESS_INSTANCE), and `/v2/authorizations/search` needs AUTHORIZATION READ. So this goes by the roles
 * config/authorizations.json grants READ_PROCESS_INSTANCE on `*` (admin, manager, analyst); anyone else's counts are
 * "the cases you may read". The limit: a cluster whose roles of these names lack that grant would hear "none" where
 * it only reads some.
 */
export function readsEveryCase(user: Pick<CurrentUser, 'roles' | 'authorizedComponents'>): boolean {
  return ['admin', 'manager', 'analyst'].some((role) => user.roles.includes(role));
}

export interface OlderVersion {
  version: number;
  processDefinitionKey: string;
  running: number;
  migrated?: string;
}

/** The definitions search did not find the version just deployed: the user may not read this process. */
export class VersionsUnreadable extends Error {
  constructor(processDefinitionId: string) {
    super(`cannot read the definitions of ${processDefinitionId}`);
    this.name = 'VersionsUnreadable';
  }
}

export async function olderVersions(client: Pick<V2Client, 'json'>, processDefinitionId: string, newVersion: number): Promise<OlderVersion[]> {
  const definitions = await client.json<SearchResult<ProcessDefinition>>(
    'POST',
    '/v2/process-definitions/search',
    { filter: { processDefinitionId }, sort: [{ field: 'version', order: 'DESC' }], page: { limit: 100 } },
    {},
  );
  if (!definitions.items.some((definition) => definition.version === newVersion)) throw new VersionsUnreadable(processDefinitionId);
  const older = definitions.items.filter((definition) => definition.version < newVersion);
  return Promise.all(
    older.map(async (definition) => {
      const found = await client.json<SearchResult<unknown>>(
        'POST',
        '/v2/process-instances/search',
        { filter: { processDefinitionKey: definition.processDefinitionKey, state: 'ACTIVE' }, page: { limit: 1 } },
        {},
      );
      return { version: definition.version, processDefinitionKey: definition.processDefinitionKey, running: found.page.totalItems };
    }),
  );
}
