/**
 * config/users.json: the demo users of the office. Every group is an office role of config/roles.json, every
 * office role has a user, and the two review steps have two people each, so four-eyes (四眼原则) can be shown.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const usersSchema = z.strictObject({
  users: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/),
      nameZh: z.string().regex(/^\p{Script=Han}{2,4}$/u, 'a Chinese display name'),
      groups: z.array(z.string()).min(1),
    }),
  ),
});
const rolesSchema = z.object({ roles: z.array(z.object({ id: z.string(), external: z.boolean() })) });

const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../config/${name}`, import.meta.url), 'utf8'));
const { users } = usersSchema.parse(readJson('users.json'));
const { roles } = rolesSchema.parse(readJson('roles.json'));
const officeRoles = roles.filter((r) => !r.external).map((r) => r.id);

describe('config/users.json', () => {
  it('should give users only office roles of config/roles.json', () => {
    // when
    const unknown = users.flatMap((u) => u.groups.filter((g) => !officeRoles.includes(g)).map((g) => `${u.id}: ${g}`));

    // then
    expect(unknown).toEqual([]);
  });

  it('should have a user for every office role, and two for each review step (four-eyes)', () => {
    // when
    const count = (role: string) => users.filter((u) => u.groups.includes(role)).length;

    // then
    expect(officeRoles.filter((role) => count(role) === 0)).toEqual([]);
    expect(count('window-first-review')).toBeGreaterThanOrEqual(2);
    expect(count('window-second-review')).toBeGreaterThanOrEqual(2);
  });

  it('should name every user once', () => {
    // when
    const ids = users.map((u) => u.id);

    // then
    expect(new Set(ids).size).toBe(ids.length);
  });
});
