import { defineConfig } from 'vitest/config';

// Browser tests: a real Cairn server on PGlite, driven by Debian Chromium through playwright-core, with axe.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { TZ: 'UTC', CAIRN_LOG: 'silent' },
  },
});
