import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeIssue {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page (WCAG 2 A/AA rules plus best practices) and returns the serious and critical
 * violations, each with the elements it names so a failure says where to look.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeIssue[]> {
  const loaded = await page.evaluate("typeof window.axe !== 'undefined'");
  // Evaluated through the debugging protocol rather than a <script> tag: the app's CSP forbids inline
  // scripts, and the test must not weaken the CSP it runs under.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  // A string runs in the page (this file is compiled for Node, without DOM types).
  const result = (await page.evaluate(
    "window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })",
  )) as { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}
