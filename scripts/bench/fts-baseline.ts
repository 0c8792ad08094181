import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { shardPath, SHARDS } from '../../main/core/index/schema';

/** The plain FTS5 table the index's full-text pass is compared with: the same columns and tokenizer (no prefix index, as the index), nothing else. */
export const BARE_FTS_DDL = `CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')`;

export interface FtsBaseline {
  ms: number;
  rows: number;
}

/**
 * Bulk-inserts every text of a built index (the `docs` tables of its shards: post title and
 * body, each comment, each article) into one empty FTS5 table of a fresh database file, in one
 * transaction, and times only the insert (reading the texts back is part of it, as it is
 * for the index, which fills docs_fts from docs with INSERT … SELECT too). The shards are read
 * one after the other, each in rowid order, so nothing is sorted.
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
    for (let shard = 0; shard < SHARDS; shard++)
      db.prepare(`ATTACH DATABASE ? AS src${shard}`).run(shardPath(indexPath, shard));
    const started = performance.now();
    const rows = db.transaction(() => {
      let n = 0;
      for (let shard = 0; shard < SHARDS; shard++)
        n += db
          .prepare(`INSERT INTO t(title, body) SELECT title, body FROM src${shard}.docs ORDER BY rowid`)
          .run().changes;
      return n;
    })();
    const ms = performance.now() - started;
    for (let shard = 0; shard < SHARDS; shard++) db.exec(`DETACH DATABASE src${shard}`);
    return { ms, rows };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}
