/**
 * The /v2 searches the read model's feeder sends (read-model-feeder.ts, date-stream.ts, outcome-stream.ts,
 * open-task-sweep.ts), with the monitor's own service credentials, and the shapes of the rows they answer that more
 * than one of them reads.
 */
import type { Camunda8 } from '@camunda8/sdk';

export type SearchPath = 'process-instances' | 'user-tasks' | 'incidents' | 'variables' | 'element-instances';

export interface SearchPage<T> {
  items: T[];
  page: { totalItems: number; endCursor?: string | null };
}

/** The /v2 searches the feeder needs, with the monitor's own service credentials. */
export interface ClusterReader {
  search<T>(path: SearchPath, body: object): Promise<SearchPage<T>>;
}

/** The reader over @camunda8/sdk (Basic or OAuth, as its configuration says). */
export function sdkClusterReader(camunda: Camunda8): ClusterReader {
  const rest = camunda.getCamundaRestClient();
  return {
    search: <T>(path: SearchPath, body: object) =>
      rest.callApiEndpoint<never, SearchPage<T>>({ method: 'POST', urlPath: `${path}/search`, body: body as never }) as Promise<SearchPage<T>>,
  };
}

/** A user task as /v2 answers it (the date streams of tasks and the open-task sweep). */
export interface UserTask {
  userTaskKey: string;
  processInstanceKey: string;
  processDefinitionId: string;
  elementId: string;
  name?: string | null;
  state: string;
  assignee?: string | null;
  candidateGroups?: string[] | null;
  creationDate: string;
  completionDate?: string | null;
  dueDate?: string | null;
}

/** Rows per page of a search (and the default of a date stream's page). */
export const PAGE = 1000;

/** Every row of a search (bounded by its filter), page by page, in a stable order (`sortField`, then the key). */
export async function searchAll<T>(reader: ClusterReader, path: SearchPath, filter: object, sortField: string): Promise<T[]> {
  const rows: T[] = [];
  let after: string | undefined;
  for (;;) {
    const result = await reader.search<T>(path, {
      filter,
      sort: [{ field: sortField, order: 'ASC' }],
      page: after ? { limit: PAGE, after } : { limit: PAGE },
    });
    rows.push(...result.items);
    if (result.items.length < PAGE || !result.page.endCursor) return rows;
    after = result.page.endCursor;
  }
}

/** A search the cluster refused as a bad request (400): asked again the same way it fails again. */
export function refused(error: unknown): boolean {
  return (error as { statusCode?: unknown } | null)?.statusCode === 400;
}

/** An instant as toISOString writes it (a cluster may answer `+00:00` or another offset); unparsable ones as they came. */
export function isoInstant(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
