#!/usr/bin/env node
// Sums the unit (vitest) and e2e (Playwright) JSON reports into one closing line:
// "N passed, N failed, N skipped". Lists every skipped test with the reason it gives, so a
// reader can check it. Exits 1 on any failure, a missing report, or a test skipped without a reason.
import { readFileSync } from 'node:fs';

const reports = [
  [
    'unit',
    'reports/unit.json',
    (r) => ({
      passed: r.numPassedTests,
      failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0),
      skipped: r.numPendingTests + r.numTodoTests,
    }),
  ],
  [
    'e2e',
    'reports/e2e.json',
    (r) => ({
      passed: r.stats.expected + r.stats.flaky,
      failed: r.stats.unexpected + (r.errors?.length ?? 0),
      skipped: r.stats.skipped,
    }),
  ],
];

/**
 * Skipped tests, each with its reason: Playwright's skip annotations; for vitest, the `skipReason` a test
 * puts in its task's meta before `ctx.skip()` (test-support/skip.ts), which the JSON report carries.
 */
const skippedWithReasons = {
  unit: (r) =>
    r.testResults.flatMap((file) =>
      file.assertionResults
        .filter((t) => t.status === 'pending' || t.status === 'skipped' || t.status === 'todo')
        .map((t) => ({ title: `${file.name} › ${t.fullName}`, reason: t.meta?.skipReason ?? null })),
    ),
  e2e: (r) => {
    const found = [];
    const walk = (suite, path) => {
      for (const spec of suite.specs ?? [])
        for (const test of spec.tests)
          if (test.status === 'skipped') {
            const reason = test.annotations.find((a) => a.type === 'skip' || a.type === 'fixme')?.description ?? null;
            found.push({ title: [...path, spec.title].join(' › '), reason });
          }
      for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
    };
    for (const suite of r.suites ?? []) walk(suite, [suite.title]);
    return found;
  },
};

const total = { passed: 0, failed: 0, skipped: 0 };
let unexplained = 0;
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
  for (const { title, reason } of skippedWithReasons[name](JSON.parse(readFileSync(path, 'utf8')))) {
    console.log(`  skipped: ${title}\n    because: ${reason ?? 'NO REASON GIVEN: give one, or let it run'}`);
    if (!reason) unexplained++;
  }
  for (const key of Object.keys(total)) total[key] += counts[key];
}
if (missing) total.failed += 1;
if (unexplained) console.error(`${unexplained} test(s) skipped without a reason; counting the run as failed.`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 || unexplained > 0 ? 1 : 0);
