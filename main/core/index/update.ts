import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { groupByKeys } from '../articles';
import type { Problem } from '../parse';
import { listLibraryFiles } from '../library/load';
import { resetIfStale, type IndexDb } from './db';
import { failedFile, type ParsedFile, type ParseMode } from './parse-file';
import { ParsePool } from './pool';

/** Where a long update is, for a progress bar. */
export interface IndexProgress {
  phase: 'scanning' | 'parsing' | 'extracting' | 'grouping' | 'full-text' | 'done';
  done: number;
  total: number;
}

export interface UpdateOptions {
  /** Parses files; a shared pool is reused across updates. One is made (and closed) when absent. */
  pool?: ParsePool;
  onProgress?(progress: IndexProgress): void;
  /** Called once the post list can be read (structure indexed), before the full-text pass. */
  onPostsReady?(): void;
  /** Stops between batches; what was written stays valid, and the next update carries on. */
  signal?: AbortSignal;
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
 * Files per transaction in the second pass, whose writes include the full-text index (a few
 * milliseconds a file): a batch holds the thread for about a tenth of a second.
 */
const EXTRACT_BATCH = 24;
/** Files handed to the pool at a time (the pool keeps a few queued per worker). */
const IN_FLIGHT = 32;
/** Full-text rows per transaction: small enough that the thread serves the window between batches. */
const FTS_BATCH = 5_000;

/** Files stat'ed between yields to the event loop: a blocking stat takes microseconds, a trip through the thread pool far longer. */
const STAT_CHUNK = 500;

async function scan(root: string): Promise<Map<string, { size: number; mtimeMs: number }>> {
  const files = await listLibraryFiles(root);
  const found = new Map<string, { size: number; mtimeMs: number }>();
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

/** The warning for a second file holding the same post (same date and title), shown under its own id. */
function renamedProblem(parsed: ParsedFile, otherFile: string, renamed: string): Problem {
  return {
    file: parsed.file,
    line: parsed.post!.line,
    severity: 'warning',
    message: `Another file (${otherFile}) holds a post with the same date and title; this copy is shown separately as "${renamed}".`,
  };
}

/** Statements used while writing. */
function writer(db: IndexDb) {
  const s = {
    fileByPath: db.prepare('SELECT hash FROM files WHERE path = ?'),
    upsertFile: db.prepare(
      'INSERT INTO files(path, size, mtime_ms, hash, post_id, extracted) VALUES (@path, @size, @mtimeMs, @hash, @postId, @extracted) ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash, post_id = excluded.post_id, extracted = excluded.extracted',
    ),
    deleteArticlesOf: db.prepare('DELETE FROM articles WHERE post_id = ?'),
    deleteDocsOf: db.prepare('DELETE FROM docs WHERE post_id = ?'),
    setArticleCount: db.prepare('UPDATE posts SET article_count = ? WHERE id = ?'),
    setExtracted: db.prepare('UPDATE files SET extracted = 1, hash = ? WHERE path = ?'),
    touchFile: db.prepare('UPDATE files SET size = ?, mtime_ms = ? WHERE path = ?'),
    deleteFile: db.prepare('DELETE FROM files WHERE path = ?'),
    deletePostOfFile: db.prepare('DELETE FROM posts WHERE file = ?'),
    deleteProblemsOfFile: db.prepare('DELETE FROM problems WHERE file = ?'),
    postIdTaken: db.prepare('SELECT file FROM posts WHERE id = ?'),
    insertPost: db.prepare(
      'INSERT INTO posts(id, file, date, date_text, title, line, declared_count, found_count, article_count) VALUES (@id, @file, @date, @dateText, @title, @line, @declared, @found, @articleCount)',
    ),
    insertProblem: db.prepare('INSERT INTO problems(file, line, severity, message) VALUES (?, ?, ?, ?)'),
    insertArticle: db.prepare(
      'INSERT INTO articles(id, post_id, ord, kind, source_key, source_name, source_kind, site, title, url, url_key, preview, fingerprint) VALUES (@id, @postId, @ord, @kind, @sourceKey, @sourceName, @sourceKind, @site, @title, @url, @urlKey, @preview, @fingerprint)',
    ),
    insertDoc: db.prepare('INSERT INTO docs(post_id, kind, ref, source_key, title, body, indexed) VALUES (?, ?, ?, ?, ?, ?, 1)'),
    insertFts: db.prepare('INSERT INTO docs_fts(rowid, title, body) VALUES (?, ?, ?)'),
  };

  /** Replaces what the index holds for one file with its structure (first pass: the post list). */
  function write(parsed: ParsedFile, known = true) {
    // A file the index has never seen has nothing to replace.
    if (known) {
      s.deletePostOfFile.run(parsed.file);
      s.deleteProblemsOfFile.run(parsed.file);
    }
    let postId: string | null = parsed.post?.id ?? null;
    const problems = [...parsed.problems];
    if (parsed.post && postId) {
      const taken = s.postIdTaken.get(postId) as { file: string } | undefined;
      if (taken && taken.file !== parsed.file) {
        postId = `${postId}~${parsed.file.replace(/[^a-zA-Z0-9]+/g, '-')}`;
        problems.push(renamedProblem(parsed, taken.file, postId));
      }
    }
    s.upsertFile.run({ path: parsed.file, size: parsed.size, mtimeMs: parsed.mtimeMs, hash: parsed.hash, postId, extracted: parsed.post && postId ? 0 : 1 });
    for (const p of problems) s.insertProblem.run(p.file, p.line, p.severity, p.message);
    if (!parsed.post || !postId) return;
    const post = parsed.post;
    s.insertPost.run({
      id: postId,
      file: parsed.file,
      date: post.date,
      dateText: post.dateText,
      title: post.title,
      line: post.line,
      declared: post.declaredCommentCount,
      found: post.foundCommentCount,
      articleCount: parsed.articleCount,
    });
    if (parsed.articles.length || parsed.docs.length) writeExtracted(parsed, postId);
  }

  /** Adds a post's articles and search texts (second pass), replacing any it had. */
  function writeExtracted(parsed: ParsedFile, postId: string) {
    const original = parsed.post!.id;
    const rename = (id: string) => (postId === original ? id : `${postId}${id.slice(original.length)}`);
    s.deleteArticlesOf.run(postId);
    s.deleteDocsOf.run(postId);
    // The full parse's problems (the first pass read only the head and the count) replace the first pass's.
    if (parsed.post) {
      s.deleteProblemsOfFile.run(parsed.file);
      const problems = [...parsed.problems];
      const other = postId === original ? undefined : (s.postIdTaken.get(original) as { file: string } | undefined);
      if (other) problems.push(renamedProblem(parsed, other.file, postId));
      for (const p of problems) s.insertProblem.run(p.file, p.line, p.severity, p.message);
    }
    for (const a of parsed.articles) {
      s.insertArticle.run({
        ...a,
        id: rename(a.id),
        postId,
        fingerprint: a.fingerprint ? Buffer.from(new Uint32Array(a.fingerprint).buffer) : null,
      });
    }
    // Each text goes into the full-text index as it is stored (in the same transaction), so the
    // index is complete when the last file is extracted, with no second read of the texts.
    for (const d of parsed.docs) {
      const rowid = s.insertDoc.run(postId, d.kind, d.kind === 'article' && d.ref ? rename(d.ref) : d.ref, d.sourceKey, d.title, d.body).lastInsertRowid;
      s.insertFts.run(rowid, d.title, d.body);
    }
    s.setArticleCount.run(parsed.articleCount, postId);
    s.setExtracted.run(parsed.hash, parsed.file);
  }
  return { s, write, writeExtracted };
}

/** Recomputes which articles are the same piece quoted in several posts. */
function regroup(db: IndexDb) {
  const rows = db.prepare('SELECT id, url_key, fingerprint FROM articles').all() as { id: string; url_key: string | null; fingerprint: Buffer | null }[];
  const keys = rows.map((r) => ({
    id: r.id,
    urlKey: r.url_key,
    fingerprint: r.fingerprint ? Array.from(new Uint32Array(r.fingerprint.buffer, r.fingerprint.byteOffset, r.fingerprint.byteLength / 4)) : null,
  }));
  const others = groupByKeys(keys);
  const update = db.prepare('UPDATE articles SET group_id = ? WHERE id = ?');
  db.transaction(() => {
    db.prepare('UPDATE articles SET group_id = NULL WHERE group_id IS NOT NULL').run();
    for (const [id, rest] of others) update.run([id, ...rest].sort()[0]!, id);
  })();
}

/** Adds every text not yet in the full-text index (left by an older, cancelled update), in batches. */
async function indexFullText(db: IndexDb, options: UpdateOptions): Promise<boolean> {
  const pending = (db.prepare('SELECT count(*) AS n FROM docs WHERE indexed = 0').get() as { n: number }).n;
  let done = 0;
  const next = db.prepare('SELECT rowid FROM docs WHERE indexed = 0 ORDER BY rowid LIMIT 1 OFFSET ?');
  const insert = db.prepare('INSERT INTO docs_fts(rowid, title, body) SELECT rowid, title, body FROM docs WHERE indexed = 0 AND rowid < ?');
  const mark = db.prepare('UPDATE docs SET indexed = 1 WHERE indexed = 0 AND rowid < ?');
  while (done < pending) {
    if (options.signal?.aborted) return false;
    const boundary = (next.get(FTS_BATCH) as { rowid: number } | undefined)?.rowid ?? Number.MAX_SAFE_INTEGER;
    const step = db.transaction(() => {
      const added = insert.run(boundary).changes;
      mark.run(boundary);
      return added;
    })();
    done += step;
    options.onProgress?.({ phase: 'full-text', done, total: pending });
    if (step === 0) break;
    // Let the thread answer the window (IPC, events) between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

/**
 * Parses files in the pool, keeping every worker busy, and hands the results to `write` in
 * batches in path order (so which of two copies of a post keeps its id does not depend on which
 * worker finished first), holding only a few batches in memory. False when cancelled.
 */
async function parseInOrder(
  pool: ParsePool,
  root: string,
  files: string[],
  mode: ParseMode | ((file: string) => ParseMode),
  write: (results: ParsedFile[]) => void,
  signal?: AbortSignal,
  batchSize = BATCH,
): Promise<boolean> {
  if (!files.length) return true;
  let batch: ParsedFile[] = [];
  const flush = () => {
    if (batch.length) write(batch);
    batch = [];
  };
  const done = new Map<number, ParsedFile>();
  let nextToWrite = 0;
  let cancelled = false;
  // At most IN_FLIGHT files handed to the pool: one waiter woken per finished file (not a race
  // over every file in flight, which cost a handler per file per file).
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
  for (let index = 0; index < files.length && failure === null; index++) {
    if (signal?.aborted) {
      cancelled = true;
      break;
    }
    const file = files[index]!;
    running++;
    void pool
      .parse(root, file, typeof mode === 'function' ? mode(file) : mode)
      .catch((error: Error) =>
        failedFile(file, /memory/i.test(error.message) ? 'it needed more memory than a parse worker may use' : `the parse worker stopped (${error.message})`),
      )
      .then((result) => {
        done.set(index, result);
        while (done.has(nextToWrite)) {
          batch.push(done.get(nextToWrite)!);
          done.delete(nextToWrite++);
        }
        if (batch.length >= batchSize) flush();
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
 * Brings the index of `root` up to date: parses only files whose size or modification time
 * changed (and whose bytes did change), drops removed files, and rebuilds everything after a
 * schema or parser version change. Files are parsed in worker threads; a file that cannot be
 * read becomes an error problem and never stops the rest.
 */
export async function updateIndex(db: IndexDb, root: string, options: UpdateOptions = {}): Promise<UpdateResult> {
  const started = performance.now();
  const rebuilt = resetIfStale(db, root);
  options.onProgress?.({ phase: 'scanning', done: 0, total: 0 });
  const known = new Map(
    (db.prepare('SELECT path, size, mtime_ms FROM files').all() as { path: string; size: number; mtime_ms: number }[]).map((r) => [r.path, r]),
  );
  // The pool starts its workers on the first file only (a warm reopen starts none); an empty
  // index will parse every file, so its workers start while the folder is listed.
  const pool = options.pool ?? new ParsePool(Math.max(1, availableParallelism()));
  if (!known.size) pool.warm();
  const onDisk = await scan(root);
  const removed = [...known.keys()].filter((path) => !onDisk.has(path));
  const toParse = [...onDisk]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([path, info]) => {
      const was = known.get(path);
      return !was || was.size !== info.size || was.mtime_ms !== info.mtimeMs;
    });
  const { s, write, writeExtracted } = writer(db);
  db.transaction(() => removed.forEach((path) => s.deleteFile.run(path)))();

  const toExtract = () =>
    db.prepare('SELECT path, post_id AS postId, size, mtime_ms AS mtimeMs FROM files WHERE extracted = 0 ORDER BY path').all() as {
      path: string;
      postId: string;
      size: number;
      mtimeMs: number;
    }[];
  let parsed = 0;
  let cancelled: boolean;
  let extracted = 0;
  let postsReadyMs: number;
  try {
    // First pass: structure only, so the post list is there as soon as the files are parsed.
    const total = toParse.length;
    options.onProgress?.({ phase: 'parsing', done: 0, total });
    cancelled = !(await parseInOrder(
      pool,
      root,
      toParse.map(([file]) => file),
      // A file the index knows is hashed, to tell a touched file from a changed one.
      (file) => (known.has(file) ? 'structure' : 'new'),
      (results) =>
        db.transaction(() => {
          for (const result of results) {
            if (!known.has(result.file)) {
              write(result, false);
              continue;
            }
            const was = s.fileByPath.get(result.file) as { hash: string } | undefined;
            if (was && was.hash === result.hash) s.touchFile.run(result.size, result.mtimeMs, result.file);
            else write(result);
          }
          parsed += results.length;
          options.onProgress?.({ phase: 'parsing', done: parsed, total });
        })(),
      options.signal,
    ));
    postsReadyMs = performance.now() - started;
    options.onPostsReady?.();

    // Second pass: articles and the texts to search, for every post not done yet.
    if (!cancelled) {
      const pending = toExtract();
      const byPath = new Map(pending.map((f) => [f.path, f]));
      options.onProgress?.({ phase: 'extracting', done: 0, total: pending.length });
      cancelled = !(await parseInOrder(
        pool,
        root,
        pending.map((f) => f.path),
        'full',
        (results) =>
          db.transaction(() => {
            for (const result of results) {
              const known = byPath.get(result.file)!;
              // Changed again since the first pass: the next update (the watcher's) takes it from the top.
              if (result.size === known.size && result.mtimeMs === known.mtimeMs && result.post && known.postId) writeExtracted(result, known.postId);
              else if (result.hash === 'failed') {
                // Listed now, and parsed again from the top by the next update.
                for (const p of result.problems) s.insertProblem.run(p.file, p.line, p.severity, p.message);
                s.touchFile.run(-1, -1, result.file);
              }
              extracted++;
            }
            options.onProgress?.({ phase: 'extracting', done: extracted, total: pending.length });
          })(),
        options.signal,
        EXTRACT_BATCH,
      ));
    }
  } finally {
    if (!options.pool) await pool.close();
  }

  if (extracted || removed.length || rebuilt) {
    options.onProgress?.({ phase: 'grouping', done: 0, total: 1 });
    regroup(db);
  }
  if (!cancelled) cancelled = !(await indexFullText(db, options));
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM posts) AS posts, (SELECT coalesce(sum(found_count), 0) FROM posts) AS comments,
              (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM problems) AS problems`,
    )
    .get() as { posts: number; comments: number; articles: number; problems: number };
  options.onProgress?.({ phase: 'done', done: 1, total: 1 });
  return {
    files: onDisk.size,
    parsed,
    unchanged: onDisk.size - toParse.length,
    removed: removed.length,
    ...counts,
    rebuilt,
    postsReadyMs,
    totalMs: performance.now() - started,
    cancelled,
  };
}
