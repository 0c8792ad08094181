/**
 * The full parse of a seed file for the index: every comment, the quoted articles and the texts
 * to search. Kept apart from parse-file.ts because it needs the article extractor (and its
 * public-suffix table), which a parse worker loads only when the second pass starts: the post
 * list comes sooner without it.
 */
import { articlesOf, fingerprintOf, keyOfSource, previewOf, urlKey, type Article } from '../articles';
import type { Post } from '../parse';
import { join } from 'node:path';
import { companionsFor, parsePage } from '../parse/page';
import { summaryOf } from '../parse/structure';
import { commentKeys, packKeys } from '../read-state/keys';
import {
  readForIndex,
  scanFileForIndex,
  type Doc,
  type IndexedArticle,
  type ParsedFile,
  type ParsedPost,
  type ParseMode,
} from './parse-file';

/** The texts the index stores for a post: its title and body, each comment, each quoted article (the bench loads the same). */
export function docsOf(post: Post, articles: Article[]): Doc[] {
  const docs: Doc[] = [
    {
      kind: 'post',
      ref: null,
      sourceKey: null,
      title: post.title,
      body: post.body.map((b) => b.text).join('\n\n'),
      author: post.author?.trim() || null,
    },
  ];
  for (const comment of post.comments) {
    for (const c of [comment, ...comment.replies])
      docs.push({
        kind: 'comment',
        ref: c.id,
        sourceKey: null,
        title: '',
        body: c.text,
        author: c.author?.trim() || null,
      });
  }
  for (const article of articles) {
    if (article.kind !== 'article') continue;
    docs.push({
      kind: 'article',
      ref: article.id,
      sourceKey: keyOfSource(article.source),
      title: [article.source.name, article.title].filter(Boolean).join(' — '),
      body: article.text,
      // A quoted piece is someone else's words, whoever pasted it.
      author: null,
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

/**
 * Reads, hashes and parses one seed file for the index. "structure" and "new" read only what the
 * post list needs (scanFileForIndex); "full" parses it all, with every problem, and extracts
 * articles and the texts to search. Never throws: an unreadable file becomes an error problem.
 */
export function parseFileForIndex(root: string, file: string, mode: ParseMode = 'full'): ParsedFile {
  if (mode !== 'full') return scanFileForIndex(root, file, mode);
  const read = readForIndex(root, file, true);
  if (read.unreadable) return read.unreadable;
  const { size, mtimeMs, hash } = read;
  const page = read.page ?? parsePage(read.bytes, file, companionsFor(join(root, file), read.bytes));
  return { file, size, mtimeMs, hash, format: page.format, posts: page.posts.map(parsedPost), problems: page.problems };
}

/** A post with its articles and texts, as the index stores it. */
function parsedPost(post: Post): ParsedPost {
  const articles = articlesOf(post);
  return {
    post: summaryOf(post),
    articleCount: articles.length,
    commentKeys: packKeys(commentKeys(post.comments).values()),
    articles: articles.map(indexedArticle),
    docs: docsOf(post, articles),
  };
}
