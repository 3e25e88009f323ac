/**
 * Identity behind Camunda 8.8's endpoints: users, groups, roles, authorizations; logins (HTTP Basic and browser
 * sessions); and the principal of a request, i.e. who it is and what they may do.
 *
 * Principals are cached per user and dropped on any identity change; a verified Basic header is remembered by
 * its SHA-256 (a job worker sends the same header thousands of times a minute, and scrypt costs ~50 ms).
 * Passwords and personal data are never logged.
 */
import { hash } from 'node:crypto';
import { AlreadyExistsError, InvalidArgumentError, NotFoundError, UnauthenticatedError } from '../errors.js';
import type { SearchRequest } from '../store/search-query.js';
import type { IdScope } from '../store/row-scope.js';
import type { AuthorizationRow, GroupRow, IdentityStore, MemberType, RoleRow, UserRow } from '../store/identity-store.js';
import type { GroupResult, RoleResult, UserResult } from '../store/identity-results.js';
import { DeviceCookies, type DeviceCookie } from './device-cookies.js';
import { LoginThrottle } from './login-throttle.js';
import { checkNewPassword, isDemoPassword } from './password-policy.js';
import { hashPassword, unknownUserHash, verifyPassword } from './password-hash.js';
import { PermissionSet } from './permission-set.js';
import { Sessions, type Session, type SessionOptions } from './sessions.js';

export interface Principal {
  readonly username: string;
  readonly name: string;
  readonly email: string;
  /** Group ids, equal to the candidate groups of the models. */
  readonly groups: readonly string[];
  readonly roles: readonly string[];
  readonly permissions: PermissionSet;
}

export interface IdentityOptions {
  /** The server listens on a loopback address only: demo passwords are allowed. */
  loopback: boolean;
  session: SessionOptions;
}

export type NewUser = { username: string; password: string; name?: string; email?: string };
export type UserChanges = { password?: string; name?: string; email?: string };

const WRONG_CREDENTIALS = '用户名或密码错误';
const DEMO_PASSWORD_REFUSED = '演示密码只能在本机地址（127.0.0.1）上使用：请管理员为此账号设置新密码';
const MAX_CACHED_CREDENTIALS = 1_000;

export class IdentityService {
  readonly loopback: boolean;
  private readonly sessions: Sessions;
  private readonly throttle: LoginThrottle;
  /** Made at the first login (reading or making the key writes to the file). */
  private deviceCookies: DeviceCookies | undefined;
  private readonly wallClock: (() => number) | undefined;
  private readonly principals = new Map<string, Principal>();
  /** SHA-256 of a verified `Authorization` header → username. */
  private readonly credentials = new Map<string, string>();
  /**
   * Checks of a Basic header under way, by its digest. An SDK client starting up sends its first requests in parallel,
   * each with the same header: they share one password check instead of each taking a throttle slot (beyond ten, the
   * throttle refused them with 429 同时核对的登录过多). The same guess sent many times is still one guess.
   */
  private readonly basicChecks = new Map<string, Promise<string>>();
  /** Counts identity writes: a check that began before one must not cache its answer (the user may have changed). */
  private identityWrites = 0;

  constructor(
    private readonly store: IdentityStore,
    options: IdentityOptions,
  ) {
    this.loopback = options.loopback;
    this.sessions = new Sessions(store, options.session);
    this.throttle = new LoginThrottle(store, options.session.now);
    this.wallClock = options.session.now;
  }

  // authentication

  /** The principal of an HTTP Basic header, or UnauthenticatedError; `address` is the client's (throttling; none: refused unchecked). */
  async authenticateBasic(header: string, address: string | undefined): Promise<Principal> {
    const known = this.knownBasic(header);
    if (known) return known;
    const digest = basicDigest(header);
    // a request without an address is refused unchecked: it must neither start a check others join nor join one
    if (address === undefined) return this.principal(await this.checkBasic(header, digest, address))!;
    let check = this.basicChecks.get(digest);
    if (!check) {
      check = this.checkBasic(header, digest, address).finally(() => {
        if (this.basicChecks.get(digest) === check) this.basicChecks.delete(digest);
      });
      this.basicChecks.set(digest, check);
    }
    return this.principal(await check)!;
  }

  /** Verifies a Basic header not known yet and caches it, unless an identity write happened meanwhile. */
  private async checkBasic(header: string, digest: string, address: string | undefined): Promise<string> {
    const decoded = Buffer.from(header.slice('Basic '.length).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    const writesBefore = this.identityWrites;
    const { username } = await this.verify(decoded.slice(0, colon), decoded.slice(colon + 1), address);
    if (this.identityWrites === writesBefore) {
      if (this.credentials.size >= MAX_CACHED_CREDENTIALS) this.credentials.clear();
      this.credentials.set(digest, username);
    }
    return username;
  }

  /**
   * The principal of an HTTP Basic header verified before and unchanged since (no identity write in between), or
   * undefined when it must be verified: lets the request path skip the await (and the client address) per call.
   */
  knownBasic(header: string): Principal | undefined {
    const known = this.credentials.get(basicDigest(header));
    return known === undefined ? undefined : this.principal(known);
  }

  /**
   * Checks a password and opens a session (a new id every time); `address` is the client's (throttling; none: refused
   * unchecked). `deviceCookie`: the value of the browser's device cookie for `username` (device-cookies.ts, named by
   * {@link deviceCookieName}), if it sent one: when valid, only that device's failures judge the attempt. A success
   * answers a new device cookie.
   */
  async login(
    username: string,
    password: string,
    address: string | undefined,
    deviceCookie?: string,
  ): Promise<{ id: string; session: Session; principal: Principal; deviceCookie: DeviceCookie }> {
    // valid only for the user's current password hash: a deleted user has no device, a new password voids the old
    const known = this.store.user(username);
    const device = known === undefined ? undefined : this.deviceCookiesOf().deviceOf(username, known.passwordHash, deviceCookie);
    const verified = await this.verify(username, password, address, device);
    const { id, session } = this.sessions.create(verified.username);
    return {
      id,
      session,
      principal: this.principal(verified.username)!,
      deviceCookie: this.deviceCookiesOf().issue(username, verified.passwordHash),
    };
  }

  /** The name of `username`'s device cookie (keyed: it reveals no username). */
  deviceCookieName(username: string): string {
    return this.deviceCookiesOf().name(username);
  }

  /** The session and principal of a session cookie value, or undefined when it is not (any more) valid. */
  session(id: string): { session: Session; principal: Principal } | undefined {
    const session = this.sessions.find(id);
    const principal = session && this.principal(session.username);
    return session && principal ? { session, principal } : undefined;
  }

  /** Whether `password` is the user's (no throttling: for the engine's own service account file). */
  async passwordMatches(username: string, password: string): Promise<boolean> {
    const user = this.store.user(username);
    return user !== undefined && (await verifyPassword(password, user.passwordHash));
  }

  logout(id: string): void {
    this.sessions.destroy(id);
  }

  /** Who `username` is and what they may do; undefined when there is no such user. */
  principal(username: string): Principal | undefined {
    const cached = this.principals.get(username);
    if (cached) return cached;
    const user = this.store.user(username);
    if (!user) return undefined;
    const groups = this.store.groupsOfUser(username);
    const roles = this.store.rolesOfUser(username, groups);
    const owners = [
      { type: 'USER', id: username },
      ...groups.map((id) => ({ type: 'GROUP', id })),
      ...roles.map((id) => ({ type: 'ROLE', id })),
    ];
    const principal: Principal = {
      username,
      name: user.name,
      email: user.email,
      groups,
      roles,
      permissions: new PermissionSet(this.store.authorizationsOf(owners)),
    };
    this.principals.set(username, principal);
    return principal;
  }

  // users

  async createUser(user: NewUser): Promise<UserResult> {
    checkNewPassword(user.password, this.loopback);
    if (this.store.user(user.username)) throw new AlreadyExistsError(`用户 '${user.username}' 已存在`);
    const row: UserRow = { username: user.username, name: user.name ?? '', email: user.email ?? '', passwordHash: await hashPassword(user.password) };
    this.changed(() => this.store.insertUser(row, new Date().toISOString()));
    return publicUser(row);
  }

  getUser(username: string): UserResult {
    return publicUser(this.requireUser(username));
  }

  /** A new password ends every session of the user. */
  async updateUser(username: string, changes: UserChanges): Promise<UserResult> {
    const current = this.requireUser(username);
    const password = changes.password === undefined || changes.password === '' ? undefined : changes.password;
    if (password !== undefined) checkNewPassword(password, this.loopback);
    const row: UserRow = {
      ...current,
      name: changes.name ?? current.name,
      email: changes.email ?? current.email,
      passwordHash: password === undefined ? current.passwordHash : await hashPassword(password),
    };
    this.changed(() => {
      this.store.updateUser(row, new Date().toISOString());
      if (password !== undefined) this.sessions.destroyAllOf(username);
    });
    return publicUser(row);
  }

  deleteUser(username: string): void {
    this.requireUser(username);
    this.changed(() => this.store.deleteUser(username));
  }

  searchUsers(request: SearchRequest, scope?: IdScope) {
    return this.store.searchUsers(request, scope);
  }

  // groups

  createGroup(group: GroupRow): GroupResult {
    if (this.store.group(group.groupId)) throw new AlreadyExistsError(`用户组 '${group.groupId}' 已存在`);
    this.changed(() => this.store.insertGroup(group));
    return this.getGroup(group.groupId);
  }

  getGroup(groupId: string): GroupResult {
    return this.requireGroup(groupId);
  }

  updateGroup(groupId: string, changes: { name: string; description: string }): GroupResult {
    const group = { ...this.requireGroup(groupId), ...changes };
    this.changed(() => this.store.updateGroup(group));
    return group;
  }

  deleteGroup(groupId: string): void {
    this.requireGroup(groupId);
    this.changed(() => this.store.deleteGroup(groupId));
  }

  searchGroups(request: SearchRequest, scope?: IdScope) {
    return this.store.searchGroups(request, scope);
  }

  assignUserToGroup(groupId: string, username: string): void {
    this.requireGroup(groupId);
    this.requireUser(username);
    if (!this.changed(() => this.store.addGroupMember(groupId, username))) {
      throw new AlreadyExistsError(`用户 '${username}' 已在用户组 '${groupId}' 中`);
    }
  }

  unassignUserFromGroup(groupId: string, username: string): void {
    this.requireGroup(groupId);
    if (!this.changed(() => this.store.removeGroupMember(groupId, username))) {
      throw new NotFoundError(`用户 '${username}' 不在用户组 '${groupId}' 中`);
    }
  }

  /**
   * Member searches are searches, as in Camunda 8.8: filtered by the scope (the groups whose members, the roles the
   * caller may read), so a group they may not read, or that does not exist, lists nobody (no 403, no 404). The roles
   * of a group are the exception: filtered by each role, not by the group (`searchRolesOfGroup`).
   */
  searchGroupMembers(groupId: string, request: SearchRequest, scope?: IdScope) {
    return this.store.searchGroupMembers(groupId, request, scope);
  }

  searchRolesOfGroup(groupId: string, request: SearchRequest, scope?: IdScope) {
    return this.store.searchRoles(request, groupId, scope);
  }

  // roles

  createRole(role: RoleRow): RoleResult {
    if (this.store.role(role.roleId)) throw new AlreadyExistsError(`角色 '${role.roleId}' 已存在`);
    this.changed(() => this.store.insertRole(role));
    return this.getRole(role.roleId);
  }

  getRole(roleId: string): RoleResult {
    return this.requireRole(roleId);
  }

  updateRole(roleId: string, changes: { name: string; description: string }): RoleResult {
    const role = { ...this.requireRole(roleId), ...changes };
    this.changed(() => this.store.updateRole(role));
    return role;
  }

  deleteRole(roleId: string): void {
    this.requireRole(roleId);
    this.changed(() => this.store.deleteRole(roleId));
  }

  searchRoles(request: SearchRequest, scope?: IdScope) {
    return this.store.searchRoles(request, undefined, scope);
  }

  assignRole(roleId: string, type: MemberType, memberId: string): void {
    this.requireRole(roleId);
    if (type === 'USER') this.requireUser(memberId);
    else this.requireGroup(memberId);
    if (!this.changed(() => this.store.addRoleMember(roleId, type, memberId))) {
      throw new AlreadyExistsError(`${type === 'USER' ? '用户' : '用户组'} '${memberId}' 已有角色 '${roleId}'`);
    }
  }

  unassignRole(roleId: string, type: MemberType, memberId: string): void {
    this.requireRole(roleId);
    if (!this.changed(() => this.store.removeRoleMember(roleId, type, memberId))) {
      throw new NotFoundError(`${type === 'USER' ? '用户' : '用户组'} '${memberId}' 没有角色 '${roleId}'`);
    }
  }

  searchRoleMembers(roleId: string, type: MemberType, request: SearchRequest, scope?: IdScope) {
    return this.store.searchRoleMembers(roleId, type, request, scope);
  }

  // authorizations

  /** Owners of type USER, GROUP and ROLE must exist (as in Camunda); resources are not checked. */
  createAuthorization(authorization: Omit<AuthorizationRow, 'key'>): number {
    this.requireOwner(authorization.ownerType, authorization.ownerId);
    return this.changed(() => this.store.insertAuthorization(authorization));
  }

  /** Whether the user, group, role or authorization (by key) a path names exists: the route guard reads it first. */
  exists(kind: 'user' | 'group' | 'role' | 'authorization', id: string): boolean {
    switch (kind) {
      case 'user':
        return this.store.user(id) !== undefined;
      case 'group':
        return this.store.group(id) !== undefined;
      case 'role':
        return this.store.role(id) !== undefined;
      case 'authorization': {
        const key = Number(id);
        return /^[0-9]{1,25}$/.test(id) && Number.isSafeInteger(key) && this.store.authorization(key) !== undefined;
      }
    }
  }

  getAuthorization(key: number): AuthorizationRow {
    const authorization = this.store.authorization(key);
    if (!authorization) throw new NotFoundError(`授权 '${key}' 不存在`);
    return authorization;
  }

  updateAuthorization(authorization: AuthorizationRow): void {
    this.getAuthorization(authorization.key);
    this.requireOwner(authorization.ownerType, authorization.ownerId);
    this.changed(() => this.store.updateAuthorization(authorization));
  }

  deleteAuthorization(key: number): void {
    this.getAuthorization(key);
    this.changed(() => this.store.deleteAuthorization(key));
  }

  searchAuthorizations(request: SearchRequest, scope?: IdScope) {
    return this.store.searchAuthorizations(request, scope);
  }

  // helpers

  /** Checks a password; refuses demo passwords off loopback and slows guessing. Answers the user as checked. */
  private async verify(username: string, password: string, address: string | undefined, device?: string): Promise<UserRow> {
    const release = this.throttle.reserve(username, address, device);
    let user: UserRow | undefined;
    let valid: boolean;
    try {
      user = this.store.user(username);
      valid = await verifyPassword(password, user?.passwordHash ?? (await unknownUserHash()));
    } finally {
      release();
    }
    if (!user || !valid) {
      this.throttle.failed(username, address!, device);
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    if (!this.loopback && isDemoPassword(password)) throw new UnauthenticatedError(DEMO_PASSWORD_REFUSED);
    this.throttle.succeeded(username, device);
    return user;
  }

  private deviceCookiesOf(): DeviceCookies {
    return (this.deviceCookies ??= DeviceCookies.of(this.store, this.wallClock));
  }

  /** Runs a write and forgets every cached principal and credential (memberships and grants may have changed). */
  private changed<T>(write: () => T): T {
    const result = this.store.atomically(write);
    this.principals.clear();
    this.credentials.clear();
    // requests from now on check again: the user or the password may be what changed
    this.basicChecks.clear();
    this.identityWrites++;
    return result;
  }

  private requireUser(username: string): UserRow {
    const user = this.store.user(username);
    if (!user) throw new NotFoundError(`用户 '${username}' 不存在`);
    return user;
  }

  private requireGroup(groupId: string): GroupRow {
    const group = this.store.group(groupId);
    if (!group) throw new NotFoundError(`用户组 '${groupId}' 不存在`);
    return group;
  }

  private requireRole(roleId: string): RoleRow {
    const role = this.store.role(roleId);
    if (!role) throw new NotFoundError(`角色 '${roleId}' 不存在`);
    return role;
  }

  private requireOwner(type: string, id: string): void {
    if (type === 'USER') this.requireUser(id);
    else if (type === 'GROUP') this.requireGroup(id);
    else if (type === 'ROLE') this.requireRole(id);
    else if (type !== 'CLIENT' && type !== 'MAPPING_RULE') throw new InvalidArgumentError(`unknown owner type '${type}'`);
  }
}

function publicUser(user: UserRow): UserResult {
  return { username: user.username, name: user.name, email: user.email };
}

/** What the credential cache keys a Basic header by: never the header itself (it holds the password). */
function basicDigest(header: string): string {
  // the one-shot hash: a third of createHash's cost (no Hash object per request), the same digest
  return hash('sha256', header, 'base64url');
}
