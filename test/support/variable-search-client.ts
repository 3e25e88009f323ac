/**
 * A V2Client that answers only variable searches, from a list held in memory: by `name` — `$like` (`*` any text),
 * `$in` or a plain name — and a plain `scopeKey`, as the engine does. For unit tests of the apps' readers of case
 * variables (caseNotices).
 */
import type { Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';

/** A variable search's `name` filter as the engine reads it. */
export type NameFilter = string | { $like?: string; $in?: string[] } | undefined;

/** Whether `name` matches a search's `name` filter (none: any). */
export function nameMatches(name: string, filter: NameFilter): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'string') return name === filter;
  if (filter.$in) return filter.$in.includes(name);
  return new RegExp(`^${(filter.$like ?? '*').replace(/\*/g, '.*')}$`).test(name);
}

export function variableSearchClient(variables: readonly Variable[]): V2Client {
  return {
    async searchVariables(body: { filter: { name?: NameFilter; scopeKey?: string } }) {
      const items = variables.filter((v) => nameMatches(v.name, body.filter.name) && (body.filter.scopeKey === undefined || v.scopeKey === body.filter.scopeKey));
      return { items, page: { totalItems: items.length } };
    },
  } as unknown as V2Client;
}
