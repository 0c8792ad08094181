import { BAND_COUNT, bandBucket } from '../articles';
import type { Problem, SourceFormat } from '../parse';
import type { IndexDb } from './db';
import type { ParsedFile, ParsedPost } from './parse-file';
import { nextRowid, SHARD_SCHEMAS, SHARDS } from './schema';
import type { TermCollector } from './term-lists';

/**
 * The warning for a second file holding the same post (same date and title, same form), kept
 * under an id of its own; the message names the other file, never an id, which means nothing to the reader.
 */
function copyProblem(file: string, line: number, otherFile: string): Problem {
  return {
    file,
    line,
    severity: 'warning',
    message: `Another file (${otherFile}) holds a post with the same date and title; this copy is listed separately, marked as a copy.`,
  };
}

/** The warning for a page that holds two posts with the same date and title. */
const twiceProblem = (file: string, line: number): Problem => ({
  file,
  line,
  severity: 'warning',
  message:
    'The page holds another post with the same date and title before this one; this one is listed separately, marked as a copy.',
});

/**
 * How much a form tells of a post (authors, times, threading, links): when the library has a post
 * in two forms, it is shown from the richer one.
 */
const RICHNESS: Record<SourceFormat, number> = { text: 0, html: 1, atom: 2, 'blogger-export': 3 };

/** The id a copy of a post gets: the post's own, with its file (and its place in the file). */
const copyId = (postId: string, file: string, part: number): string =>
  `${postId}~${file.replace(/[^a-zA-Z0-9]+/g, '-')}${part ? `~${part}` : ''}`;

/** A post's article ids under the id the index gave it (a second copy of a post gets its own, write()). */
const renamer =
  (parsed: ParsedPost, postId: string) =>
  (id: string): string => {
    const original = parsed.post.id;
    return postId === original ? id : `${postId}${id.slice(original.length)}`;
  };

/** The file is as the first pass saw it, and it was parsed: its results can be stored. */
const unchanged = ({ job, result }: { job: ExtractJob; result: ParsedFile }): boolean =>
  result.size === job.size && result.mtimeMs === job.mtimeMs && result.posts.length > 0 && job.posts.length > 0;

/** Statements that write one shard's texts (schema.ts). */
function shardStatements(db: IndexDb, t: string) {
  return {
    hasDocs: db.prepare(`SELECT 1 FROM ${t}.docs WHERE post_id = ? LIMIT 1`).pluck(),
    deleteDocsOf: db.prepare(`DELETE FROM ${t}.docs WHERE post_id = ?`),
    maxRowid: db.prepare(`SELECT max(rowid) FROM ${t}.docs`).pluck(),
    rowidHigh: db.prepare(`SELECT value FROM ${t}.meta WHERE key = 'rowid_high'`).pluck(),
    setRowidHigh: db.prepare(
      `INSERT INTO ${t}.meta(key, value) VALUES ('rowid_high', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    ),
    insertDoc: db.prepare(
      `INSERT INTO ${t}.docs(rowid, post_id, kind, ref, source_key, title, body, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    ftsFromDocs: db.prepare(
      `INSERT INTO ${t}.docs_fts(rowid, title, body) SELECT rowid, title, body FROM ${t}.docs WHERE rowid BETWEEN ? AND ? ORDER BY rowid`,
    ),
    clearPending: db.prepare(
      `DELETE FROM ${t}.docs WHERE post_id IN (SELECT p.id FROM main.posts p JOIN main.files f ON f.path = p.file WHERE f.extracted = 0)`,
    ),
  };
}

/** Statements used while writing. */
export function writer(db: IndexDb) {
  const s = {
    fileByPath: db.prepare('SELECT hash FROM main.files WHERE path = ?'),
    upsertFile: db.prepare(
      'INSERT INTO main.files(path, size, mtime_ms, hash, extracted) VALUES (@path, @size, @mtimeMs, @hash, 0) ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash, extracted = 0',
    ),
    deleteArticlesOf: db.prepare('DELETE FROM main.articles WHERE post_id = ?'),
    setArticleCount: db.prepare('UPDATE main.posts SET article_count = ?, comment_keys = ? WHERE id = ?'),
    postExists: db.prepare('SELECT 1 FROM main.posts WHERE id = ?').pluck(),
    setExtracted: db.prepare('UPDATE main.files SET extracted = 1, hash = ? WHERE path = ?'),
    touchFile: db.prepare('UPDATE main.files SET size = ?, mtime_ms = ? WHERE path = ?'),
    /** A file to read again from the top: its stamp and hash match no file on disk. */
    staleFile: db.prepare("UPDATE main.files SET size = -1, mtime_ms = -1, hash = '' WHERE path = ?"),
    deleteFile: db.prepare('DELETE FROM main.files WHERE path = ?'),
    postsOfFile: db.prepare('SELECT id FROM main.posts WHERE file = ?').pluck(),
    deletePostsOfFile: db.prepare('DELETE FROM main.posts WHERE file = ?'),
    deletePost: db.prepare('DELETE FROM main.posts WHERE id = ?'),
    deleteProblemsOfFile: db.prepare('DELETE FROM main.problems WHERE file = ?'),
    postTaken: db.prepare('SELECT file, part, format FROM main.posts WHERE id = ?'),
    insertPost: db.prepare(
      'INSERT INTO main.posts(id, file, part, format, author, time, labels, draft, date, date_text, title, lead, line, declared_count, found_count, article_count) VALUES (@id, @file, @part, @format, @author, @time, @labels, @draft, @date, @dateText, @title, @lead, @line, @declared, @found, 0)',
    ),
    /** The files holding other forms of a file's posts. */
    otherSourcesOfFile: db
      .prepare('SELECT DISTINCT s.file FROM main.post_sources s JOIN main.posts p ON p.id = s.post_id WHERE p.file = ?')
      .pluck(),
    deleteSourcesOfPostsOf: db.prepare(
      'DELETE FROM main.post_sources WHERE post_id IN (SELECT id FROM main.posts WHERE file = ?)',
    ),
    deleteSourcesOfFile: db.prepare('DELETE FROM main.post_sources WHERE file = ?'),
    insertSource: db.prepare(
      'INSERT OR REPLACE INTO main.post_sources(file, part, post_id, format) VALUES (?, ?, ?, ?)',
    ),
    insertProblem: db.prepare('INSERT INTO main.problems(file, line, severity, message) VALUES (?, ?, ?, ?)'),
    insertArticle: db.prepare(
      'INSERT INTO main.articles(id, post_id, ord, kind, source_key, source_name, source_kind, site, title, url, url_key, preview, fingerprint) VALUES (@id, @postId, @ord, @kind, @sourceKey, @sourceName, @sourceKind, @site, @title, @url, @urlKey, @preview, @fingerprint)',
    ),
    fingerprintsOfPost: db.prepare(
      'SELECT id, fingerprint FROM main.articles WHERE post_id = ? AND fingerprint IS NOT NULL',
    ),
    insertBand: db.prepare('INSERT OR IGNORE INTO main.article_bands(bucket, article_id) VALUES (?, ?)'),
    deleteBand: db.prepare('DELETE FROM main.article_bands WHERE bucket = ? AND article_id = ?'),
    /** regroup.ts: a bulk update's bands are written all at once when it groups, not with each article. */
    bandsDeferred: db.prepare("SELECT 1 FROM main.meta WHERE key = 'bands' AND value = 'deferred'").pluck(),
  };
  const shards = SHARD_SCHEMAS.map((schema) => shardStatements(db, schema));

  /** The band buckets of a stored fingerprint (its bytes as the index keeps them). */
  const bucketsOf = (bytes: Buffer): number[] => {
    const sig = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    return Array.from({ length: BAND_COUNT }, (_, band) => bandBucket(sig, band));
  };

  /** Deletes the band buckets of a post's articles, before the articles themselves go. */
  function deleteBandsOf(postId: string) {
    for (const { id, fingerprint } of s.fingerprintsOfPost.all(postId) as { id: string; fingerprint: Buffer }[])
      for (const bucket of bucketsOf(fingerprint)) s.deleteBand.run(bucket, id);
  }

  /**
   * Deletes a post's texts from every shard (SQLite has no foreign keys across files). Only
   * where there are some: a DELETE on docs opens a savepoint (its trigger writes to docs_fts),
   * and FTS5 flushes its pending terms at every savepoint, so deleting nothing for each new post
   * would cut a cold index into thousands of tiny segments to merge.
   */
  function deleteTextsOf(postId: string) {
    for (const shard of shards) if (shard.hasDocs.get(postId) !== undefined) shard.deleteDocsOf.run(postId);
  }

  /** Deletes the texts and band buckets of the posts a file held (their articles go with the posts). */
  function deleteTextsOfFile(file: string) {
    for (const postId of s.postsOfFile.all(file) as string[]) {
      deleteTextsOf(postId);
      deleteBandsOf(postId);
    }
  }

  /**
   * Forgets the posts a file held. Other files that hold one of them in another form are marked to
   * be read again (returned): the post is shown from one of them now.
   */
  function forgetPostsOf(file: string): string[] {
    const others = s.otherSourcesOfFile.all(file) as string[];
    s.deleteSourcesOfPostsOf.run(file);
    for (const other of others) s.staleFile.run(other);
    deleteTextsOfFile(file);
    s.deletePostsOfFile.run(file);
    s.deleteSourcesOfFile.run(file);
    return others;
  }

  /** Forgets a file removed from the library, with its posts, problems, articles and texts; returns the files to read again (forgetPostsOf()). */
  function removeFile(file: string): string[] {
    const reread = forgetPostsOf(file);
    s.deleteFile.run(file);
    return reread;
  }

  /**
   * The id a post of a file is stored under, or null when the library has it in a richer form
   * (then this file is noted as another source of it). The same post in a poorer form is moved
   * to its sources, and this file shows it; a second copy in the same form gets an id of its own.
   */
  function placeOf(file: string, post: ParsedPost['post'], problems: Problem[]): string | null {
    const taken = s.postTaken.get(post.id) as { file: string; part: number; format: SourceFormat } | undefined;
    if (!taken) return post.id;
    if (taken.file === file) {
      problems.push(twiceProblem(file, post.line));
      return copyId(post.id, file, post.part);
    }
    if (taken.format === post.format) {
      problems.push(copyProblem(file, post.line, taken.file));
      return copyId(post.id, file, post.part);
    }
    if (RICHNESS[post.format] < RICHNESS[taken.format]) {
      s.insertSource.run(file, post.part, post.id, post.format);
      return null;
    }
    deleteTextsOf(post.id);
    deleteBandsOf(post.id);
    s.deletePost.run(post.id);
    s.insertSource.run(taken.file, taken.part, post.id, taken.format);
    return post.id;
  }

  /**
   * Replaces what the index holds for one file with its structure (first pass: the post list).
   * Returns the files to read again (forgetPostsOf()).
   */
  function write(parsed: ParsedFile, known = true): string[] {
    // A file the index has never seen has nothing to replace.
    let reread: string[] = [];
    if (known) {
      reread = forgetPostsOf(parsed.file);
      s.deleteProblemsOfFile.run(parsed.file);
    }
    const problems = [...parsed.problems];
    s.upsertFile.run({ path: parsed.file, size: parsed.size, mtimeMs: parsed.mtimeMs, hash: parsed.hash });
    let stored = 0;
    for (const { post } of parsed.posts) {
      const id = placeOf(parsed.file, post, problems);
      if (id === null) continue;
      s.insertPost.run({
        id,
        file: parsed.file,
        part: post.part,
        format: post.format,
        author: post.author,
        time: post.time,
        labels: post.labels.join('\n'),
        draft: post.draft ? 1 : 0,
        date: post.date,
        dateText: post.dateText,
        title: post.title,
        lead: post.lead,
        line: post.line,
        declared: post.declaredCommentCount,
        found: post.foundCommentCount,
      });
      stored++;
    }
    // Nothing of it to extract: no post, or only other forms of posts shown from other files.
    if (!stored) s.setExtracted.run(parsed.hash, parsed.file);
    for (const p of problems) s.insertProblem.run(p.file, p.line, p.severity, p.message);
    return reread;
  }

  /**
   * Deletes, from every shard, the texts of the posts waiting for the second pass: texts left by
   * a second pass that stopped between writing a shard and marking its files done (update.ts runs
   * this before the second pass, so a worker only ever writes its own shard).
   */
  function clearPendingTexts() {
    for (const shard of shards) shard.clearPending.run();
  }

  /**
   * Adds a post's search texts to shard `shard`, in the caller's transaction on that shard, and
   * indexes them (in one statement that reads them back from docs, where they were just written,
   * so from the page cache: each text crosses from JavaScript into SQLite once, not once for docs
   * and again for docs_fts). The posts have no texts in any shard: clearPendingTexts() deleted
   * them before the pass. Rowids ≡ shard (mod SHARDS), so they are unique across shards.
   */
  function writeTexts(shard: number, posts: { parsed: ParsedPost; postId: string }[], collect?: TermCollector) {
    const st = shards[shard]!;
    // Never a rowid a deleted text had: the top lists may still name it (term-lists.ts).
    const high = Math.max((st.maxRowid.get() as number | null) ?? 0, Number(st.rowidHigh.get() ?? 0));
    let rowid = nextRowid(high || null, shard);
    const from = rowid;
    for (const { parsed, postId } of posts) {
      const rename = renamer(parsed, postId);
      for (const d of parsed.docs) {
        st.insertDoc.run(
          rowid,
          postId,
          d.kind,
          d.kind === 'article' && d.ref ? rename(d.ref) : d.ref,
          d.sourceKey,
          d.title,
          d.body,
          d.author,
        );
        collect?.add(rowid, d.title, d.body, postId);
        rowid += SHARDS;
      }
    }
    if (rowid > from) {
      st.ftsFromDocs.run(from, rowid - SHARDS);
      st.setRowidHigh.run(String(rowid - SHARDS));
    }
  }

  /**
   * Adds a post's articles (second pass), replacing any it had. Nothing, when the post has left
   * the index since the first pass (its file removed or changed meanwhile): the parse workers
   * write with foreign keys off.
   */
  function writeExtracted(parsed: ParsedPost, postId: string, bands = true) {
    if (s.setArticleCount.run(parsed.articleCount, parsed.commentKeys, postId).changes === 0) return;
    const rename = renamer(parsed, postId);
    deleteBandsOf(postId);
    s.deleteArticlesOf.run(postId);
    for (const a of parsed.articles) {
      const id = rename(a.id);
      s.insertArticle.run({
        ...a,
        id,
        postId,
        fingerprint: a.fingerprint ? Buffer.from(new Uint32Array(a.fingerprint).buffer) : null,
      });
      if (a.fingerprint && bands)
        for (let band = 0; band < BAND_COUNT; band++) s.insertBand.run(bandBucket(a.fingerprint, band), id);
    }
  }

  /**
   * The full parse's problems for a file, replacing the first pass's (which read only the heads and
   * counts), with the warnings for posts stored under another id (write()).
   */
  function replaceProblems(result: ParsedFile, job: ExtractJob) {
    s.deleteProblemsOfFile.run(result.file);
    const problems = [...result.problems];
    for (const [part, postId] of job.posts) {
      const post = result.posts[part]?.post;
      if (!post || postId === post.id) continue;
      const other = s.postTaken.get(post.id) as { file: string } | undefined;
      if (other?.file === result.file) problems.push(twiceProblem(result.file, post.line));
      else if (other) problems.push(copyProblem(result.file, post.line, other.file));
    }
    for (const p of problems) s.insertProblem.run(p.file, p.line, p.severity, p.message);
  }
  return { s, write, removeFile, clearPendingTexts, writeTexts, writeExtracted, replaceProblems };
}

/**
 * A file for the second pass: where it is, its size and time at the first pass, and the ids the
 * first pass stored its posts under, by their place in the file ([part, id]; a post shown from
 * another file has none).
 */
export interface ExtractJob {
  path: string;
  size: number;
  mtimeMs: number;
  posts: [number, string][];
}

export type SecondPassResults = { job: ExtractJob; result: ParsedFile }[];

/** The posts of a second-pass result to store: each parsed post with the id its file's job gave it, if still in the index. */
function postsToStore(w: ReturnType<typeof writer>, job: ExtractJob, result: ParsedFile) {
  const posts: { parsed: ParsedPost; postId: string }[] = [];
  for (const [part, postId] of job.posts) {
    const parsed = result.posts[part];
    // The file was read as the first pass read it (unchanged()); a post gone since is skipped.
    if (parsed && w.s.postExists.get(postId) !== undefined) posts.push({ parsed, postId });
  }
  return posts;
}

/**
 * Stores the second pass's search texts for some files into shard `shard`, in the caller's
 * transaction on it, offering each to `collect` (the shard's top lists, term-lists.ts). Written before writeSecondPass() marks the files done (a commit is not
 * atomic across database files): a pass stopped in between leaves texts that the next one
 * deletes (clearPendingTexts()), never a file marked done without its texts.
 */
export function writeSecondPassTexts(
  w: ReturnType<typeof writer>,
  shard: number,
  done: SecondPassResults,
  collect?: TermCollector,
): void {
  w.writeTexts(
    shard,
    // Only posts still in the index (writeExtracted() skips the others too).
    done.filter(unchanged).flatMap(({ job, result }) => postsToStore(w, job, result)),
    collect,
  );
}

/**
 * Stores the second pass's results for some files, but their texts (writeSecondPassTexts()), in
 * the caller's transaction: a file changed again since the first pass is left for the next
 * update (the watcher's), and a file whose parsing failed is listed with its problem and parsed
 * again from the top next time.
 */
export function writeSecondPass(w: ReturnType<typeof writer>, done: SecondPassResults): void {
  const bands = w.s.bandsDeferred.get() === undefined;
  for (const { job, result } of done) {
    if (unchanged({ job, result })) {
      w.replaceProblems(result, job);
      for (const { parsed, postId } of postsToStore(w, job, result)) w.writeExtracted(parsed, postId, bands);
      w.s.setExtracted.run(result.hash, result.file);
    } else if (result.hash === 'failed') {
      for (const p of result.problems) w.s.insertProblem.run(p.file, p.line, p.severity, p.message);
      w.s.touchFile.run(-1, -1, result.file);
    }
  }
}
