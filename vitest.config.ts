import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time on these 2-core machines: the PGlite suite runs in about half the time
    // of one worker (each file has its own database, so files never share state).
    maxWorkers: 2,
    // Files and tests in a random order, so none leans on another; the seed is printed
    // ("Running tests with seed …"): replay an order with --sequence.seed=<n>.
    sequence: { shuffle: true },
  },
});
