import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';
import { expect } from './fixtures';

/**
 * The rules the suite holds every view to: WCAG 2.0, 2.1 and 2.2 at A and AA (2.2 AA brings
 * `target-size`, 24×24 CSS px), and axe's best practices (landmarks, headings, one main, unique
 * region names), which a screen-reader user moving by landmark and heading relies on.
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AccessibleOptions {
  /**
   * CSS selectors axe leaves out. Only for what the app does not own; every use needs a comment
   * saying why. Views the app draws are fixed, never excluded.
   */
  exclude?: string[];
}

/** One violation as a line a person can act on: rule, impact, where, and what is wrong. */
export function describeViolation(violation: Result): string {
  const nodes = violation.nodes.map((node) => {
    const summary = (node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ').trim();
    return `    ${node.target.join(' ')}\n      ${summary}`;
  });
  return `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help}\n${nodes.join('\n')}`;
}

/** Runs axe over the whole page with {@link AXE_TAGS}; the result, unfiltered. */
export async function runAxe(page: Page, options: AccessibleOptions = {}): Promise<AxeResults> {
  let builder = new AxeBuilder({ page }).options({
    runOnly: { type: 'tag', values: AXE_TAGS },
    // Off by default in axe-core (enabled: false) even though it is a WCAG 2.2 AA rule: turned on by name.
    rules: { 'target-size': { enabled: true } },
  });
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  return builder.analyze();
}

/** Fails with a readable list (rule id, impact, target selectors, summary) if axe finds any violation in the page. */
export async function expectAccessible(page: Page, label: string, options: AccessibleOptions = {}): Promise<void> {
  const results = await runAxe(page, options);
  const report = results.violations.map(describeViolation);
  expect(report, `axe violations in ${label}:\n${report.join('\n')}`).toEqual([]);
}

/** Fails if the focus has dropped to the page (the body) or to nothing after an action. */
export async function expectFocusNotLost(page: Page, after = 'the last action'): Promise<void> {
  const focused = await page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active === document.documentElement) return null;
    return `${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''}${active.getAttribute('aria-label') ? `[aria-label="${active.getAttribute('aria-label')}"]` : ''}`;
  });
  expect(focused, `the focus dropped to the page body after ${after}`).not.toBeNull();
}

/** The three ways a view is looked at: the light and dark schemes, and the system's forced colours (Windows High Contrast). */
export const MODES = ['light', 'dark', 'forced-colours'] as const;
export type Mode = (typeof MODES)[number];

/** Puts the page in one of {@link MODES}. */
export async function emulateMode(page: Page, mode: Mode): Promise<void> {
  await page.emulateMedia({
    colorScheme: mode === 'dark' ? 'dark' : 'light',
    forcedColors: mode === 'forced-colours' ? 'active' : 'none',
  });
}

/**
 * Checks the view on screen in every mode: axe finds nothing, and (with `shoot`) a screenshot
 * per mode, `axe-<name>-<mode>.png`, to look at. Every mode is checked before failing, so one
 * run lists all of them. Leaves the page in light mode.
 */
export async function expectAccessibleInAllModes(
  page: Page,
  name: string,
  options: AccessibleOptions & { shoot?: (name: string) => Promise<void> } = {},
): Promise<void> {
  const report: string[] = [];
  for (const mode of MODES) {
    await emulateMode(page, mode);
    const results = await runAxe(page, options);
    report.push(...results.violations.map((violation) => `[${mode}] ${describeViolation(violation)}`));
    await options.shoot?.(`axe-${name}-${mode}`);
  }
  await emulateMode(page, 'light');
  expect(report, `axe violations in ${name}:\n${report.join('\n')}`).toEqual([]);
}
