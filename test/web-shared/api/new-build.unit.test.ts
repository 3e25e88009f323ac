/**
 * The bundle's own build against the one the server names in its answers (new-build.ts): another build is noticed
 * once, the same one or none says nothing, and code run unbundled (no build compiled in) never claims an upgrade.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

async function freshModule(own: string | undefined) {
  vi.resetModules();
  if (own !== undefined) vi.stubGlobal('__WEB_BUILD__', own);
  return import('../../../web-shared/src/api/new-build.js');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('new build', () => {
  it('should tell its listeners once when an answer names another build than the bundle’s', async () => {
    // given a bundle of build a1
    const build = await freshModule('a1');
    const told: string[] = [];
    build.onNewBuild(() => told.push('told'));

    // when answers name the same build, none, then another one twice
    build.noteServerBuild('a1');
    build.noteServerBuild(null);
    expect(build.newBuildServed()).toBe(false);
    build.noteServerBuild('b2');
    build.noteServerBuild('b2');

    // then the listener hears it once
    expect(build.newBuildServed()).toBe(true);
    expect(told).toEqual(['told']);
  });

  it('should compare nothing when no build is compiled in', async () => {
    const build = await freshModule(undefined);
    build.noteServerBuild('b2');
    expect(build.newBuildServed()).toBe(false);
  });
});
