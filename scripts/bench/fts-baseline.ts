import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The plain FTS5 table the index's full-text pass is compared with: the same columns and tokenizer (no prefix index, as the index), nothing else. */
export const BARE_FTS_DDL = `CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')`;

export interface FtsBaseline {
  ms: number;
  rows: number;
}

/**
 * Bulk-inserts every text of a built index (its `docs` table: post title and body, each
 * comment, each article) into an empty FTS5 table of a fresh database file, in one
 * transaction, and times only the insert (reading the texts back is part of it, as it is
 * for the index, which fills docs_fts from docs with INSERT … SELECT too).
 */
export function timeBareFts(indexPath: string, workDir: string): FtsBaseline {
  const path = join(workDir, 'bare-fts.sqlite');
  const db = new Database(path);
  try {
    // The same settings the index opens with, so that only the work differs.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -64000');
    db.exec(BARE_FTS_DDL);
    db.prepare('ATTACH DATABASE ? AS src').run(indexPath);
    const started = performance.now();
    const rows = db.transaction(() => db.prepare('INSERT INTO t(title, body) SELECT title, body FROM src.docs ORDER BY rowid').run().changes)();
    const ms = performance.now() - started;
    db.exec('DETACH DATABASE src');
    return { ms, rows };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}
