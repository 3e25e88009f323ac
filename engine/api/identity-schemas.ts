/** Zod schemas of the identity endpoints' bodies and ids (Camunda 8.8's id pattern). */
import { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';

const ID = /^[A-Za-z0-9_~@.+-]{1,256}$/;

export const idSchema = z.string().regex(ID, 'letters, digits and _~@.+- only (1–256)');

/** A path id (username, groupId, roleId), checked by hand like the keys. */
export function parseIdParam(value: string | undefined, name: string): string {
  if (value === undefined || !ID.test(value)) throw new InvalidArgumentError(`${name} must be letters, digits and _~@.+- (1–256), got '${value ?? ''}'`);
  return value;
}

export const newUserSchema = z.object({
  username: idSchema,
  password: z.string().min(1).max(256),
  name: z.string().max(256).optional(),
  email: z.string().max(256).optional(),
});

export const userChangesSchema = z.object({
  password: z.string().max(256).optional(),
  name: z.string().max(256).optional(),
  email: z.string().max(256).optional(),
});

export const newGroupSchema = z.object({ groupId: idSchema, name: z.string().min(1).max(256), description: z.string().max(1024).optional() });
export const newRoleSchema = z.object({ roleId: idSchema, name: z.string().min(1).max(256), description: z.string().max(1024).optional() });
export const nameChangesSchema = z.object({ name: z.string().min(1).max(256), description: z.string().max(1024).optional() });
