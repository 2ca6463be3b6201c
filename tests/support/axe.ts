/**
 * axe-core in the page (WCAG 2 A and AA rules only): the violations, one line per rule and
 * node, so a failing test names what to fix.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export async function wcagViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}
