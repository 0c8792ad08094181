import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJsonChild } from './child';
import type { ReaderRun } from './reader-child';

export type { ReaderRun } from './reader-child';

const CHILD = join(import.meta.dirname, 'reader-child.ts');

/** The reader's memory with the library at `root` open (its index built in `profileDir`) and searched for `queries` (reader-child.ts). */
export async function measureReader(
  root: string,
  profileDir: string,
  queries: string[],
  workDir: string,
  workerFile?: string,
): Promise<ReaderRun> {
  const list = join(workDir, 'reader-queries.json');
  writeFileSync(list, JSON.stringify(queries));
  try {
    return await runJsonChild<ReaderRun>(
      CHILD,
      [root, profileDir, list, ...(workerFile ? [workerFile] : [])],
      'the reader process',
      10 * 60_000,
    );
  } finally {
    rmSync(list, { force: true });
  }
}
