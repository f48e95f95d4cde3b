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
    // A page's first fetch can take seconds on a busy 2-core machine; vitest's default poll gives up
    // after one second (every expect.poll here waits for the page, never for a fixed time).
    expect: { poll: { timeout: 15_000 } },
  },
});
