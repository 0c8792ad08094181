import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Article } from '../articles';
import { readSeedBytesReused } from '../library/load';
import type { PageResult, Post, Problem, SourceFormat } from '../parse';
import { companionsFor, parseLargeFile, scanPage } from '../parse/page';
import { summaryOf } from '../parse/structure';

/** One searchable text of a post. */
export interface Doc {
  kind: 'post' | 'comment' | 'article';
  ref: string | null;
  sourceKey: string | null;
  title: string;
  body: string;
  /** Who wrote it, as the page names them: a comment's author, the post's author for its text; null otherwise. */
  author: string | null;
}

/** An article as the index stores it. */
export interface IndexedArticle {
  id: string;
  ord: number;
  kind: Article['kind'];
  sourceKey: string;
  sourceName: string | null;
  sourceKind: string;
  site: string | null;
  title: string | null;
  url: string | null;
  urlKey: string | null;
  preview: string;
  fingerprint: number[] | null;
}

/** One post of a file, as the index stores it. */
export interface ParsedPost {
  post: Omit<Post, 'body' | 'comments'>;
  articleCount: number;
  /** Read-state keys of every comment, packed (read-state/keys.ts); '' but for a full parse. */
  commentKeys: string;
  articles: IndexedArticle[];
  docs: Doc[];
}

/** What reading one file of the library yields for the index: its posts, in file order. */
export interface ParsedFile {
  file: string;
  size: number;
  mtimeMs: number;
  hash: string;
  format: SourceFormat | null;
  posts: ParsedPost[];
  problems: Problem[];
}

/**
 * "structure": what the post list needs, and the file's hash (to tell a touched file from a
 * changed one); "new": the same for a file the index has never seen, with no hash (there is
 * nothing to compare it with; the second pass stores it); "full": everything.
 */
export type ParseMode = 'new' | 'structure' | 'full';

/**
 * What the index records for a file whose parsing failed (a parser bug, or a worker that ran out
 * of memory on it): an error problem. Its size and time are unknown, so the next update tries it again.
 */
export function failedFile(file: string, reason: string): ParsedFile {
  return {
    file,
    size: -1,
    mtimeMs: -1,
    hash: 'failed',
    format: null,
    posts: [],
    problems: [
      {
        file,
        line: null,
        severity: 'error',
        message: `Indexing the file failed: ${reason}. The rest of the library is indexed; the file is tried again the next time the library opens. If it keeps failing, check that it is a saved post and report it.`,
      },
    ],
  };
}

/**
 * A file read for the index: its size and time, and its bytes (with their hash when asked), or
 * the whole page read as a stream (a feed or export too big to read at once), or why it cannot be read.
 */
export type ReadForIndex =
  | { size: number; mtimeMs: number; hash: string; bytes: Uint8Array; page: null; unreadable: null }
  | { size: number; mtimeMs: number; hash: string; bytes: null; page: PageResult; unreadable: null }
  | { size: number; mtimeMs: number; hash: null; bytes: null; page: null; unreadable: ParsedFile };

/**
 * Reads a file into the worker's reused buffer (nothing returned may keep the bytes), hashing them
 * unless `hash` is false. A feed or export too big to read at once is parsed as it is read.
 */
export function readForIndex(root: string, file: string, hash: boolean): ReadForIndex {
  const read = readSeedBytesReused(root, file);
  const { size, mtimeMs } = read;
  if (!read.bytes) {
    const streamed = read.tooBig ? parseLargeFile(join(root, file), file) : null;
    if (streamed) {
      const { size, mtimeMs, hash, ...page } = streamed;
      return { size, mtimeMs, hash, bytes: null, page, unreadable: null };
    }
    return {
      size,
      mtimeMs,
      hash: null,
      bytes: null,
      page: null,
      unreadable: { file, size, mtimeMs, hash: 'unreadable', format: null, posts: [], problems: [read.problem] },
    };
  }
  return {
    size,
    mtimeMs,
    hash: hash ? createHash('sha1').update(read.bytes).digest('hex') : '',
    bytes: read.bytes,
    page: null,
    unreadable: null,
  };
}

/** A post of the post list: no articles or texts yet. */
export const listedPost = (post: Omit<Post, 'body' | 'comments'>): ParsedPost => ({
  post,
  articleCount: 0,
  commentKeys: '',
  articles: [],
  docs: [],
});

/**
 * Reads and hashes one seed file for the post list ("structure"; "new" skips the hash), from
 * the bytes: its problems are the head's and the count's. The full parse, with articles and
 * texts, is parse-full.ts (the parse workers load it only for the second pass). Never throws:
 * an unreadable file becomes an error problem.
 */
export function scanFileForIndex(root: string, file: string, mode: Exclude<ParseMode, 'full'>): ParsedFile {
  const read = readForIndex(root, file, mode !== 'new');
  if (read.unreadable) return read.unreadable;
  const { format, posts, problems } = read.page
    ? { ...read.page, posts: read.page.posts.map(summaryOf) }
    : scanPage(read.bytes, file, companionsFor(join(root, file), read.bytes));
  return {
    file,
    size: read.size,
    mtimeMs: read.mtimeMs,
    hash: read.hash,
    format,
    posts: posts.map(listedPost),
    problems,
  };
}
