/**
 * What one user may do: every authorization owned by the user, their groups and their roles (those given to
 * them and to their groups), merged. There are no deny rules (Camunda's least-privilege model): what no
 * authorization grants is refused.
 */
import type { AuthorizationRow } from '../store/identity-store.js';
import type { RowScope } from '../store/row-scope.js';
import type { PermissionOf, PermissionType, ResourceType, UserTaskProperty } from './permission-types.js';

export interface Grant {
  /** Granted on `*`: every resource of the type. */
  readonly all: boolean;
  /** Granted on these resource ids only. */
  readonly ids: ReadonlySet<string>;
}

const NONE: Grant = { all: false, ids: new Set() };

export class PermissionSet {
  private readonly grants = new Map<string, { all: boolean; ids: Set<string> }>();
  private readonly properties = new Map<string, Set<UserTaskProperty>>();

  constructor(authorizations: readonly AuthorizationRow[]) {
    for (const authorization of authorizations) {
      for (const permission of authorization.permissionTypes) {
        const key = `${authorization.resourceType} ${permission}`;
        if (authorization.resourcePropertyName !== null) {
          let set = this.properties.get(key);
          if (!set) this.properties.set(key, (set = new Set()));
          set.add(authorization.resourcePropertyName as UserTaskProperty);
          continue;
        }
        let grant = this.grants.get(key);
        if (!grant) this.grants.set(key, (grant = { all: false, ids: new Set() }));
        if (authorization.resourceId === '*') grant.all = true;
        else if (authorization.resourceId !== null) grant.ids.add(authorization.resourceId);
      }
    }
  }

  grant<R extends ResourceType>(resourceType: R, permission: PermissionOf<R>): Grant {
    return this.grants.get(`${resourceType} ${permission}`) ?? NONE;
  }

  /** Whether the permission is granted on `resourceId` (or on every resource when `resourceId` is omitted). */
  allows<R extends ResourceType>(resourceType: R, permission: PermissionOf<R>, resourceId?: string): boolean {
    const grant = this.grant(resourceType, permission);
    return grant.all || (resourceId !== undefined && grant.ids.has(resourceId));
  }

  /** The task properties that property-based USER_TASK authorizations grant `permission` through. */
  taskProperties(permission: PermissionOf<'USER_TASK'>): ReadonlySet<UserTaskProperty> {
    return this.properties.get(`USER_TASK ${permission}`) ?? new Set();
  }

  /** The resource ids (or `*`) of a permission: what `authorizedComponents` lists for COMPONENT ACCESS. */
  resourceIds(resourceType: ResourceType, permission: PermissionType): string[] {
    const grant = this.grants.get(`${resourceType} ${permission}`) ?? NONE;
    return grant.all ? ['*'] : [...grant.ids].sort();
  }
}

/**
 * Whether a user sees batch operations: BATCH READ on any id shows all of them, as Camunda 8.8's batch-operation
 * searches ignore the ids of the grant (batch operations are not authorized one by one).
 */
export function readsBatchOperations(permissions: PermissionSet): boolean {
  const grant = permissions.grant('BATCH', 'READ');
  return grant.all || grant.ids.size > 0;
}

/**
 * The rows a user reaches with a PROCESS_DEFINITION permission (per process id) and, for user tasks and the
 * cases of user tasks, with a USER_TASK permission: `*` reaches every task, a property-based one the tasks the
 * user is assignee, candidate user or candidate group member of. `workable` (claim, complete) narrows the task
 * part to open tasks nobody else holds.
 */
export function rowScope(
  principal: { username: string; groups: readonly string[]; permissions: PermissionSet },
  processPermission: PermissionOf<'PROCESS_DEFINITION'> | undefined,
  taskPermission?: PermissionOf<'USER_TASK'>,
  options: { workable?: boolean } = {},
): RowScope {
  const { permissions } = principal;
  const process: Grant = processPermission ? permissions.grant('PROCESS_DEFINITION', processPermission) : NONE;
  if (process.all) return { processIds: 'all' };
  if (taskPermission && permissions.allows('USER_TASK', taskPermission)) return { processIds: 'all' };
  const processIds = [...process.ids];
  const properties = taskPermission ? permissions.taskProperties(taskPermission) : new Set<UserTaskProperty>();
  if (properties.size === 0) return { processIds };
  return {
    processIds,
    tasks: {
      username: principal.username,
      groups: principal.groups,
      byAssignee: properties.has('assignee'),
      byCandidateUsers: properties.has('candidateUsers'),
      byCandidateGroups: properties.has('candidateGroups'),
      workable: options.workable,
    },
  };
}

/** True when a scope can show nothing at all (no process and no task reached): the caller answers 403. */
export function reachesNothing(scope: RowScope): boolean {
  return scope.processIds !== 'all' && scope.processIds.length === 0 && scope.tasks === undefined;
}
