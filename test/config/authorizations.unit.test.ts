/**
 * config/authorizations.json: valid for the first start (every permission belongs to its resource type), every
 * role's groups are office posts of config/roles.json, and every office post gets a role.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authorizationsFileSchema } from '../../engine/identity/identity-seed.js';

const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../config/${name}`, import.meta.url), 'utf8'));
const posts = (readJson('roles.json') as { roles: { id: string; external: boolean }[] }).roles.filter((r) => !r.external).map((r) => r.id);

describe('config/authorizations.json', () => {
  it('should be a valid roles and authorizations file', () => {
    // when
    const result = authorizationsFileSchema.safeParse(readJson('authorizations.json'));

    // then
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('should give roles only to office posts, give every post a role, and own authorizations by its roles only', () => {
    // given
    const { roles, authorizations } = authorizationsFileSchema.parse(readJson('authorizations.json'));

    // when
    const groups = roles.flatMap((role) => role.groups);
    const owners = new Set(authorizations.map((a) => `${a.ownerType} ${a.ownerId}`));

    // then
    expect(groups.filter((group) => !posts.includes(group))).toEqual([]);
    expect(posts.filter((post) => !groups.includes(post))).toEqual([]);
    expect([...owners].sort()).toEqual(roles.map((role) => `ROLE ${role.roleId}`).sort());
  });
});
