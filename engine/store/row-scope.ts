/**
 * Which rows of a search a user may see, as plain data the queries turn into SQL: the identity layer works out
 * the user's grants, the store only applies them. `undefined` (no scope) means every row.
 *
 * - `processIds`: the processes (BPMN process ids) whose rows the user reads in full, from an authorization on
 *   PROCESS_DEFINITION (`*` = `'all'`).
 * - `tasks`: the tasks a user works on through property-based USER_TASK authorizations (Camunda 8.9's task
 *   worker model): tasks assigned to them, naming them as a candidate user, or one of their groups as a candidate
 *   group, plus the tasks they completed. For process instances and variables, the cases (process instances) of
 *   those tasks are readable too, and the cases the user started (POST /v2/process-instances, recorded as the
 *   instance's `started_by`): a clerk reads the case of a task they may work or did work and the cases she
 *   accepted, not other cases.
 */
export interface RowScope {
  readonly processIds: 'all' | readonly string[];
  readonly tasks?: TaskScope;
}

export interface TaskScope {
  readonly username: string;
  readonly groups: readonly string[];
  readonly byAssignee: boolean;
  readonly byCandidateUsers: boolean;
  readonly byCandidateGroups: boolean;
  /**
   * Claim and complete: only open tasks that are unassigned or assigned to the user (a colleague's claimed task
   * is theirs); completed tasks do not count.
   */
  readonly workable?: boolean;
}


/**
 * The resource ids a search may return rows of, for resources authorized by id rather than by process (decisions
 * by decision id, users by username, groups, roles …): `'all'` from a grant on `*`, else the ids granted, possibly
 * none (an empty page, as Camunda answers a search the caller may read nothing of).
 */
export type IdScope = 'all' | readonly string[];

/** A SQL condition with positional `?` parameters (what a search ANDs to its request's filter). */
export interface Where {
  where: string;
  params: unknown[];
}

/** The conditions given, ANDed; undefined when none is. */
export function allOf(...parts: (Where | undefined)[]): Where | undefined {
  const present = parts.filter((part): part is Where => part !== undefined);
  if (present.length === 0) return undefined;
  return { where: present.map((part) => `(${part.where})`).join(' AND '), params: present.flatMap((part) => part.params) };
}

/**
 * The SQL condition of an id scope on `column`, or undefined when it reaches every row. Without a column (a
 * resource whose ids this engine does not map onto rows) only `'all'` reaches anything.
 */
export function idScopeCondition(scope: IdScope | undefined, column: string | undefined): Where | undefined {
  if (scope === undefined || scope === 'all') return undefined;
  if (column === undefined || scope.length === 0) return { where: '0', params: [] };
  return { where: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(scope)] };
}
