/**
 * First start (no users and no roles yet): groups from config/roles.json (the office posts, = the candidate
 * groups of the models), roles and their authorizations from config/authorizations.json, then the first users.
 *
 * - On a loopback address (one machine, like Camunda's C8 Run): `demo` / `demo` with the role admin, and the demo
 *   users of config/users.json in their groups, each with the password `demo`.
 * - Otherwise: one user `admin` (role admin) with a random password that the start script prints once.
 *
 * Later starts add what an update added to config/ — a post, a role (with its groups), an authorization (owner,
 * resource and property) — and change or remove nothing: identity is managed through the REST API (/v2/users,
 * /v2/groups, …). The entries already seeded are remembered, so what an admin deleted is not created again; an
 * entry is created only when the store has nothing with its id (Camunda's "identity as code" rule: created when
 * missing, never updated). A data directory from before entries were remembered gets the missing ones once.
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

/** What a later start added from config/ (logged by the start scripts; empty lists when config/ had nothing new). */
export interface ConfigAdditions {
  groups: string[];
  roles: string[];
  authorizations: number;
}

type Read = <T>(name: string, schema: z.ZodType<T>) => T;

export async function seedIdentity(
  store: IdentityStore,
  options: { loopback: boolean; configDir?: URL },
): Promise<SeedResult | ConfigAdditions> {
  const dir = options.configDir ?? DEFAULT_CONFIG_DIR;
  const read: Read = (name, schema) => {
    const parsed = schema.safeParse(JSON.parse(readFileSync(new URL(name, dir), 'utf8')));
    if (!parsed.success) throw new Error(`config/${name} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  };
  const posts = read('roles.json', groupsSchema).roles.filter((role) => !role.external);
  const access = read('authorizations.json', authorizationsFileSchema);
  const demoUsers = options.loopback && store.isEmpty() ? read('users.json', usersSchema).users : [];
  const groupIds = new Set(posts.map((post) => post.id));
  const unknown = [...access.roles.flatMap((r) => r.groups), ...demoUsers.flatMap((u) => u.groups)].filter((id) => !groupIds.has(id));
  if (unknown.length > 0) throw new Error(`config/: groups that are not office posts of config/roles.json: ${[...new Set(unknown)].join(', ')}`);
  if (!store.isEmpty()) return addMissingFromConfig(store, posts, access);

  const adminPassword = options.loopback ? undefined : randomBytes(18).toString('base64url');
  const admin = options.loopback
    ? { username: 'demo', name: '演示管理员', hash: await hashPassword(DEMO_PASSWORD) }
    : { username: 'admin', name: '系统管理员', hash: await hashPassword(adminPassword!) };
  // one hash for the shared, published demo password: a salt per user would protect nothing here
  const demoHash = admin.username === 'demo' ? admin.hash : undefined;
  const at = new Date().toISOString();

  store.atomically(() => {
    const entries = configEntries(posts, access);
    for (const entry of entries) entry.addIfMissing(store);
    store.recordAppliedConfigEntries(entries.map((entry) => entry.id));
    store.insertUser({ username: admin.username, name: admin.name, email: '', passwordHash: admin.hash }, at);
    store.addRoleMember('admin', 'USER', admin.username);
    for (const user of demoUsers) {
      store.insertUser({ username: user.id, name: user.nameZh, email: '', passwordHash: demoHash! }, at);
      for (const groupId of user.groups) store.addGroupMember(groupId, user.id);
    }
  });
  return { usernames: [admin.username, ...demoUsers.map((user) => user.id)], adminPassword };
}

/** Each config/ entry with its id and how to create it when the store lacks it. */
function configEntries(
  posts: readonly { id: string; nameZh: string; note?: string }[],
  access: z.infer<typeof authorizationsFileSchema>,
): { id: string; kind: 'groups' | 'roles' | 'authorizations'; addIfMissing: (store: IdentityStore) => boolean }[] {
  return [
    ...posts.map((post) => ({
      id: `group:${post.id}`,
      kind: 'groups' as const,
      addIfMissing: (store: IdentityStore) => {
        if (store.group(post.id)) return false;
        store.insertGroup({ groupId: post.id, name: post.nameZh, description: post.note ?? '' });
        return true;
      },
    })),
    ...access.roles.map((role) => ({
      id: `role:${role.roleId}`,
      kind: 'roles' as const,
      addIfMissing: (store: IdentityStore) => {
        if (store.role(role.roleId)) return false;
        store.insertRole({ roleId: role.roleId, name: role.name, description: role.description });
        // a post the admin has deleted since it was seeded is not brought back as a member nobody can see
        for (const groupId of role.groups) if (store.group(groupId)) store.addRoleMember(role.roleId, 'GROUP', groupId);
        return true;
      },
    })),
    ...access.authorizations.map((a) => {
      const target = { resourceType: a.resourceType, resourceId: a.resourceId ?? null, resourcePropertyName: a.resourcePropertyName ?? null };
      return {
        id: `authorization:${a.ownerType}:${a.ownerId}:${a.resourceType}:${a.resourceId ?? ''}:${a.resourcePropertyName ?? ''}`,
        kind: 'authorizations' as const,
        addIfMissing: (store: IdentityStore) => {
          const existing = store.authorizationsOf([{ type: a.ownerType, id: a.ownerId }]);
          const same = existing.some(
            (row) => row.resourceType === target.resourceType && row.resourceId === target.resourceId && row.resourcePropertyName === target.resourcePropertyName,
          );
          if (same) return false;
          store.insertAuthorization({ ownerType: a.ownerType, ownerId: a.ownerId, ...target, permissionTypes: a.permissionTypes });
          return true;
        },
      };
    }),
  ];
}

function addMissingFromConfig(
  store: IdentityStore,
  posts: readonly { id: string; nameZh: string; note?: string }[],
  access: z.infer<typeof authorizationsFileSchema>,
): ConfigAdditions {
  const added: ConfigAdditions = { groups: [], roles: [], authorizations: 0 };
  const entries = configEntries(posts, access);
  const applied = new Set(store.appliedConfigEntries() ?? []);
  store.atomically(() => {
    for (const entry of entries.filter((e) => !applied.has(e.id))) {
      if (!entry.addIfMissing(store)) continue;
      if (entry.kind === 'authorizations') added.authorizations += 1;
      else added[entry.kind].push(entry.id.slice(entry.id.indexOf(':') + 1));
    }
    store.recordAppliedConfigEntries([...new Set([...applied, ...entries.map((e) => e.id)])]);
  });
  return added;
}
