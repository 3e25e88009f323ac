/**
 * A case's (or a task's) variables read page by page up to a bound: the monitor's case page, its variables panel and
 * the task list's task page and 案件数据 all read them so, for what they list and for the personal values they mask.
 */
import type { SearchResult, Variable } from './camunda-types.js';

const PAGE = 200;
/** Where reading stops: a case holds far fewer; past it the caller is told the read is incomplete. */
export const MOST_VARIABLES = 2_000;

export interface VariablesRead {
  items: Variable[];
  /** How many there are when reading stopped before them all (at MOST_VARIABLES, or a page came short); undefined when all were read. */
  incompleteOf: number | undefined;
}

/** `page`: one /v2 search page of them, sorted by name (a stable order to page through). */
export async function readAllVariables(page: (after: string | undefined, limit: number) => Promise<SearchResult<Variable>>): Promise<VariablesRead> {
  const items: Variable[] = [];
  let after: string | undefined;
  let totalItems: number;
  do {
    const read = await page(after, PAGE);
    items.push(...read.items);
    totalItems = read.page.totalItems;
    after = read.items.length === PAGE ? (read.page.endCursor ?? undefined) : undefined;
  } while (after && items.length < MOST_VARIABLES);
  // not only when the bound stopped it: a page shorter than asked for while more are counted is no end either
  return { items, incompleteOf: totalItems > items.length ? totalItems : undefined };
}
