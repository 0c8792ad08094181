import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../../scripts/corpus';
import { listLibraryFiles } from '../library/load';
import { openIndexDb, type IndexDb } from './db';
import { ParsePool, type WorkerSettings } from './pool';
import { indexQueries } from './queries';
import { buildingShardPath, SHARD_SCHEMAS, SHARDS, shardPath } from './schema';
import { searchTimeline } from './search/timeline';
import type { IndexProgress } from './types';
import { updateIndex } from './update';

const CHILD = join(import.meta.dirname, '../../../test-support/cold-build-child.ts');

let dir: string;
/** Generated libraries: SMALL posts, and twice as many. */
const SMALL = 70;
const small = () => join(dir, 'small');
const large = () => join(dir, 'large');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threadline-cold-'));
  await writeCorpus({ posts: SMALL, longThread: 0, out: small() });
  await writeCorpus({ posts: SMALL * 2, longThread: 0, out: large() });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const buildingFiles = (indexPath: string) =>
  Array.from({ length: SHARDS }, (_, shard) => buildingShardPath(indexPath, shard)).filter((path) => existsSync(path));

/**
 * The workers' settings, asked as the last second-pass batch is written, while they still run
 * (after a cold build, the pool stops them: ParsePool.rest()).
 */
function workersAtTheEnd(pool: ParsePool) {
  let asked: Promise<WorkerSettings[]> | null = null;
  return {
    onProgress: ({ phase, done, total }: IndexProgress) => {
      if (phase === 'extracting' && done === total && done > 0) asked ??= pool.settings();
    },
    settings: () => asked ?? Promise.reject(new Error('the second pass never ended')),
  };
}

const journalModes = (db: IndexDb) =>
  ['main', ...SHARD_SCHEMAS].map((schema) => db.pragma(`${schema}.journal_mode`, { simple: true }));

describe('a cold build', () => {
  it('writes the full text into new files with durability off, readable as it fills, then swaps them in and rests the workers', async () => {
    const indexPath = join(dir, 'swap/index.sqlite');
    const db = openIndexDb(indexPath);
    const pool = new ParsePool(2);
    try {
      const seen: { posts: number; building: string[]; modes: unknown[]; hits: number }[] = [];
      const look = () =>
        seen.push({
          posts: indexQueries(db).posts().length,
          building: buildingFiles(indexPath),
          modes: journalModes(db),
          hits: searchTimeline(db, 'the').total,
        });
      let looked = false;
      const atTheEnd = workersAtTheEnd(pool);
      const result = await updateIndex(db, small(), {
        pool,
        onPostsReady: look,
        onProgress: (progress) => {
          atTheEnd.onProgress(progress);
          if (progress.phase === 'extracting' && progress.done > 0 && !looked) {
            looked = true;
            look();
          }
        },
      });
      expect(result.cancelled).toBe(false);
      // The post list from the window's connection, while the texts go into the new files.
      expect(seen[0]).toMatchObject({
        posts: SMALL,
        building: [buildingShardPath(indexPath, 0), buildingShardPath(indexPath, 1)],
        modes: ['wal', 'off', 'off'],
      });
      expect(seen[1]!.hits).toBeGreaterThan(0);
      // The workers wrote their shards without a journal or syncing too.
      const workers = await atTheEnd.settings();
      expect(workers.map((w) => w.connection?.s0?.journalMode)).toEqual(['off', 'off']);
      expect(workers.map((w) => w.connection?.s1?.synchronous)).toEqual([0, 0]);
      // Then the pool stopped its workers, and starts fresh ones for the next task.
      expect(await pool.settings()).toEqual([]);
      const [first] = await listLibraryFiles(small());
      expect((await pool.parse(small(), first!, 'structure')).posts).toHaveLength(1);
      expect(await pool.settings()).toHaveLength(2);
      // Swapped in: no building file left, the shards in place with their write-ahead log, searchable.
      expect(buildingFiles(indexPath)).toEqual([]);
      expect(journalModes(db)).toEqual(['wal', 'wal', 'wal']);
      const hits = searchTimeline(db, 'the').total;
      expect(hits).toBeGreaterThan(seen[1]!.hits);
      db.close();
      // Reopened, it is the same index: nothing parsed again.
      const again = openIndexDb(indexPath);
      try {
        const warm = await updateIndex(again, small(), { pool });
        expect(warm).toMatchObject({ rebuilt: null, parsed: 0, posts: SMALL });
        expect(searchTimeline(again, 'the').total).toBe(hits);
        expect(buildingFiles(indexPath)).toEqual([]);
      } finally {
        again.close();
      }
    } finally {
      if (db.open) db.close();
      await pool.close();
    }
  });

  it('leaves no broken index when its process is killed midway: the next update starts afresh and cleans up', async () => {
    const indexPath = join(dir, 'crash/index.sqlite');
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, small(), indexPath, '1'], { stdio: 'pipe' });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', (_code, signal) => resolve(`${stdout.trim()} ${signal}`));
    });
    expect(output).toBe('killing SIGKILL');
    // Killed with the new shards half-built beside the index.
    expect(buildingFiles(indexPath).length).toBeGreaterThan(0);
    const db = openIndexDb(indexPath);
    const pool = new ParsePool(2);
    try {
      const result = await updateIndex(db, small(), { pool });
      expect(result.rebuilt).toBe('a full-text file was missing or from another index');
      expect(result).toMatchObject({ cancelled: false, posts: SMALL, parsed: SMALL });
      expect(buildingFiles(indexPath)).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const schema of SHARD_SCHEMAS)
        expect(db.pragma(`${schema}.integrity_check`, { simple: true }), schema).toBe('ok');
      // Every post's texts are there once: as many posts with texts as posts.
      const postsWithTexts = SHARD_SCHEMAS.map(
        (schema) => db.prepare(`SELECT count(DISTINCT post_id) AS n FROM ${schema}.docs`).get() as { n: number },
      );
      expect(postsWithTexts.reduce((sum, { n }) => sum + n, 0)).toBeGreaterThanOrEqual(SMALL);
      expect(searchTimeline(db, 'the').total).toBeGreaterThan(0);
      expect(existsSync(shardPath(indexPath, 0))).toBe(true);
    } finally {
      db.close();
      await pool.close();
    }
  }, 120_000);
});

describe('memory bounds', () => {
  /** Page caches per connection and database file, and the workers' heap limits, after a cold index of `library`. */
  async function boundsAfterIndexing(library: string, name: string) {
    const db = openIndexDb(join(dir, `${name}/index.sqlite`));
    const pool = new ParsePool(2);
    const caches = () =>
      Object.fromEntries(['main', ...SHARD_SCHEMAS].map((s) => [s, db.pragma(`${s}.cache_size`, { simple: true })]));
    // The main connection's, read as the post list is ready, as the texts are written, and at the end.
    const main: Record<string, unknown>[] = [];
    const atTheEnd = workersAtTheEnd(pool);
    try {
      const result = await updateIndex(db, library, {
        pool,
        onPostsReady: () => main.push(caches()),
        onProgress: (progress) => {
          atTheEnd.onProgress(progress);
          if (progress.phase === 'extracting' && progress.done > 0 && main.length === 1) main.push(caches());
        },
      });
      main.push(caches());
      const workers: WorkerSettings[] = await atTheEnd.settings();
      return {
        posts: result.posts,
        main,
        workers: workers.map((w) => ({
          limits: w.resourceLimits,
          caches: w.connection && Object.fromEntries(Object.entries(w.connection).map(([s, c]) => [s, c.cacheSize])),
        })),
      };
    } finally {
      db.close();
      await pool.close();
    }
  }

  it('caches as many pages per connection, and gives workers the same heaps, for a library twice the size', async () => {
    const one = await boundsAfterIndexing(small(), 'bounds-small');
    const two = await boundsAfterIndexing(large(), 'bounds-large');
    expect(two.posts).toBe(2 * one.posts);
    // Every connection and worker was measured: none missing from the comparison.
    expect(one.main).toHaveLength(3);
    for (const caches of one.main) expect(Object.keys(caches)).toEqual(['main', ...SHARD_SCHEMAS]);
    expect(one.workers).toHaveLength(2);
    for (const worker of one.workers) {
      expect(Object.keys(worker.caches ?? {})).toEqual(['main', ...SHARD_SCHEMAS]);
      expect(worker.limits.maxOldGenerationSizeMb).toBeGreaterThan(0);
    }
    expect(two.main).toEqual(one.main);
    expect(two.workers).toEqual(one.workers);
  }, 120_000);
});
