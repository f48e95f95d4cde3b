import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

// Stryker's runs (npm run test:mutation) load the machine: an app's start (migrations, Fastify's
// onReady) can take longer than the suite's hook limit there, so only these runs allow more.
export default mergeConfig(
  base,
  defineConfig({
    // Stryker places its mutants through Vite's transform, so these runs keep Vite's module runner.
    test: { hookTimeout: 240_000, testTimeout: 120_000, experimental: { viteModuleRunner: true } },
  }),
);
