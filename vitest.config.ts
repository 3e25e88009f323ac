import { defineConfig } from 'vitest/config';
import { filesChangingProcessState } from './test/support/process-wide-state.js';

// files share their worker's process, loading the engine, the web apps and Playwright once per worker; a file that
// mocks, stubs or fakes what the whole process shares gets fresh modules and mocks, and its group of files processes of
// their own (test/support/process-wide-state.ts)
const ownModules = filesChangingProcessState();

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // (vitest's forks pool takes this from the root only; without it every file gets a new process)
    poolOptions: { forks: { isolate: false } },
    // against a shared cluster (CAMUNDA_TEST_CLUSTER=1) one file at a time: files pin the one clock of the cluster
    fileParallelism: process.env.CAMUNDA_TEST_CLUSTER !== '1',
    // against a cluster: the demo users, groups, roles and authorizations of config/, created once per run
    globalSetup: ['test/support/cluster-global-setup.ts'],
    maxWorkers: 2,
    // tests wait on work the engine and the job workers do in the background with expect.poll / vi.waitFor
    expect: { poll: { timeout: 10_000, interval: 25 } },
    // vitest runs one project's files after the other's and starts new worker processes between them
    projects: [
      { extends: true, test: { name: 'own-modules', include: ownModules, poolOptions: { forks: { isolate: true } } } },
      { extends: true, test: { name: 'shared-modules', include: ['test/**/*.test.ts'], exclude: ownModules, poolOptions: { forks: { isolate: false } } } },
    ],
  },
});
