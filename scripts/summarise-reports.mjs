#!/usr/bin/env node
// Sums the unit (vitest) and e2e (Playwright) JSON reports into one closing line:
// "N passed, N failed, N skipped". Exits 1 on any failure or a missing report.
import { readFileSync } from 'node:fs';

const reports = [
  [
    'unit',
    'reports/unit.json',
    (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0), skipped: r.numPendingTests + r.numTodoTests }),
  ],
  [
    'e2e',
    'reports/e2e.json',
    (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected + (r.errors?.length ?? 0), skipped: r.stats.skipped }),
  ],
];

const total = { passed: 0, failed: 0, skipped: 0 };
let missing = false;
for (const [name, path, count] of reports) {
  let counts;
  try {
    counts = count(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    console.error(`${name}: report ${path} is missing or unreadable (${error.message}); counting the run as failed.`);
    missing = true;
    continue;
  }
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of Object.keys(total)) total[key] += counts[key];
}
if (missing) total.failed += 1;
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
