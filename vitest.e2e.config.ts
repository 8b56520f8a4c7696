import { defineConfig } from 'vitest/config';

// Real-browser tests: the built extension in headless Chromium and Firefox ESR against local HTTPS replicas.
// Two files at a time (this machine and CI have 2 cores); each file launches one browser at a time and serves its
// own replicas on a port of its own. Measured here: 18 min for all 384 tests, against 29 min one file after another.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
