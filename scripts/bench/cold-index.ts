import { join } from 'node:path';
import { runJsonChild } from './child';
import type { ColdIndexRun } from './index-child';

export type { ColdIndexRun } from './index-child';

const CHILD = join(import.meta.dirname, 'index-child.ts');
/** A cold index that takes longer than this is stuck. */
const TIMEOUT_MS = 20 * 60_000;

/** Runs one cold index of `root` into `indexPath` in a child process (node --import tsx), with the built parse worker when given. */
export function runColdIndex(root: string, indexPath: string, workerFile?: string): Promise<ColdIndexRun> {
  return runJsonChild<ColdIndexRun>(
    CHILD,
    [root, indexPath, ...(workerFile ? [workerFile] : [])],
    'the indexing process',
    TIMEOUT_MS,
  );
}
