/**
 * What a parse worker loads when it is first asked for more than the post list: the full parse,
 * the article extractor and the worker's own connection to the index (see parse-worker.ts).
 */
import { extractArticles, type PostArticles } from '../articles';
import { readPageSync } from '../library/load';
import { connectionSettings, mergeTermLists, parseBatch, releaseConnection, writeBatch } from './extract-batch';
import { parseFileForIndex } from './parse-full';

export { connectionSettings, mergeTermLists, parseBatch, parseFileForIndex, releaseConnection, writeBatch };

/** A post's quoted articles and internal quotes, for the reader. Throws when the file no longer holds a post. */
export function articlesOfFile(root: string, file: string, part = 0): PostArticles {
  const post = readPageSync(root, file).posts[part] ?? null;
  if (!post) throw new Error(`${file} can no longer be read`);
  return extractArticles(post);
}
