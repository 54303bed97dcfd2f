import { defineConfig } from 'vitest/config';

/**
 * The suites that prove exactly-once and to-the-cent run again under every simulator profile that reads
 * real QBO's uncertain points differently (../shared/spec/QBO.md, last section): the worst reading of all
 * at once, and each requestid-replay variant on its own. Everything else runs once, against Intuit's docs.
 */
export const EXACTLY_ONCE_SUITES = [
  'test/integration/crash/crash-restart.test.ts',
  'test/integration/sync/fault-injection.test.ts',
  'test/integration/sync/modes-reconcile.test.ts',
  'test/integration/sync/iif-batch.test.ts',
  'test/integration/sync/look-before-resend.test.ts',
  'test/integration/session/manual-exports.test.ts',
  'test/integration/cutover/cutover-hold-replay.test.ts',
];
const MATRIX = ['field-reports', 'replay-ignored', 'replay-fault6000', 'replay-fault600', 'replay-cache-faults'];
// PORQBO_SIM_MATRIX=0 skips the matrix for a quick local run.
const matrix = process.env.PORQBO_SIM_MATRIX === '0' ? [] : MATRIX;

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native modules (better-sqlite3, keytar) and real servers: forks keep them isolated.
    pool: 'forks',
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      { extends: true, test: { name: 'intuit-docs', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'] } },
      ...matrix.map((profile) => ({
        extends: true as const,
        test: { name: profile, include: EXACTLY_ONCE_SUITES, env: { PORQBO_SIM_PROFILE: profile } },
      })),
    ],
  },
});
