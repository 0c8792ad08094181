import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJsonChild } from './child';
import type { FtsBulkRun } from './fts-bulk-child';

export type { FtsBulkRun } from './fts-bulk-child';

const CHILD = join(import.meta.dirname, 'fts-bulk-child.ts');

/**
 * The plain FTS5 bulk load of the library's texts (fts-bulk-child.ts), parse included, by one
 * thread with durability off, in a process of its own; its database is removed afterwards.
 */
export async function timeFtsBulkLoad(root: string, files: string[], workDir: string): Promise<FtsBulkRun> {
  const list = join(workDir, 'bulk-files.json');
  const out = join(workDir, 'bulk-fts.sqlite');
  writeFileSync(list, JSON.stringify(files));
  try {
    return await runJsonChild<FtsBulkRun>(CHILD, [root, list, out], 'the FTS5 bulk load', 30 * 60_000);
  } finally {
    for (const path of [list, out, `${out}-journal`]) rmSync(path, { force: true });
  }
}
