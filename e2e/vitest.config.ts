import { defineConfig } from 'vitest/config';

// Browser tests start a real server and Chromium: slow, and one file at a time keeps them predictable.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    setupFiles: ['e2e/support/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
