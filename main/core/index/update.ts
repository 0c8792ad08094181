import { lstatSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isLibraryFileName, listLibraryFiles } from '../library/load';
import { abandonColdBuild, finishColdBuild, resetIfStale, startColdBuild, type IndexDb } from './db';
import { failedFile, type ParsedFile, type ParseMode } from './parse-file';
import { ParsePool } from './pool';
import type { ExtractBatch } from './extract-batch';
import { deferBands, regroup, regroupPending } from './regroup';
import type { IndexProgress } from './types';
import { writer, writeSecondPass, type ExtractJob } from './write';

export interface UpdateOptions {
  /** Parses files; a shared pool is reused across updates. One is made (and closed) when absent. */
  pool?: ParsePool;
  onProgress?(progress: IndexProgress): void;
  /** Called once the post list can be read (structure indexed), before the second pass (articles and full text). */
  onPostsReady?(): void;
  /** Stops between batches; what was written stays valid, and the next update carries on. */
  signal?: AbortSignal;
  /** The better-sqlite3 native module the workers' own connections load (Electron's build). */
  nativeBinding?: string;
  /**
   * The paths that changed, relative to the root with "/" (a folder watcher's events; a removed
   * folder's path stands for the files the index has under it). Only these are looked at, and the
   * rest of the folder is taken to be as the index has it, so a change costs the same in a library
   * of any size. Without it (and after a rebuild), every file is listed and compared.
   */
  changed?: string[];
}

export interface UpdateResult {
  files: number;
  parsed: number;
  unchanged: number;
  removed: number;
  posts: number;
  comments: number;
  articles: number;
  problems: number;
  /** Ids of the posts sent to the second pass (their comments' read-state keys may have changed). */
  extractedPosts: string[];
  /** Why everything was parsed again, when it was ("parser version 1 → 2"). */
  rebuilt: string | null;
  /** Milliseconds until the post list was ready, and in all. */
  postsReadyMs: number;
  totalMs: number;
  cancelled: boolean;
}

/** Files to write per transaction: big enough to amortise commits, small enough to stay responsive. */
const BATCH = 64;
/**
 * Files per batch (and transaction) in the second pass, which a worker parses and writes. A
 * commit, and a worker's connection finding its page cache stale after the other's write, cost
 * the same however many files a batch holds: 32 files hold the write lock for clearly less of
 * the pass than 16.
 */
const EXTRACT_BATCH = 32;
/** Files a parse worker is sent in one message in the first pass. */
const PARSE_CHUNK = 16;
/** Chunks handed to the pool at a time (the pool keeps a few queued per worker). */
const IN_FLIGHT = 8;

/** Files stat'ed between yields to the event loop: a blocking stat takes microseconds, a trip through the thread pool far longer. */
const STAT_CHUNK = 500;

/**
 * The seed files under `root`, with their size and modification time. `stat: false` (an empty
 * index, where every file is new) only lists them: the parse workers read each file's size and
 * time anyway, and a stat of every file first would hold back the first file of a big library.
 */
async function scan(root: string, stat: boolean): Promise<Map<string, { size: number; mtimeMs: number } | null>> {
  const files = await listLibraryFiles(root);
  const found = new Map<string, { size: number; mtimeMs: number } | null>();
  if (!stat) {
    for (const file of files) found.set(file, null);
    return found;
  }
  for (let i = 0; i < files.length; i += STAT_CHUNK) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const file of files.slice(i, i + STAT_CHUNK)) {
      const info = statSync(join(root, file), { throwIfNoEntry: false });
      // Gone between listing and stat: it is simply not there.
      if (info) found.set(file, { size: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return found;
}

type Known = Map<string, { size: number; mtime_ms: number }>;

/**
 * What the index and the disk hold of some changed paths (UpdateOptions.changed): the index's
 * files at each path or under it, and the seed files there on disk (as listSeedFiles() counts
 * them: a regular file with a library extension whose name does not start with a dot).
 */
function scanChanged(
  db: IndexDb,
  root: string,
  changed: string[],
): { known: Known; onDisk: Map<string, { size: number; mtimeMs: number }> } {
  const knownAt = db.prepare(
    "SELECT path, size, mtime_ms FROM files WHERE path = ? OR (path > ? || '/' AND path < ? || '0')",
  );
  const known: Known = new Map();
  const onDisk = new Map<string, { size: number; mtimeMs: number }>();
  for (const path of new Set(changed)) {
    for (const row of knownAt.all(path, path, path) as { path: string; size: number; mtime_ms: number }[])
      known.set(row.path, row);
    if (!isLibraryFileName(path.slice(path.lastIndexOf('/') + 1))) continue;
    const info = lstatSync(join(root, path), { throwIfNoEntry: false });
    if (info?.isFile()) onDisk.set(path, { size: info.size, mtimeMs: info.mtimeMs });
  }
  return { known, onDisk };
}

/**
 * The heap a worker of its own gets for a file that a pool worker ran out of memory on: room for
 * every post of the file at once, its texts and articles (measured: a 200 MB export's posts take
 * 171 MB of heap), up to 4 GB.
 */
function heapFor(root: string, file: string): number {
  const mb = (statSync(join(root, file), { throwIfNoEntry: false })?.size ?? 0) / 2 ** 20;
  return Math.min(4096, Math.ceil(256 + 3 * mb));
}

const outOfMemory = (error: Error): boolean => /memory/i.test(error.message);

/** A feed or export's file name. */
const FEED_FILE = /\.(xml|atom)$/i;

/** The feeds with posts the index holds in the same folder as a file (not in its subfolders). */
function feedsBesideOf(db: IndexDb): (file: string) => string[] {
  const withPosts = db.prepare(
    "SELECT DISTINCT file FROM posts WHERE file > ? AND file < ? AND format IN ('atom', 'blogger-export')",
  );
  return (file) => {
    const folder = file.slice(0, file.lastIndexOf('/') + 1);
    return (withPosts.pluck().all(folder, `${folder}\uffff`) as string[]).filter(
      (other) => other !== file && !other.slice(folder.length).includes('/') && FEED_FILE.test(other),
    );
  };
}

/** Why a file failed when its parse worker died on it (or ran out of memory), as its problem says. */
const workerFailure = (error: Error): string =>
  /memory/i.test(error.message)
    ? 'it needed more memory than a parse worker may use'
    : `the parse worker stopped (${error.message})`;

/**
 * Parses files in the pool, keeping every worker busy, and hands the results to `write` in
 * batches in path order (so which of two copies of a post keeps its id does not depend on which
 * worker finished first), holding only a few batches in memory. Files go to the workers
 * PARSE_CHUNK at a time (a message each way per file is a real share of the first post list's
 * time); a chunk whose worker died is parsed again a file at a time, so only the file that
 * kills a worker fails. False when cancelled.
 */
async function parseInOrder(
  pool: ParsePool,
  root: string,
  files: string[],
  mode: (file: string) => ParseMode,
  write: (results: ParsedFile[]) => void,
  signal?: AbortSignal,
): Promise<boolean> {
  if (!files.length) return true;
  let batch: ParsedFile[] = [];
  const flush = () => {
    if (batch.length) write(batch);
    batch = [];
  };
  const done = new Map<number, ParsedFile[]>();
  let nextToWrite = 0;
  let cancelled = false;
  // At most IN_FLIGHT chunks handed to the pool: one waiter woken per finished chunk.
  let running = 0;
  let wake: (() => void) | null = null;
  let allDone: (() => void) | null = null;
  const finished = () => {
    running--;
    wake?.();
    wake = null;
    if (running === 0) allDone?.();
  };
  let failure: unknown = null;
  for (let index = 0; index * PARSE_CHUNK < files.length && failure === null; index++) {
    if (signal?.aborted) {
      cancelled = true;
      break;
    }
    const chunk = files.slice(index * PARSE_CHUNK, (index + 1) * PARSE_CHUNK);
    running++;
    void pool
      .parseMany(
        root,
        chunk.map((file) => ({ file, mode: mode(file) })),
      )
      .catch(() =>
        Promise.all(
          chunk.map((file) =>
            pool
              .parse(root, file, mode(file))
              // Out of memory: a file this big (a whole blog's export) is read again in a worker with room for it.
              .catch((error: Error) =>
                outOfMemory(error)
                  ? pool.alone<ParsedFile>([{ kind: 'parse', root, file, mode: mode(file) }], heapFor(root, file))
                  : Promise.reject(error),
              )
              .catch((error: Error) => failedFile(file, workerFailure(error))),
          ),
        ),
      )
      .then((results) => {
        done.set(index, results);
        while (done.has(nextToWrite)) {
          batch.push(...done.get(nextToWrite)!);
          done.delete(nextToWrite++);
        }
        if (batch.length >= BATCH) flush();
      })
      // Writing failed (the disk is full, the index was closed): stop, and say so to the caller.
      .catch((error: unknown) => (failure ??= error))
      .finally(finished);
    while (running >= IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
  }
  if (running > 0) await new Promise<void>((resolve) => (allDone = resolve));
  if (failure !== null) throw failure;
  flush();
  return !cancelled;
}

/**
 * The second pass in the workers, in batches (one transaction each), two in hand per worker
 * (so that a cancel stops within a few batches). A batch whose worker dies is run again a file at a time, so that only the file that
 * kills a worker fails (listed as a problem, tried again on the next update). False when cancelled.
 */
async function extractInWorkers(
  db: IndexDb,
  pool: ParsePool,
  root: string,
  jobs: ExtractJob[],
  options: UpdateOptions,
  onWritten: (files: number) => void,
  building: boolean,
): Promise<boolean> {
  const w = writer(db);
  const batches: ExtractJob[][] = [];
  for (let i = 0; i < jobs.length; i += EXTRACT_BATCH) batches.push(jobs.slice(i, i + EXTRACT_BATCH));
  const extractBatch: ExtractBatch = {
    root,
    dbPath: db.name,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(building ? { building } : {}),
    jobs: [],
  };
  const run = async (batch: ExtractJob[]): Promise<void> => {
    try {
      await pool.extract({ ...extractBatch, jobs: batch });
      onWritten(batch.length);
    } catch (error) {
      if (batch.length > 1) {
        for (const job of batch) await run([job]);
        return;
      }
      const job = batch[0]!;
      if (outOfMemory(error as Error)) {
        const alone: ExtractBatch = { ...extractBatch, jobs: [job] };
        const merge = {
          kind: 'merge-terms',
          dbPath: db.name,
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          building,
        } as const;
        const done = await pool
          .alone([{ kind: 'extract', batch: alone }, merge], heapFor(root, job.path))
          .then(() => true)
          .catch(() => false);
        if (done) {
          onWritten(1);
          return;
        }
      }
      db.transaction(() =>
        writeSecondPass(w, [{ job, result: failedFile(job.path, workerFailure(error as Error)) }]),
      )();
      onWritten(1);
    }
  };
  let next = 0;
  let cancelled = false;
  const lane = async () => {
    while (next < batches.length) {
      if (options.signal?.aborted) {
        cancelled = true;
        return;
      }
      await run(batches[next++]!);
    }
  };
  // Two batches in hand per worker: a worker parses the second while the other holds the write
  // lock (task-loop.ts), and starts its next batch without a round trip.
  await Promise.all(Array.from({ length: pool.workerCount * 2 }, lane));
  return !cancelled;
}

/**
 * What an update must do: the files the index knows that are gone from the folder, and the
 * files new on disk or whose size or modification time changed, in path order. A file listed
 * without a stamp (an empty index does not stat) counts as changed.
 */
function changesOf(
  known: Map<string, { size: number; mtime_ms: number }>,
  onDisk: Map<string, { size: number; mtimeMs: number } | null>,
): { removed: string[]; toParse: string[] } {
  const removed = [...known.keys()].filter((path) => !onDisk.has(path));
  const toParse = [...onDisk]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([path, info]) => {
      const was = known.get(path);
      return !was || !info || was.size !== info.size || was.mtime_ms !== info.mtimeMs;
    })
    .map(([path]) => path);
  return { removed, toParse };
}

/**
 * Writes a batch of first-pass results: a new file is written; a file the index knew is written
 * again only when its bytes changed (its hash), otherwise just given its new size and time.
 */
function writeStructures(w: ReturnType<typeof writer>, known: Map<string, unknown>, results: ParsedFile[]): string[] {
  const reread: string[] = [];
  for (const result of results) {
    if (!known.has(result.file)) {
      w.write(result, false);
      continue;
    }
    const was = w.s.fileByPath.get(result.file) as { hash: string } | undefined;
    if (was && was.hash === result.hash) w.s.touchFile.run(result.size, result.mtimeMs, result.file);
    else reread.push(...w.write(result));
  }
  return reread;
}

/** How many files, posts, comments, articles and problems the index holds. */
function libraryCounts(db: IndexDb): {
  files: number;
  posts: number;
  comments: number;
  articles: number;
  problems: number;
} {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM files) AS files, (SELECT count(*) FROM posts) AS posts, (SELECT coalesce(sum(found_count), 0) FROM posts) AS comments,
              (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM problems) AS problems`,
    )
    .get() as { files: number; posts: number; comments: number; articles: number; problems: number };
}

/**
 * Brings the index of `root` up to date: parses only files whose size or modification time
 * changed (and whose bytes did change), drops removed files, and rebuilds everything after a
 * schema or parser version change. Files are parsed in worker threads; a file that cannot be
 * read becomes an error problem and never stops the rest.
 */
export async function updateIndex(db: IndexDb, root: string, options: UpdateOptions = {}): Promise<UpdateResult> {
  const started = performance.now();
  const rebuilt = resetIfStale(db, root);
  options.onProgress?.({ phase: 'scanning', done: 0, total: 0 });
  const pool = options.pool ?? new ParsePool(Math.max(1, availableParallelism()));
  const indexed = db.prepare('SELECT 1 FROM files LIMIT 1').get() !== undefined;
  let known: Known;
  let onDisk: Map<string, { size: number; mtimeMs: number } | null>;
  const onlyChanged = Boolean(options.changed && indexed && !rebuilt);
  let cold = false;
  const diedWriting = pool.diedWriting;
  if (onlyChanged) ({ known, onDisk } = scanChanged(db, root, options.changed!));
  else {
    known = new Map(
      (
        db.prepare('SELECT path, size, mtime_ms FROM files').all() as { path: string; size: number; mtime_ms: number }[]
      ).map((r) => [r.path, r]),
    );
    // The pool starts its workers on the first file only (a warm reopen starts none); an empty
    // index will parse every file, so its workers start while the folder is listed.
    if (!known.size) pool.warm();
    // An empty index is built as a cache: its full-text shards into new files, durability off (db.ts).
    cold = !known.size && db.name !== ':memory:' && !db.readonly;
    // No worker may hold the old shards open as they are removed; asked now, answered as the folder is listed
    // (a worker that dies meanwhile is replaced by one with no connection).
    const released = cold ? pool.releaseIndex().catch(() => undefined) : null;
    onDisk = await scan(root, known.size > 0);
    if (cold) {
      await released;
      startColdBuild(db);
    }
  }
  const { removed, toParse } = changesOf(known, onDisk);
  const w = writer(db);
  // Files that hold another form of a post whose file changed or went: read again, one of them shows it now.
  const reread = new Set<string>();
  // A comments feed's comments are read with the posts feeds beside it (feed.ts companionFeedsOf()).
  const feedsBeside = feedsBesideOf(db);
  const commentsFeedChanged = (file: string) =>
    feedsBeside(file).forEach((feed) => {
      if (toParse.includes(feed)) return;
      w.s.staleFile.run(feed);
      reread.add(feed);
    });
  db.transaction(() =>
    removed.forEach((file) => {
      if (FEED_FILE.test(file) && w.s.postsOfFile.all(file).length === 0) commentsFeedChanged(file);
      w.removeFile(file).forEach((other) => reread.add(other));
    }),
  )();

  const toExtract = (): ExtractJob[] => {
    const postsOf = db.prepare('SELECT part, id FROM posts WHERE file = ? ORDER BY part').raw();
    return (
      db.prepare('SELECT path, size, mtime_ms AS mtimeMs FROM files WHERE extracted = 0 ORDER BY path').all() as Omit<
        ExtractJob,
        'posts'
      >[]
    ).map((job) => ({ ...job, posts: postsOf.all(job.path) as [number, string][] }));
  };
  let parsed = 0;
  let cancelled: boolean;
  let extracted = 0;
  let extractedPosts: string[] = [];
  let postsReadyMs: number;
  try {
    // First pass: structure only, so the post list is there as soon as the files are parsed.
    const total = toParse.length;
    options.onProgress?.({ phase: 'parsing', done: 0, total });
    cancelled = !(await parseInOrder(
      pool,
      root,
      toParse,
      // A file the index knows is hashed, to tell a touched file from a changed one.
      (file) => (known.has(file) ? 'structure' : 'new'),
      (results) =>
        db.transaction(() => {
          writeStructures(w, known, results).forEach((other) => reread.add(other));
          for (const result of results)
            if ((result.format === 'atom' || result.format === 'blogger-export') && result.posts.length === 0)
              commentsFeedChanged(result.file);
          parsed += results.length;
          options.onProgress?.({ phase: 'parsing', done: parsed, total });
        })(),
      options.signal,
    ));
    // Rarely more than one round: a file read again here can only send back files read since.
    for (let round = 0; reread.size && !cancelled && round < 4; round++) {
      const again = [...reread].filter((file) => !removed.includes(file)).sort();
      reread.clear();
      cancelled = !(await parseInOrder(
        pool,
        root,
        again,
        () => 'structure',
        (results) =>
          db.transaction(() => {
            for (const result of results) w.write(result).forEach((other) => reread.add(other));
          })(),
        options.signal,
      ));
    }
    postsReadyMs = performance.now() - started;
    options.onPostsReady?.();

    // Second pass: articles and the texts to search, for every post not done yet, parsed and
    // written into the index by the workers themselves.
    if (!cancelled) {
      const pending = toExtract();
      extractedPosts = pending.flatMap((job) => job.posts.map(([, id]) => id));
      if (pending.length)
        db.transaction(() => {
          w.clearPendingTexts();
          deferBands(db, pending.length);
        })();
      options.onProgress?.({ phase: 'extracting', done: 0, total: pending.length });
      cancelled = !(await extractInWorkers(
        db,
        pool,
        root,
        pending,
        options,
        (written) => {
          extracted += written;
          options.onProgress?.({ phase: 'extracting', done: extracted, total: pending.length });
        },
        cold,
      ));
      // What was written is searchable: its words join the shards' top lists, also when cancelled.
      // A merge that fails (its worker died) leaves lists missing those texts; search then
      // finds them through FTS5 (rank.ts), so the update carries on.
      if (extracted) await pool.mergeTermLists(db.name, options.nativeBinding, cold).catch(() => 0);
    }
    if (cold) {
      await pool.releaseIndex();
      // A worker that died in the middle of writing may have left a shard half-written (no journal to roll back with).
      if (pool.diedWriting !== diedWriting)
        throw new Error('a parse worker stopped while writing the new index; it is built again on the next update');
      finishColdBuild(db);
      // Their heaps, grown over the whole library, would stay as long as they do: grouping and the reader come next.
      await pool.rest();
    }
  } catch (error) {
    if (cold) {
      await pool.releaseIndex().catch(() => undefined);
      abandonColdBuild(db);
    }
    throw error;
  } finally {
    if (!options.pool) await pool.close();
  }

  if (extracted || removed.length || rebuilt || regroupPending(db)) {
    options.onProgress?.({ phase: 'grouping', done: 0, total: 1 });
    regroup(db);
  }
  const counts = libraryCounts(db);
  options.onProgress?.({ phase: 'done', done: 1, total: 1 });
  // Only the changed looked at: the files the index holds are those on disk (a file that failed too).
  const files = onlyChanged ? counts.files : onDisk.size;
  return {
    ...counts,
    files,
    parsed,
    unchanged: files - toParse.length,
    removed: removed.length,
    extractedPosts,
    rebuilt,
    postsReadyMs,
    totalMs: performance.now() - started,
    cancelled,
  };
}
