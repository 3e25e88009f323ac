/**
 * The account `npm start` runs its job workers (and its deployment of bpmn/ and forms/) with: a user of its own
 * whose random password lives only in a file under DATA_DIR (mode 0600), never on screen or in a log. Created on
 * the first start, reused afterwards, given a new password when the file or the user went missing.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { AlreadyExistsError } from '../errors.js';
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
    return saved;
  }
  const password = randomBytes(24).toString('base64url');
  const exists = identity.principal(account.username) !== undefined;
  if (exists) await identity.updateUser(account.username, { password });
  else await identity.createUser({ username: account.username, password, name: account.name });
  assignRoles(identity, account);
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify({ username: account.username, password }), { mode: 0o600 });
  renameSync(temporary, file);
  return { username: account.username, password };
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
