/**
 * `npm run screenshots`: runs the e2e files that picture every screen with PORQBO_SCREENSHOTS=docs, so
 * they write docs/screenshots/ (an ordinary test run writes test-results/ and leaves the tree clean).
 */
import { spawnSync } from 'node:child_process';

const files = ['test/e2e/new-user-practice.test.ts', 'test/e2e/clerk-view.test.ts', 'test/e2e/history-at-scale.test.ts'];
const result = spawnSync('npx', ['vitest', 'run', '--project', 'intuit-docs', ...files], {
  stdio: 'inherit',
  env: { ...process.env, PORQBO_SCREENSHOTS: 'docs' },
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
