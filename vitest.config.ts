import { defineConfig } from 'vitest/config';

// `npm test` runs on embedded PGlite; with DATABASE_URL set it runs the same suite on PostgreSQL.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // A timeout catches a hang, not slowness: long enough that a loaded 2-core machine never reaches it.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    env: { TZ: 'UTC', CAIRN_LOG: 'silent' },
    reporters: ['default'],
  },
});
