import { BAND_COUNT, bandBucket } from '../articles';
import type { Problem } from '../parse';
import type { IndexDb } from './db';
import type { ParsedFile } from './parse-file';
import { nextRowid, SHARD_SCHEMAS, SHARDS } from './schema';
import type { TermCollector } from './term-lists';

/**
 * The warning for a second file holding the same post (same date and title), kept under an id of
 * its own; the message names the other file, never an id, which means nothing to the reader.
 */
function copyProblem(parsed: ParsedFile, otherFile: string): Problem {
  return {
    file: parsed.file,
    line: parsed.post!.line,
    severity: 'warning',
    message: `Another file (${otherFile}) holds a post with the same date and title; this copy is listed separately, marked as a copy.`,
  };
}

/** A post's article ids under the id the index gave it (a second copy of a post gets its own, write()). */
const renamer =
  (parsed: ParsedFile, postId: string) =>
  (id: string): string => {
    const original = parsed.post!.id;
    return postId === original ? id : `${postId}${id.slice(original.length)}`;
  };

/** The file is as the first pass saw it, and it was parsed: its results can be stored. */
const unchanged = ({ job, result }: { job: ExtractJob; result: ParsedFile }): boolean =>
  result.size === job.size && result.mtimeMs === job.mtimeMs && result.post !== null && Boolean(job.postId);

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
      `DELETE FROM ${t}.docs WHERE post_id IN (SELECT post_id FROM main.files WHERE extracted = 0 AND post_id IS NOT NULL)`,
    ),
  };
}

/** Statements used while writing. */
export function writer(db: IndexDb) {
  const s = {
    fileByPath: db.prepare('SELECT hash FROM main.files WHERE path = ?'),
    upsertFile: db.prepare(
      'INSERT INTO main.files(path, size, mtime_ms, hash, post_id, extracted) VALUES (@path, @size, @mtimeMs, @hash, @postId, @extracted) ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash, post_id = excluded.post_id, extracted = excluded.extracted',
    ),
    deleteArticlesOf: db.prepare('DELETE FROM main.articles WHERE post_id = ?'),
    setArticleCount: db.prepare('UPDATE main.posts SET article_count = ?, comment_keys = ? WHERE id = ?'),
    postExists: db.prepare('SELECT 1 FROM main.posts WHERE id = ?').pluck(),
    setExtracted: db.prepare('UPDATE main.files SET extracted = 1, hash = ? WHERE path = ?'),
    touchFile: db.prepare('UPDATE main.files SET size = ?, mtime_ms = ? WHERE path = ?'),
    deleteFile: db.prepare('DELETE FROM main.files WHERE path = ?'),
    postOfFile: db.prepare('SELECT id FROM main.posts WHERE file = ?').pluck(),
    deletePostOfFile: db.prepare('DELETE FROM main.posts WHERE file = ?'),
    deleteProblemsOfFile: db.prepare('DELETE FROM main.problems WHERE file = ?'),
    postIdTaken: db.prepare('SELECT file FROM main.posts WHERE id = ?'),
    insertPost: db.prepare(
      'INSERT INTO main.posts(id, file, date, date_text, title, lead, line, declared_count, found_count, article_count) VALUES (@id, @file, @date, @dateText, @title, @lead, @line, @declared, @found, @articleCount)',
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

  /** Deletes the texts and band buckets of the post a file held, if the index has one (its articles go with the post). */
  function deleteTextsOfFile(file: string) {
    const postId = s.postOfFile.get(file) as string | undefined;
    if (postId === undefined) return;
    deleteTextsOf(postId);
    deleteBandsOf(postId);
  }

  /** Forgets a file removed from the library, with its post, problems, articles and texts. */
  function removeFile(file: string) {
    deleteTextsOfFile(file);
    s.deleteFile.run(file);
  }

  /** Replaces what the index holds for one file with its structure (first pass: the post list). */
  function write(parsed: ParsedFile, known = true) {
    // A file the index has never seen has nothing to replace.
    if (known) {
      deleteTextsOfFile(parsed.file);
      s.deletePostOfFile.run(parsed.file);
      s.deleteProblemsOfFile.run(parsed.file);
    }
    let postId: string | null = parsed.post?.id ?? null;
    const problems = [...parsed.problems];
    if (parsed.post && postId) {
      const taken = s.postIdTaken.get(postId) as { file: string } | undefined;
      if (taken && taken.file !== parsed.file) {
        postId = `${postId}~${parsed.file.replace(/[^a-zA-Z0-9]+/g, '-')}`;
        problems.push(copyProblem(parsed, taken.file));
      }
    }
    s.upsertFile.run({
      path: parsed.file,
      size: parsed.size,
      mtimeMs: parsed.mtimeMs,
      hash: parsed.hash,
      postId,
      extracted: parsed.post && postId ? 0 : 1,
    });
    for (const p of problems) s.insertProblem.run(p.file, p.line, p.severity, p.message);
    if (!parsed.post || !postId) return;
    const post = parsed.post;
    s.insertPost.run({
      id: postId,
      file: parsed.file,
      date: post.date,
      dateText: post.dateText,
      title: post.title,
      lead: post.lead,
      line: post.line,
      declared: post.declaredCommentCount,
      found: post.foundCommentCount,
      articleCount: parsed.articleCount,
    });
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
  function writeTexts(shard: number, posts: { parsed: ParsedFile; postId: string }[], collect?: TermCollector) {
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
   * Adds a post's articles (second pass), replacing any it had, and marks its file done. Nothing,
   * when the post has left the index since the first pass (its file removed or changed
   * meanwhile): the parse workers write with foreign keys off.
   */
  function writeExtracted(parsed: ParsedFile, postId: string, bands = true) {
    if (s.setArticleCount.run(parsed.articleCount, parsed.commentKeys, postId).changes === 0) return;
    const original = parsed.post!.id;
    const rename = renamer(parsed, postId);
    deleteBandsOf(postId);
    s.deleteArticlesOf.run(postId);
    // The full parse's problems (the first pass read only the head and the count) replace the first pass's.
    if (parsed.post) {
      s.deleteProblemsOfFile.run(parsed.file);
      const problems = [...parsed.problems];
      const other = postId === original ? undefined : (s.postIdTaken.get(original) as { file: string } | undefined);
      if (other) problems.push(copyProblem(parsed, other.file));
      for (const p of problems) s.insertProblem.run(p.file, p.line, p.severity, p.message);
    }
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
    s.setExtracted.run(parsed.hash, parsed.file);
  }
  return { s, write, removeFile, clearPendingTexts, writeTexts, writeExtracted };
}

/** A file for the second pass: where it is, the post id the first pass gave it, and its size and time then. */
export interface ExtractJob {
  path: string;
  postId: string;
  size: number;
  mtimeMs: number;
}

export type SecondPassResults = { job: ExtractJob; result: ParsedFile }[];

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
    done
      .filter((d) => unchanged(d) && w.s.postExists.get(d.job.postId) !== undefined)
      .map(({ job, result }) => ({ parsed: result, postId: job.postId })),
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
    if (unchanged({ job, result })) w.writeExtracted(result, job.postId, bands);
    else if (result.hash === 'failed') {
      for (const p of result.problems) w.s.insertProblem.run(p.file, p.line, p.severity, p.message);
      w.s.touchFile.run(-1, -1, result.file);
    }
  }
}
