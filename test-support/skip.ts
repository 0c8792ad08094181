import type { TestContext } from 'vitest';

/**
 * Skips the running vitest test and records why in its task's meta, which the JSON report
 * carries: the test summary (scripts/summarise-reports.mjs) lists the reason, and fails the run
 * on a skip that gives none.
 */
export function skipBecause(context: TestContext, reason: string): never {
  (context.task.meta as Record<string, unknown>)['skipReason'] = reason;
  context.skip(reason);
  throw new Error('unreachable: context.skip() throws');
}
