import type { Problem } from '../parse';
import type { IndexDb } from './db';
import type { ParsedFile } from './parse-file';

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
export function writer(db: IndexDb) {
  const s = {
    fileByPath: db.prepare('SELECT hash FROM files WHERE path = ?'),
    upsertFile: db.prepare(
      'INSERT INTO files(path, size, mtime_ms, hash, post_id, extracted) VALUES (@path, @size, @mtimeMs, @hash, @postId, @extracted) ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash, post_id = excluded.post_id, extracted = excluded.extracted',
    ),
    deleteArticlesOf: db.prepare('DELETE FROM articles WHERE post_id = ?'),
    hasDocs: db.prepare('SELECT 1 FROM docs WHERE post_id = ? LIMIT 1').pluck(),
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
    insertDoc: db.prepare('INSERT INTO docs(post_id, kind, ref, source_key, title, body) VALUES (?, ?, ?, ?, ?, ?)'),
    ftsFromDocs: db.prepare('INSERT INTO docs_fts(rowid, title, body) SELECT rowid, title, body FROM docs WHERE rowid BETWEEN ? AND ? ORDER BY rowid'),
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
  }

  /** The texts written since the last flushFts(): into the full-text index together. */
  let docsFrom = Infinity;
  let docsTo = -Infinity;
  /**
   * Indexes the texts written since the last call, in one statement that reads them back from
   * docs (where they were just written, so from the page cache): each text crosses from
   * JavaScript into SQLite once, not once for docs and again for docs_fts.
   */
  function flushFts() {
    if (docsTo >= docsFrom) s.ftsFromDocs.run(docsFrom, docsTo);
    forgetFts();
  }
  function forgetFts() {
    docsFrom = Infinity;
    docsTo = -Infinity;
  }

  /**
   * Adds a post's articles and search texts (second pass), replacing any it had; flushFts()
   * indexes the texts. Nothing, when the post has left the index since the first pass (its file
   * removed or changed meanwhile): the parse workers write with foreign keys off.
   */
  function writeExtracted(parsed: ParsedFile, postId: string) {
    if (s.setArticleCount.run(parsed.articleCount, postId).changes === 0) return;
    const original = parsed.post!.id;
    const rename = (id: string) => (postId === original ? id : `${postId}${id.slice(original.length)}`);
    s.deleteArticlesOf.run(postId);
    // Only when there is something to delete: a DELETE on docs opens a savepoint (its trigger
    // writes to docs_fts), and FTS5 flushes its pending terms at every savepoint, so deleting
    // nothing for each new post cut the index into thousands of tiny segments to merge (it
    // doubled the cost of a cold index).
    if (s.hasDocs.get(postId) !== undefined) s.deleteDocsOf.run(postId);
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
    // The texts go into the full-text index in the same transaction (flushFts()), so the index
    // is complete when the last file is extracted.
    for (const d of parsed.docs) {
      const rowid = Number(
        s.insertDoc.run(postId, d.kind, d.kind === 'article' && d.ref ? rename(d.ref) : d.ref, d.sourceKey, d.title, d.body).lastInsertRowid,
      );
      if (rowid < docsFrom) docsFrom = rowid;
      if (rowid > docsTo) docsTo = rowid;
    }
    s.setExtracted.run(parsed.hash, parsed.file);
  }
  return { s, write, writeExtracted, flushFts, forgetFts };
}

/** A file for the second pass: where it is, the post id the first pass gave it, and its size and time then. */
export interface ExtractJob {
  path: string;
  postId: string;
  size: number;
  mtimeMs: number;
}

/**
 * Stores the second pass's results for some files, in the caller's transaction: a file changed
 * again since the first pass is left for the next update (the watcher's), and a file whose
 * parsing failed is listed with its problem and parsed again from the top next time.
 */
export function writeSecondPass(w: ReturnType<typeof writer>, done: { job: ExtractJob; result: ParsedFile }[]): void {
  // Nothing pending from a batch that failed (its transaction was rolled back).
  w.forgetFts();
  for (const { job, result } of done) {
    if (result.size === job.size && result.mtimeMs === job.mtimeMs && result.post && job.postId) w.writeExtracted(result, job.postId);
    else if (result.hash === 'failed') {
      for (const p of result.problems) w.s.insertProblem.run(p.file, p.line, p.severity, p.message);
      w.s.touchFile.run(-1, -1, result.file);
    }
  }
  w.flushFts();
}
