/**
 * First start (no users and no roles yet): groups from config/roles.json (the office posts, = the candidate
 * groups of the models), roles and their authorizations from config/authorizations.json, then the first users.
 *
 * - On a loopback address (one machine, like Camunda's C8 Run): `demo` / `demo` with the role admin, and the demo
 *   users of config/users.json in their groups, each with the password `demo`.
 * - Otherwise: one user `admin` (role admin) with a random password that the start script prints once.
 *
 * Later starts change nothing: from then on identity is managed through the REST API (/v2/users, /v2/groups, …).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { IdentityStore } from '../store/identity-store.js';
import { RESOURCE_TYPES, isPermissionOf, OWNER_TYPES, USER_TASK_PROPERTIES, type ResourceType } from './permission-types.js';
import { DEMO_PASSWORD } from './password-policy.js';
import { hashPassword } from './password-hash.js';

export interface SeedResult {
  /** Users created: `demo` and the demo users, or `admin`. */
  usernames: string[];
  /** The generated password of `admin` on a non-loopback first start (print once, never store in plain text). */
  adminPassword?: string;
}

const DEFAULT_CONFIG_DIR = new URL('../../config/', import.meta.url);

const groupsSchema = z.object({
  roles: z.array(z.object({ id: z.string().min(1), nameZh: z.string().min(1), external: z.boolean(), note: z.string().optional() })),
});

const authorizationSchema = z
  .object({
    ownerType: z.enum(OWNER_TYPES),
    ownerId: z.string().min(1),
    resourceType: z.enum(RESOURCE_TYPES as [ResourceType, ...ResourceType[]]),
    resourceId: z.string().min(1).optional(),
    resourcePropertyName: z.enum(USER_TASK_PROPERTIES).optional(),
    permissionTypes: z.array(z.string()).min(1),
  })
  .refine((a) => (a.resourceId === undefined) !== (a.resourcePropertyName === undefined), 'give either resourceId or resourcePropertyName')
  .refine((a) => a.resourcePropertyName === undefined || a.resourceType === 'USER_TASK', 'resourcePropertyName is for USER_TASK only')
  .refine((a) => a.permissionTypes.every((p) => isPermissionOf(a.resourceType, p)), 'a permission type does not belong to the resource type');

export const authorizationsFileSchema = z.object({
  description: z.string().optional(),
  roles: z.array(z.object({ roleId: z.string().min(1), name: z.string().min(1), description: z.string(), groups: z.array(z.string()) })),
  authorizations: z.array(authorizationSchema),
});

const usersSchema = z.object({
  users: z.array(z.object({ id: z.string().min(1), nameZh: z.string().min(1), groups: z.array(z.string()) })),
});

export async function seedIdentity(store: IdentityStore, options: { loopback: boolean; configDir?: URL }): Promise<SeedResult | undefined> {
  if (!store.isEmpty()) return undefined;
  const dir = options.configDir ?? DEFAULT_CONFIG_DIR;
  const read = <T>(name: string, schema: z.ZodType<T>): T => {
    const parsed = schema.safeParse(JSON.parse(readFileSync(new URL(name, dir), 'utf8')));
    if (!parsed.success) throw new Error(`config/${name} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  };
  const posts = read('roles.json', groupsSchema).roles.filter((role) => !role.external);
  const access = read('authorizations.json', authorizationsFileSchema);
  const demoUsers = options.loopback ? read('users.json', usersSchema).users : [];
  const groupIds = new Set(posts.map((post) => post.id));
  const unknown = [...access.roles.flatMap((r) => r.groups), ...demoUsers.flatMap((u) => u.groups)].filter((id) => !groupIds.has(id));
  if (unknown.length > 0) throw new Error(`config/: groups that are not office posts of config/roles.json: ${[...new Set(unknown)].join(', ')}`);

  const adminPassword = options.loopback ? undefined : randomBytes(18).toString('base64url');
  const admin = options.loopback
    ? { username: 'demo', name: '演示管理员', hash: await hashPassword(DEMO_PASSWORD) }
    : { username: 'admin', name: '系统管理员', hash: await hashPassword(adminPassword!) };
  // one hash for the shared, published demo password: a salt per user would protect nothing here
  const demoHash = admin.username === 'demo' ? admin.hash : undefined;
  const at = new Date().toISOString();

  store.atomically(() => {
    for (const post of posts) store.insertGroup({ groupId: post.id, name: post.nameZh, description: post.note ?? '' });
    for (const role of access.roles) {
      store.insertRole({ roleId: role.roleId, name: role.name, description: role.description });
      for (const groupId of role.groups) store.addRoleMember(role.roleId, 'GROUP', groupId);
    }
    for (const a of access.authorizations) {
      store.insertAuthorization({
        ownerType: a.ownerType,
        ownerId: a.ownerId,
        resourceType: a.resourceType,
        resourceId: a.resourceId ?? null,
        resourcePropertyName: a.resourcePropertyName ?? null,
        permissionTypes: a.permissionTypes,
      });
    }
    store.insertUser({ username: admin.username, name: admin.name, email: '', passwordHash: admin.hash }, at);
    store.addRoleMember('admin', 'USER', admin.username);
    for (const user of demoUsers) {
      store.insertUser({ username: user.id, name: user.nameZh, email: '', passwordHash: demoHash! }, at);
      for (const groupId of user.groups) store.addGroupMember(groupId, user.id);
    }
  });
  return { usernames: [admin.username, ...demoUsers.map((user) => user.id)], adminPassword };
}
