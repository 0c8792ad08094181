import { createHash } from 'node:crypto';
import { articlesOf, fingerprintOf, keyOfSource, previewOf, urlKey, type Article, type InternalQuote } from '../articles';
import { readSeedBytesReused } from '../library/load';
import { parseSeed, type Post, type Problem } from '../parse';
import { scanStructure } from '../parse/structure';

/** One searchable text of a post. */
export interface Doc {
  kind: 'post' | 'comment' | 'article';
  ref: string | null;
  sourceKey: string | null;
  title: string;
  body: string;
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

/** What reading one seed file yields for the index. */
export interface ParsedFile {
  file: string;
  size: number;
  mtimeMs: number;
  hash: string;
  post: Omit<Post, 'body' | 'comments'> | null;
  articleCount: number;
  problems: Problem[];
  articles: IndexedArticle[];
  docs: Doc[];
}

function docsOf(post: Post, articles: Article[]): Doc[] {
  const docs: Doc[] = [{ kind: 'post', ref: null, sourceKey: null, title: post.title, body: post.body.map((b) => b.text).join('\n\n') }];
  for (const comment of post.comments) {
    for (const c of [comment, ...comment.replies]) docs.push({ kind: 'comment', ref: c.id, sourceKey: null, title: '', body: c.text });
  }
  for (const article of articles) {
    if (article.kind !== 'article') continue;
    docs.push({
      kind: 'article',
      ref: article.id,
      sourceKey: keyOfSource(article.source),
      title: [article.source.name, article.title].filter(Boolean).join(' — '),
      body: article.text,
    });
  }
  return docs;
}

function indexedArticle(article: Article, ord: number): IndexedArticle {
  return {
    id: article.id,
    ord,
    kind: article.kind,
    sourceKey: keyOfSource(article.source),
    sourceName: article.source.name,
    sourceKind: article.source.kind,
    site: article.source.site,
    title: article.title,
    url: article.url,
    urlKey: article.url ? urlKey(article.url) : null,
    preview: previewOf(article),
    fingerprint: article.kind === 'article' ? fingerprintOf(article.text) : null,
  };
}

/** A post read from disk with its articles: what the reader shows for one post. */
export interface ReadPost {
  post: Post;
  articles: Article[];
  quotes: InternalQuote[];
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
    post: null,
    articleCount: 0,
    articles: [],
    docs: [],
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
 * Reads, hashes and parses one seed file for the index. "structure" and "new" read only what the
 * post list needs, from the bytes (its problems are the head's and the count's); "full" parses it
 * all, with every problem, and extracts articles and the texts to search. Never throws: an
 * unreadable file becomes an error problem.
 */
export function parseFileForIndex(root: string, file: string, mode: ParseMode = 'full'): ParsedFile {
  const empty = { post: null, articleCount: 0, articles: [], docs: [] };
  // Nothing below keeps the bytes: everything it returns is decoded from them.
  const read = readSeedBytesReused(root, file);
  const { size, mtimeMs } = read;
  if (!read.bytes) return { file, size, mtimeMs, hash: 'unreadable', ...empty, problems: [read.problem] };
  const hash = mode === 'new' ? '' : createHash('sha1').update(read.bytes).digest('hex');
  if (mode !== 'full') {
    // The post list needs no comment texts: read the structure from the bytes.
    const { post, problems } = scanStructure(read.bytes, file);
    return { file, size, mtimeMs, hash, ...empty, post, problems };
  }
  const { post, problems } = parseSeed(read.bytes, file);
  if (!post) return { file, size, mtimeMs, hash, ...empty, problems };
  const { body: _body, comments: _comments, ...summary } = post;
  void _body;
  void _comments;
  const articles = articlesOf(post);
  return {
    file,
    size,
    mtimeMs,
    hash,
    post: summary,
    articleCount: articles.length,
    problems,
    articles: articles.map(indexedArticle),
    docs: docsOf(post, articles),
  };
}
