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
    // Node's own import (type stripping, as in production) instead of Vite's module runner: the
    // code is erasable TypeScript, and each file's fresh copy of the app loads in about half the
    // time, which is most of a file's start.
    experimental: { viteModuleRunner: false },
  },
});
