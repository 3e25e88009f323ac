import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // tests wait on work the engine and the job workers do in the background with expect.poll / vi.waitFor
    expect: { poll: { timeout: 10_000, interval: 25 } },
  },
});
