/**
 * HTTP Basic on the request path: a header verified once is remembered (by its SHA-256) so the next calls skip
 * the password check, and every identity change forgets it, so a remembered header never outlives the password
 * or the user it was verified for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine?.stop();
});

const me = (as: { username: string; password: string }) => engine.fetch('/v2/authentication/me', { as });

describe('a remembered Basic header', () => {
  it('should be refused once the password changed, with the Basic challenge, while the new password works', async () => {
    // given
    const old = { username: 'qin-lan', password: 'qin-old-secret' };
    await engine.client.createUser({ ...old, name: '秦岚', email: '' });
    const first = await me(old);
    const remembered = await me(old);

    // when
    await engine.fetch('/v2/users/qin-lan', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'qin-new-secret' }) });
    const withOld = await me(old);
    const withNew = await me({ username: 'qin-lan', password: 'qin-new-secret' });

    // then
    expect([first.status, remembered.status]).toEqual([200, 200]);
    expect(withOld.status).toBe(401);
    expect(withOld.headers.get('www-authenticate')).toContain('Basic');
    expect(withNew.status).toBe(200);
  });

  it('should be refused once the user is deleted', async () => {
    // given
    const user = { username: 'gao-feng', password: 'gao-secret-1' };
    await engine.client.createUser({ ...user, name: '高峰', email: '' });
    const before = await me(user);

    // when
    await engine.fetch('/v2/users/gao-feng', { method: 'DELETE' });
    const after = await me(user);

    // then
    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
  });

  it('should carry the permissions of the moment: a grant removed after the header was remembered is no longer held', async () => {
    // given: a clerk whose header is remembered, then given and refused the READ of users
    const clerk = { username: 'zhang-min', password: 'demo' };
    expect((await engine.fetch('/v2/users/demo', { as: clerk })).status).toBe(403);
    const granted = await engine.fetch('/v2/authorizations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ownerId: 'zhang-min', ownerType: 'USER', resourceId: '*', resourceType: 'USER', permissionTypes: ['READ'] }),
    });
    const { authorizationKey } = (await granted.json()) as { authorizationKey: string };
    const whileGranted = await engine.fetch('/v2/users/demo', { as: clerk });

    // when
    await engine.fetch(`/v2/authorizations/${authorizationKey}`, { method: 'DELETE' });
    const afterRevoke = await engine.fetch('/v2/users/demo', { as: clerk });

    // then
    expect(whileGranted.status).toBe(200);
    expect(afterRevoke.status).toBe(403);
  });

  it('should not stand in for a different header of the same user (a wrong password is still checked)', async () => {
    // given
    await me({ username: 'li-jing', password: 'demo' });

    // when
    const wrong = await me({ username: 'li-jing', password: 'not-her-password' });

    // then
    expect(wrong.status).toBe(401);
  });
});
