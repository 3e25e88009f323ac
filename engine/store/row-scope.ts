/**
 * Which rows of a search a user may see, as plain data the queries turn into SQL: the identity layer works out
 * the user's grants, the store only applies them. `undefined` (no scope) means every row.
 *
 * - `processIds`: the processes (BPMN process ids) whose rows the user reads in full, from an authorization on
 *   PROCESS_DEFINITION (`*` = `'all'`).
 * - `tasks`: the tasks a user works on through property-based USER_TASK authorizations (Camunda 8.9's task
 *   worker model): tasks assigned to them, naming them as a candidate user, or one of their groups as a candidate
 *   group, plus the tasks they completed. For process instances and variables, the cases (process instances) of
 *   those tasks are readable too: a clerk reads the case of a task they may work or did work, not other cases.
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

