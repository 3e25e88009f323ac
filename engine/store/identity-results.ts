/**
 * The shapes of users, groups, roles, their members and authorizations as Camunda 8.8's identity endpoints return
 * them (`/v2/users`, `/v2/groups`, `/v2/roles`, `/v2/authorizations`). The SDK 8.8's only identity type, UserItem,
 * is the 8.7 alpha's (`id`, `key` beside the username); Camunda 8.8 identifies a user by `username` alone, so these
 * are interfaces with Camunda 8.8's fields. Passwords never appear in any of them.
 */

/** A user (search, get, and the answer of create and update). */
export interface UserResult {
  username: string;
  name: string;
  email: string;
}

/** A group (search, get, and the answer of create and update). */
export interface GroupResult {
  groupId: string;
  name: string;
  description: string;
}

/** A role (search, get, and the answer of create and update). */
export interface RoleResult {
  roleId: string;
  name: string;
  description: string;
}

/** A user in a group's or a role's member search (`…/users/search`). */
export interface MemberUserResult {
  username: string;
}

/** A group in a role's member search (`/v2/roles/{roleId}/groups/search`). */
export interface MemberGroupResult {
  groupId: string;
}

/**
 * An authorization. `resourcePropertyName` (a USER_TASK authorization by task property: assignee, candidate users,
 * candidate groups) is Camunda 8.9's; an authorization has either it or `resourceId`, never both.
 */
export interface AuthorizationResult {
  authorizationKey: string;
  ownerId: string;
  ownerType: string;
  resourceType: string;
  resourceId?: string;
  resourcePropertyName?: string;
  permissionTypes: string[];
}

/** The answer of `POST /v2/authorizations`. */
export interface AuthorizationCreatedResult {
  authorizationKey: string;
}

/**
 * `GET /v2/authentication/me` (Camunda 8.8's CamundaUserResult). No tenants, no SaaS plan and no Console links on
 * this engine: those are answered empty, as a Self-Managed cluster without multi-tenancy does.
 */
export interface CurrentUserResult {
  username: string;
  displayName: string;
  email: string;
  authorizedComponents: string[];
  tenants: never[];
  groups: readonly string[];
  roles: readonly string[];
  salesPlanType: null;
  c8Links: Record<string, never>;
  canLogout: boolean;
  apiUser: boolean;
}
