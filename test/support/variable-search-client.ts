/**
 * A V2Client that answers only variable searches, from a list held in memory: by `name` `$like` (`*` any text) and a
 * plain `scopeKey`, as the engine does. For unit tests of the apps' readers of case variables (caseNotices).
 */
import type { Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';

export function variableSearchClient(variables: readonly Variable[]): V2Client {
  return {
    async searchVariables(body: { filter: { name?: { $like?: string }; scopeKey?: string } }) {
      const pattern = new RegExp(`^${(body.filter.name?.$like ?? '*').replace(/\*/g, '.*')}$`);
      const items = variables.filter((v) => pattern.test(v.name) && (body.filter.scopeKey === undefined || v.scopeKey === body.filter.scopeKey));
      return { items, page: { totalItems: items.length } };
    },
  } as unknown as V2Client;
}
