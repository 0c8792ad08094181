import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JavaScript script without type declarations
import { parseCsv, reviewOf } from './electronegativity.mjs';

const REPORT = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'CSP_GLOBAL_CHECK,"LOW","TENTATIVE","main/index.js","3139:13",N/A,"Failed to parse CSP, it may not be valid.",https://x/CSP',
  'PRELOAD_JS_CHECK,"MEDIUM","FIRM","main/index.js","3166:3","preload: join(import.meta.dirname, ""../preload/index.cjs"")","Review the use of preload scripts",https://x/PRELOAD',
  '',
].join('\n');

describe('electronegativity report', () => {
  it('reads quoted fields, commas inside quotes and doubled quotes', () => {
    expect(parseCsv(REPORT)).toEqual([
      {
        issue: 'CSP_GLOBAL_CHECK',
        severity: 'LOW',
        confidence: 'TENTATIVE',
        filename: 'main/index.js',
        location: '3139:13',
        sample: 'N/A',
        description: 'Failed to parse CSP, it may not be valid.',
        url: 'https://x/CSP',
      },
      {
        issue: 'PRELOAD_JS_CHECK',
        severity: 'MEDIUM',
        confidence: 'FIRM',
        filename: 'main/index.js',
        location: '3166:3',
        sample: 'preload: join(import.meta.dirname, "../preload/index.cjs")',
        description: 'Review the use of preload scripts',
        url: 'https://x/PRELOAD',
      },
    ]);
  });

  it('matches a reviewed entry by its check and a piece of the sample', () => {
    const reviewed = [
      { check: 'CONTEXT_ISOLATION_JS_CHECK', sample: 'new BrowserWindow(' },
      { check: 'SANDBOX_JS_CHECK', sample: 'new BrowserWindow(' },
    ];
    const finding = { issue: 'SANDBOX_JS_CHECK', sample: 'const window = new BrowserWindow({' };
    expect(reviewOf(finding, reviewed)).toBe(reviewed[1]);
    expect(reviewOf({ ...finding, sample: 'new BrowserView({' }, reviewed)).toBeUndefined();
    expect(reviewOf({ ...finding, issue: 'NODE_INTEGRATION_JS_CHECK' }, reviewed)).toBeUndefined();
  });
});
