/**
 * The account `npm start` runs its job workers (and its deployment of bpmn/ and forms/) with: a user of its own
 * whose random password lives only in a file under DATA_DIR (mode 0600), never on screen or in a log. Created on
 * the first start, reused afterwards, given a new password when the file or the user went missing.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { AlreadyExistsError, NotFoundError } from '../errors.js';
import { authorizationsFileSchema } from './identity-seed.js';
import type { IdentityService } from './identity-service.js';

export interface ServiceAccount {
  username: string;
  password: string;
}

const fileSchema = z.object({ username: z.string().min(1), password: z.string().min(16) });

export async function ensureServiceAccount(
  identity: IdentityService,
  file: string,
  account: { username: string; name: string; roles: readonly string[] },
): Promise<ServiceAccount> {
  const saved = readSaved(file);
  if (saved?.username === account.username && (await identity.passwordMatches(saved.username, saved.password))) {
    assignRoles(identity, account);
    // a copy or an editor may have widened it: the password stays the owner's alone
    chmodSync(file, 0o600);
    return saved;
  }
  const password = randomBytes(24).toString('base64url');
  const exists = identity.principal(account.username) !== undefined;
  if (exists) await identity.updateUser(account.username, { password });
  else await identity.createUser({ username: account.username, password, name: account.name });
  assignRoles(identity, account);
  const temporary = `${file}.tmp`;
  // a leftover of an interrupted start keeps its mode when overwritten; 'wx' creates a new 0600 file or fails
  rmSync(temporary, { force: true });
  writeFileSync(temporary, JSON.stringify({ username: account.username, password }), { mode: 0o600, flag: 'wx' });
  renameSync(temporary, file);
  return { username: account.username, password };
}

/**
 * A service role of config/authorizations.json that a data directory seeded before the role existed lacks (the
 * monitor's read-only `monitor-reader`): created once with its authorizations. A role that exists is left as the
 * administrators may have changed it.
 */
export function ensureServiceRole(identity: IdentityService, roleId: string, configDir = new URL('../../config/', import.meta.url)): void {
  try {
    identity.getRole(roleId);
    return;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  const parsed = authorizationsFileSchema.parse(JSON.parse(readFileSync(new URL('authorizations.json', configDir), 'utf8')));
  const role = parsed.roles.find((candidate) => candidate.roleId === roleId);
  if (!role) throw new Error(`config/authorizations.json has no role ${roleId}`);
  identity.createRole({ roleId: role.roleId, name: role.name, description: role.description });
  for (const a of parsed.authorizations.filter((entry) => entry.ownerType === 'ROLE' && entry.ownerId === roleId)) {
    identity.createAuthorization({
      ownerType: a.ownerType,
      ownerId: a.ownerId,
      resourceType: a.resourceType,
      resourceId: a.resourceId ?? null,
      resourcePropertyName: a.resourcePropertyName ?? null,
      permissionTypes: a.permissionTypes,
    });
  }
}

// helpers

function readSaved(file: string): ServiceAccount | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

function assignRoles(identity: IdentityService, account: { username: string; roles: readonly string[] }): void {
  for (const roleId of account.roles) {
    try {
      identity.assignRole(roleId, 'USER', account.username);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  }
}
