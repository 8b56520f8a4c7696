import { defineConfig } from 'vitest/config';

// Real-browser tests: the built extension in headless Chromium and Firefox ESR against local HTTPS replicas.
// One browser at a time on a 2-core machine: files run one after another.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
