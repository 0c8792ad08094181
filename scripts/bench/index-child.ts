/**
 * One cold index in a process of its own, so that its peak memory is its own:
 *
 *   node --import tsx scripts/bench/index-child.ts <library> <index.sqlite> [<built parse-worker.js>]
 *
 * With a built worker (what the app runs) the parse workers start without compiling TypeScript.
 *
 * Prints one JSON line (ColdIndexRun) on stdout.
 */
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { openIndexDb } from '../../main/core/index/db';
import { ParsePool } from '../../main/core/index/pool';
import { indexQueries } from '../../main/core/index/queries';
import { shardPath, SHARDS } from '../../main/core/index/schema';
import type { IndexProgress } from '../../main/core/index/types';
import { updateIndex, type UpdateResult } from '../../main/core/index/update';

export interface ColdIndexRun {
  /** From opening the empty index to the post list read (onPostsReady, then posts()). */
  postListMs: number;
  /** From opening the empty index to the full-text index complete (the posts() read not counted). */
  totalMs: number;
  /** updateIndex's own figures. */
  result: UpdateResult;
  /** When each phase began, ms from the start. */
  phases: Partial<Record<IndexProgress['phase'], number>>;
  postsListed: number;
  /** Peak resident memory of this process (all threads), bytes. */
  maxRssBytes: number;
  /** Index files (the index and its shards) while still open (.sqlite, -wal), and the .sqlite once closed (the WAL is checkpointed away). */
  sqliteBytes: number;
  walBytes: number;
  closedBytes: number;
}

const size = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

async function run(root: string, indexPath: string, workerFile?: string): Promise<ColdIndexRun> {
  const started = performance.now();
  const phases: ColdIndexRun['phases'] = {};
  let postListMs = 0;
  let listQueryMs = 0;
  let postsListed = 0;
  const db = openIndexDb(indexPath);
  const pool = new ParsePool(Math.max(1, availableParallelism()), workerFile ? { workerFile } : {});
  try {
    const result = await updateIndex(db, root, {
      pool,
      onProgress: (p) => (phases[p.phase] ??= performance.now() - started),
      onPostsReady: () => {
        const before = performance.now();
        postsListed = indexQueries(db).posts().length;
        postListMs = performance.now() - started;
        listQueryMs = performance.now() - before;
      },
    });
    const totalMs = performance.now() - started - listQueryMs;
    // The index and its full-text shards (schema.ts).
    const bases = [indexPath, ...Array.from({ length: SHARDS }, (_, shard) => shardPath(indexPath, shard))];
    const total = (suffix: string) => bases.reduce((n, base) => n + size(`${base}${suffix}`), 0);
    const sqliteBytes = total('');
    const walBytes = total('-wal');
    db.close();
    // The workers' connections too: the last connection to a file to close checkpoints its WAL away.
    await pool.close();
    return {
      postListMs,
      totalMs,
      result,
      phases,
      postsListed,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      sqliteBytes,
      walBytes,
      closedBytes: total('') + total('-wal'),
    };
  } finally {
    await pool.close();
    if (db.open) db.close();
  }
}

const [root, indexPath, workerFile] = process.argv.slice(2);
if (!root || !indexPath) {
  process.stderr.write('usage: index-child.ts <library> <index.sqlite>\n');
  process.exitCode = 2;
} else {
  run(root, indexPath, workerFile).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    },
  );
}
