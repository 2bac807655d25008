import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start hubs on ephemeral ports with their own database files;
    // they can run in parallel files, but each file runs its tests in order.
    fileParallelism: true,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
