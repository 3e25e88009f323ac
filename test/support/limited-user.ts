/**
 * A user holding exactly the given authorizations, made through /v2 as the admin: what the route guard's tests log
 * in as to see what one grant reaches.
 */
import { expect } from 'vitest';
import type { EngineFixture } from './engine-fixture.js';

export type Grant = [resourceType: string, resourceId: string, permissions: string[]];

export const jsonRequest = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export async function limitedUser(engine: EngineFixture, username: string, password: string, grants: Grant[]) {
  await engine.client.createUser({ username, password, name: username, email: '' });
  for (const [resourceType, resourceId, permissionTypes] of grants) {
    const created = await engine.fetch('/v2/authorizations', jsonRequest('POST', { ownerId: username, ownerType: 'USER', resourceType, resourceId, permissionTypes }));
    expect(created.status).toBe(201);
  }
  return { username, password };
}
