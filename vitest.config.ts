import { defineConfig } from 'vitest/config';

/**
 * Tests that measure time or memory (a latency bound, a resident-memory bound, a
 * flood) run on their own, one file at a time, after the others: on a two-core
 * machine other test files running beside them would be measured too.
 */
const MEASURING = [
  'test/integration/pg-contention.test.ts',
  'test/integration/broker-flood.test.ts',
  'test/integration/broker-memory.test.ts',
  'test/integration/login-throttle.test.ts',
  'test/integration/crash-taps.test.ts',
  'test/integration/reader-latency.test.ts',
  'test/e2e/app-site-scale.test.ts',
  'test/integration/upload-memory.test.ts',
  'test/integration/cluster.test.ts',
  'test/integration/cluster-outage.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: MEASURING,
          // Integration tests start hubs on ephemeral ports with their own database files;
          // they can run in parallel files, but each file runs its tests in order.
          fileParallelism: true,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'measuring', include: MEASURING, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
