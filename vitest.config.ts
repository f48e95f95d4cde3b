import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files and tests in a random order, so none leans on another; the seed is printed
    // ("Running tests with seed …"): replay an order with --sequence.seed=<n>.
    sequence: { shuffle: true },
  },
});
