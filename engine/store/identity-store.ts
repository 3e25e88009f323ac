/**
 * Identity tables: users (scrypt hashes, never the password), groups, roles, their memberships, authorizations,
 * browser sessions, recent failed logins and the device cookies' signing key. SQL only; what the rows mean is
 * engine/identity's business. Writes are small and rare (administration, logins); each runs in its own transaction,
 * outside the command queue.
 */
import type { StoreConnection } from './store-connection.js';
import type { GroupResult, MemberGroupResult, MemberUserResult, RoleResult, UserResult } from './identity-results.js';
import { allOf, idScopeCondition, type IdScope } from './row-scope.js';
import { runSearch, type SearchRequest, type SearchSpec } from './search-query.js';

export interface UserRow {
  username: string;
  name: string;
  email: string;
  passwordHash: string;
}

export interface GroupRow {
  groupId: string;
  name: string;
  description: string;
}

export interface RoleRow {
  roleId: string;
  name: string;
  description: string;
}

export type MemberType = 'USER' | 'GROUP';

export interface AuthorizationRow {
  key: number;
  ownerType: string;
  ownerId: string;
  resourceType: string;
  /** Id-based authorization (`*` = all); null for a property-based one. */
  resourceId: string | null;
  /** Property-based USER_TASK authorization (`assignee`, `candidateUsers`, `candidateGroups`). */
  resourcePropertyName: string | null;
  permissionTypes: string[];
}

export interface SessionRow {
  idHash: string;
  username: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

/**
 * Failed logins are counted per username and per client address; DEVICE: per device cookie's device id, whose
 * failures alone judge a login that carries it.
 */
export type LoginFailureKind = 'USERNAME' | 'ADDRESS' | 'DEVICE';

export interface Found<T> {
  items: T[];
  page: { totalItems: number; hasMoreTotalItems: boolean; startCursor?: string; endCursor?: string };
}

const str = (column: string) => ({ column, kind: 'string' as const });

const USERS: SearchSpec = {
  table: 'identity_users',
  fields: { username: str('username'), name: str('name'), email: str('email') },
  sortFields: ['username', 'name', 'email'],
  tieBreaker: 'username',
};
const GROUPS: SearchSpec = {
  table: 'identity_groups',
  fields: { groupId: str('group_id'), name: str('name') },
  sortFields: ['groupId', 'name'],
  tieBreaker: 'groupId',
};
const ROLES: SearchSpec = {
  table: 'identity_roles',
  fields: { roleId: str('role_id'), name: str('name') },
  sortFields: ['roleId', 'name'],
  tieBreaker: 'roleId',
};
const GROUP_MEMBERS: SearchSpec = {
  table: 'identity_group_members',
  fields: { username: str('member_id') },
  sortFields: ['username'],
  tieBreaker: 'username',
};
const ROLE_MEMBERS: Record<MemberType, SearchSpec> = {
  USER: { table: 'identity_role_members', fields: { username: str('member_id') }, sortFields: ['username'], tieBreaker: 'username' },
  GROUP: { table: 'identity_role_members', fields: { groupId: str('member_id') }, sortFields: ['groupId'], tieBreaker: 'groupId' },
};
const AUTHORIZATIONS: SearchSpec = {
  table: 'identity_authorizations',
  fields: {
    authorizationKey: { column: 'key', kind: 'key' },
    ownerId: str('owner_id'),
    ownerType: { column: 'owner_type', kind: 'enum' },
    resourceType: { column: 'resource_type', kind: 'enum' },
    resourceId: str('resource_id'),
    // Camunda 8.8's name: any of the given resource ids
    resourceIds: { column: 'resource_id', kind: 'oneOf' },
  },
  sortFields: ['ownerId', 'ownerType', 'resourceId', 'resourceType'],
  tieBreaker: 'authorizationKey',
};

type Row = Record<string, unknown>;

export class IdentityStore {
  constructor(
    private readonly db: StoreConnection,
    private readonly transaction: <T>(work: () => T) => T,
    private readonly nextKey: () => number,
  ) {}

  /** True before the first start has seeded anything. */
  isEmpty(): boolean {
    const row = this.get(`SELECT (SELECT count(*) FROM identity_users) + (SELECT count(*) FROM identity_roles) AS n`) as { n: number };
    return row.n === 0;
  }

  /** The config/ entries identity was seeded with so far (`group:…`, `role:…`, `authorization:…`); undefined before this was kept. */
  appliedConfigEntries(): string[] | undefined {
    const row = this.get(`SELECT value FROM meta WHERE name = 'identityConfigEntries'`) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string[]) : undefined;
  }

  recordAppliedConfigEntries(entries: readonly string[]): void {
    this.run(
      `INSERT INTO meta (name, value) VALUES ('identityConfigEntries', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      JSON.stringify([...entries].sort()),
    );
  }

  /**
   * The `meta` value under `name`, after writing `value` there if it had none: the first caller's value stays (the
   * device cookies' signing key, engine/identity/device-cookies.ts, kept in this file so a restart keeps it).
   */
  metaOrInsert(name: string, value: string): string {
    this.run(`INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, value);
    return (this.get(`SELECT value FROM meta WHERE name = ?`, name) as { value: string }).value;
  }

  /** Runs several writes as one transaction (seeding). */
  atomically<T>(work: () => T): T {
    return this.transaction(work);
  }

  // users

  user(username: string): UserRow | undefined {
    const row = this.get(`SELECT * FROM identity_users WHERE username = ?`, username);
    return row ? toUser(row) : undefined;
  }

  insertUser(user: UserRow, at: string): void {
    this.run(
      `INSERT INTO identity_users (username, name, email, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      user.username, user.name, user.email, user.passwordHash, at, at,
    );
  }

  updateUser(user: UserRow, at: string): void {
    this.run(`UPDATE identity_users SET name = ?, email = ?, password_hash = ?, updated_at = ? WHERE username = ?`, user.name, user.email, user.passwordHash, at, user.username);
  }

  /** Deletes the user with their memberships, authorizations and sessions. */
  deleteUser(username: string): void {
    this.transaction(() => {
      this.run(`DELETE FROM identity_users WHERE username = ?`, username);
      this.run(`DELETE FROM identity_group_members WHERE member_type = 'USER' AND member_id = ?`, username);
      this.run(`DELETE FROM identity_role_members WHERE member_type = 'USER' AND member_id = ?`, username);
      this.run(`DELETE FROM identity_authorizations WHERE owner_type = 'USER' AND owner_id = ?`, username);
      this.run(`DELETE FROM identity_sessions WHERE username = ?`, username);
    });
  }

  /** `scope`: the usernames the caller may read. */
  searchUsers(request: SearchRequest, scope?: IdScope): Found<UserResult> {
    return this.search(USERS, request, (row): UserResult => ({ username: row.username as string, name: row.name as string, email: row.email as string }), idScopeCondition(scope, 'username'));
  }

  // groups

  group(groupId: string): GroupRow | undefined {
    const row = this.get(`SELECT * FROM identity_groups WHERE group_id = ?`, groupId);
    return row ? toGroup(row) : undefined;
  }

  insertGroup(group: GroupRow): void {
    this.run(`INSERT INTO identity_groups (group_id, name, description) VALUES (?, ?, ?)`, group.groupId, group.name, group.description);
  }

  updateGroup(group: GroupRow): void {
    this.run(`UPDATE identity_groups SET name = ?, description = ? WHERE group_id = ?`, group.name, group.description, group.groupId);
  }

  deleteGroup(groupId: string): void {
    this.transaction(() => {
      this.run(`DELETE FROM identity_groups WHERE group_id = ?`, groupId);
      this.run(`DELETE FROM identity_group_members WHERE group_id = ?`, groupId);
      this.run(`DELETE FROM identity_role_members WHERE member_type = 'GROUP' AND member_id = ?`, groupId);
      this.run(`DELETE FROM identity_authorizations WHERE owner_type = 'GROUP' AND owner_id = ?`, groupId);
    });
  }

  searchGroups(request: SearchRequest, scope?: IdScope): Found<GroupResult> {
    return this.search(GROUPS, request, toGroup, idScopeCondition(scope, 'group_id'));
  }

  /** Adds a user to a group; false when they were a member already. */
  addGroupMember(groupId: string, username: string): boolean {
    return this.run(`INSERT OR IGNORE INTO identity_group_members (group_id, member_type, member_id) VALUES (?, 'USER', ?)`, groupId, username) > 0;
  }

  /** False when the user was not a member. */
  removeGroupMember(groupId: string, username: string): boolean {
    return this.run(`DELETE FROM identity_group_members WHERE group_id = ? AND member_type = 'USER' AND member_id = ?`, groupId, username) > 0;
  }

  /** The users of a group; none when the scope does not reach the group (nor for a group that does not exist). */
  searchGroupMembers(groupId: string, request: SearchRequest, scope?: IdScope): Found<MemberUserResult> {
    const members = { where: `group_id = ? AND member_type = 'USER'`, params: [groupId] };
    return this.search(GROUP_MEMBERS, request, (row): MemberUserResult => ({ username: row.member_id as string }), allOf(members, idScopeCondition(scope, 'group_id')));
  }

  groupsOfUser(username: string): string[] {
    return (this.all(`SELECT group_id FROM identity_group_members WHERE member_type = 'USER' AND member_id = ? ORDER BY group_id`, username) as Row[]).map(
      (row) => row.group_id as string,
    );
  }

  // roles

  role(roleId: string): RoleRow | undefined {
    const row = this.get(`SELECT * FROM identity_roles WHERE role_id = ?`, roleId);
    return row ? toRole(row) : undefined;
  }

  insertRole(role: RoleRow): void {
    this.run(`INSERT INTO identity_roles (role_id, name, description) VALUES (?, ?, ?)`, role.roleId, role.name, role.description);
  }

  updateRole(role: RoleRow): void {
    this.run(`UPDATE identity_roles SET name = ?, description = ? WHERE role_id = ?`, role.name, role.description, role.roleId);
  }

  deleteRole(roleId: string): void {
    this.transaction(() => {
      this.run(`DELETE FROM identity_roles WHERE role_id = ?`, roleId);
      this.run(`DELETE FROM identity_role_members WHERE role_id = ?`, roleId);
      this.run(`DELETE FROM identity_authorizations WHERE owner_type = 'ROLE' AND owner_id = ?`, roleId);
    });
  }

  /** The roles the scope reaches, with `ofGroup` only those given to that group. */
  searchRoles(request: SearchRequest, ofGroup?: string, scope?: IdScope): Found<RoleResult> {
    const given = ofGroup === undefined
      ? undefined
      : { where: `role_id IN (SELECT role_id FROM identity_role_members WHERE member_type = 'GROUP' AND member_id = ?)`, params: [ofGroup] };
    return this.search(ROLES, request, toRole, allOf(given, idScopeCondition(scope, 'role_id')));
  }

  /** Gives a role to a user or a group; false when it had it already. */
  addRoleMember(roleId: string, type: MemberType, memberId: string): boolean {
    return this.run(`INSERT OR IGNORE INTO identity_role_members (role_id, member_type, member_id) VALUES (?, ?, ?)`, roleId, type, memberId) > 0;
  }

  removeRoleMember(roleId: string, type: MemberType, memberId: string): boolean {
    return this.run(`DELETE FROM identity_role_members WHERE role_id = ? AND member_type = ? AND member_id = ?`, roleId, type, memberId) > 0;
  }

  /** The users or groups of a role; none when the scope does not reach the role (nor for a role that does not exist). */
  searchRoleMembers(roleId: string, type: MemberType, request: SearchRequest, scope?: IdScope): Found<MemberUserResult | MemberGroupResult> {
    const member = (row: Row): MemberUserResult | MemberGroupResult =>
      type === 'USER' ? { username: row.member_id as string } : { groupId: row.member_id as string };
    const members = { where: `role_id = ? AND member_type = ?`, params: [roleId, type] };
    return this.search(ROLE_MEMBERS[type], request, member, allOf(members, idScopeCondition(scope, 'role_id')));
  }

  /** The roles of a user: given to them directly or to one of their groups. */
  rolesOfUser(username: string, groups: readonly string[]): string[] {
    const rows = this.all(
      `SELECT DISTINCT role_id FROM identity_role_members
       WHERE (member_type = 'USER' AND member_id = ?) OR (member_type = 'GROUP' AND member_id IN (SELECT value FROM json_each(?)))
       ORDER BY role_id`,
      username,
      JSON.stringify(groups),
    ) as Row[];
    return rows.map((row) => row.role_id as string);
  }

  // authorizations

  authorization(key: number): AuthorizationRow | undefined {
    const row = this.get(`SELECT * FROM identity_authorizations WHERE key = ?`, key);
    return row ? toAuthorization(row) : undefined;
  }

  insertAuthorization(authorization: Omit<AuthorizationRow, 'key'>): number {
    return this.transaction(() => {
      const key = this.nextKey();
      this.run(
        `INSERT INTO identity_authorizations (key, owner_type, owner_id, resource_type, resource_id, resource_property_name, permission_types)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        key,
        authorization.ownerType,
        authorization.ownerId,
        authorization.resourceType,
        authorization.resourceId,
        authorization.resourcePropertyName,
        JSON.stringify(authorization.permissionTypes),
      );
      return key;
    });
  }

  updateAuthorization(authorization: AuthorizationRow): void {
    this.run(
      `UPDATE identity_authorizations SET owner_type = ?, owner_id = ?, resource_type = ?, resource_id = ?, resource_property_name = ?,
       permission_types = ? WHERE key = ?`,
      authorization.ownerType,
      authorization.ownerId,
      authorization.resourceType,
      authorization.resourceId,
      authorization.resourcePropertyName,
      JSON.stringify(authorization.permissionTypes),
      authorization.key,
    );
  }

  deleteAuthorization(key: number): boolean {
    return this.run(`DELETE FROM identity_authorizations WHERE key = ?`, key) > 0;
  }

  /** `scope`: AUTHORIZATION READ, whose resource ids are authorization keys (as Camunda 8.8 filters this search). */
  searchAuthorizations(request: SearchRequest, scope?: IdScope): Found<AuthorizationRow> {
    return this.search(AUTHORIZATIONS, request, toAuthorization, idScopeCondition(scope, 'key'));
  }

  /** Every authorization owned by one of `owners`. */
  authorizationsOf(owners: readonly { type: string; id: string }[]): AuthorizationRow[] {
    if (owners.length === 0) return [];
    const rows = this.all(
      `SELECT a.* FROM identity_authorizations a
       JOIN json_each(?) o ON a.owner_type = json_extract(o.value, '$[0]') AND a.owner_id = json_extract(o.value, '$[1]')`,
      JSON.stringify(owners.map((owner) => [owner.type, owner.id])),
    ) as Row[];
    return rows.map(toAuthorization);
  }

  // sessions

  session(idHash: string): SessionRow | undefined {
    const row = this.get(`SELECT * FROM identity_sessions WHERE id_hash = ?`, idHash);
    return row
      ? {
          idHash: row.id_hash as string,
          username: row.username as string,
          csrfToken: row.csrf_token as string,
          createdAt: row.created_at as number,
          lastSeenAt: row.last_seen_at as number,
        }
      : undefined;
  }

  insertSession(session: SessionRow): void {
    this.run(
      `INSERT INTO identity_sessions (id_hash, username, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)`,
      session.idHash, session.username, session.csrfToken, session.createdAt, session.lastSeenAt,
    );
  }

  touchSession(idHash: string, at: number): void {
    this.run(`UPDATE identity_sessions SET last_seen_at = ? WHERE id_hash = ?`, at, idHash);
  }

  deleteSession(idHash: string): void {
    this.run(`DELETE FROM identity_sessions WHERE id_hash = ?`, idHash);
  }

  deleteSessionsOf(username: string): void {
    this.run(`DELETE FROM identity_sessions WHERE username = ?`, username);
  }

  /** Removes sessions idle since before `idleBefore` or created before `createdBefore`. */
  deleteExpiredSessions(idleBefore: number, createdBefore: number): void {
    this.run(`DELETE FROM identity_sessions WHERE last_seen_at < ? OR created_at < ?`, idleBefore, createdBefore);
  }

  // failed logins (login throttling)

  /**
   * The time of the `n`th newest failed login of `kind` for `id` (a username or a client address) after `since`, or
   * undefined when there were fewer: with `n` the limit, a lock-out holds until that failure leaves the window.
   */
  nthNewestLoginFailure(kind: LoginFailureKind, id: string, since: number, n: number): number | undefined {
    const row = this.get(`SELECT at FROM identity_login_failures WHERE kind = ? AND id = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?`, kind, id, since, n - 1);
    return row?.at as number | undefined;
  }

  /** Records one failed login under each of `keys`, and forgets failures at or before `forgetBefore`. */
  insertLoginFailure(keys: readonly { kind: LoginFailureKind; id: string }[], at: number, forgetBefore: number): void {
    this.transaction(() => {
      this.run(`DELETE FROM identity_login_failures WHERE at <= ?`, forgetBefore);
      for (const { kind, id } of keys) this.run(`INSERT INTO identity_login_failures (kind, id, at) VALUES (?, ?, ?)`, kind, id, at);
    });
  }

  deleteLoginFailures(kind: LoginFailureKind, id: string): void {
    this.run(`DELETE FROM identity_login_failures WHERE kind = ? AND id = ?`, kind, id);
  }

  // helpers

  private search<T>(spec: SearchSpec, request: SearchRequest, project: (row: Row) => T, extra?: { where: string; params: unknown[] }): Found<T> {
    const result = runSearch<Row>(this.db, spec, request, extra);
    return { items: result.rows.map(project), page: result.page };
  }

  private get(sql: string, ...params: unknown[]): Row | undefined {
    return this.db.read(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: unknown[]): unknown[] {
    return this.db.read(sql).all(...params);
  }

  private run(sql: string, ...params: unknown[]): number {
    return this.db.write(sql).run(...params).changes;
  }
}

// helpers

function toUser(row: Row): UserRow {
  return { username: row.username as string, name: row.name as string, email: row.email as string, passwordHash: row.password_hash as string };
}

function toGroup(row: Row): GroupRow {
  return { groupId: row.group_id as string, name: row.name as string, description: row.description as string };
}

function toRole(row: Row): RoleRow {
  return { roleId: row.role_id as string, name: row.name as string, description: row.description as string };
}

function toAuthorization(row: Row): AuthorizationRow {
  return {
    key: row.key as number,
    ownerType: row.owner_type as string,
    ownerId: row.owner_id as string,
    resourceType: row.resource_type as string,
    resourceId: (row.resource_id as string | null) ?? null,
    resourcePropertyName: (row.resource_property_name as string | null) ?? null,
    permissionTypes: JSON.parse(row.permission_types as string) as string[],
  };
}
