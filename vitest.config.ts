import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // against a shared cluster (CAMUNDA_TEST_CLUSTER=1) one file at a time: files pin the one clock of the cluster
    fileParallelism: process.env.CAMUNDA_TEST_CLUSTER !== '1',
    // against a cluster: the demo users, groups, roles and authorizations of config/, created once per run
    globalSetup: ['test/support/cluster-global-setup.ts'],
    maxWorkers: 2,
    // tests wait on work the engine and the job workers do in the background with expect.poll / vi.waitFor
    expect: { poll: { timeout: 10_000, interval: 25 } },
  },
});
