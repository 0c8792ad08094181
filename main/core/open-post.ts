import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { extractArticles, type LibraryArticle, type PostArticles, type QuotedInPost } from './articles';
import type { PostDetail } from './library/types';
import type { Comment, Post } from './parse';
import type { IndexQueries } from './index/queries';
import { UserError } from './errors';
import { readSeed } from './library';

/**
 * A post with more text than this (body and comments, in characters) is long. A short post is
 * answered whole, with its quoted articles (finding them takes a few milliseconds).
 */
export const SHORT_POST_CHARS = 100_000;

/**
 * How much comment text the first answer for a long post holds when asked for its start: its
 * body and its first top-level comments up to this, a few screenfuls, so that the first screen
 * shows at once. The rest of the thread and its articles are asked for next (`posts.comments`,
 * `posts.articles`).
 */
export const FIRST_PART_CHARS = 30_000;

/** Characters of a comment's text and its replies'. */
const charsOf = (comment: Comment): number =>
  comment.replies.reduce((sum, reply) => sum + reply.text.length, comment.text.length);

const bodyChars = (post: Post): number => post.body.reduce((sum, block) => sum + block.text.length, 0);

/** Characters of text in a post: its body, comments and replies. */
export const postChars = (post: Post): number =>
  post.comments.reduce((sum, comment) => sum + charsOf(comment), bodyChars(post));

/**
 * How many of the first top-level comments (with their replies) fit in `budget` characters of
 * text — at least one, so that a first screen has a comment to show.
 */
export function firstCommentCount(comments: Comment[], budget: number): number {
  let used = 0;
  let count = 0;
  for (const comment of comments) {
    used += charsOf(comment);
    if (used > budget && count > 0) break;
    count++;
  }
  return count;
}

/** A post as read from its file, with the file's size and time to tell whether it is still the same. */
interface ReadPost {
  root: string;
  file: string;
  /** The post's place among its file's posts. */
  part: number;
  size: number;
  mtimeMs: number;
  /** The post, with the id the library knows it by. */
  post: Post;
  /** The id the parser gave it (different when the library renamed a duplicate): article ids are made from it. */
  parsedId: string;
}

/**
 * Reads posts for the reader. `read` always reads the file (opening a post shows it as it is
 * now); `latest` — for the parts asked for right after — reuses that read while the file's size
 * and time are unchanged, so a long post is read and parsed once per opening.
 */
export function createPostReader() {
  let last: ReadPost | null = null;

  async function read(root: string, queries: IndexQueries, id: string): Promise<ReadPost> {
    const place = queries.locate(id);
    if (!place)
      throw new UserError(
        'not-found',
        `Opening the post failed: "${id.slice(0, 120)}" is not in this library. It may have been removed; pick another post.`,
      );
    // Taken before reading: a change in between makes the next `latest` read the file again, never the reverse.
    const { file, part } = place;
    const info = await stat(join(root, file)).catch(() => null);
    const { post, problems } = await readSeed(root, file, part);
    if (!post)
      throw new UserError(
        'unreadable',
        `Opening the post failed: ${file} can no longer be read. ${problems[0]?.message ?? ''}`.trim(),
      );
    last = {
      root,
      file,
      part,
      size: info?.size ?? -1,
      mtimeMs: info?.mtimeMs ?? -1,
      post: { ...post, id },
      parsedId: post.id,
    };
    return last;
  }

  async function latest(root: string, queries: IndexQueries, id: string): Promise<ReadPost> {
    const place = queries.locate(id);
    if (last && last.root === root && last.post.id === id && last.file === place?.file && last.part === place.part) {
      const info = await stat(join(root, last.file)).catch(() => null);
      if (info && info.size === last.size && info.mtimeMs === last.mtimeMs) return last;
    }
    return read(root, queries, id);
  }

  return { read, latest };
}

export type PostReader = ReturnType<typeof createPostReader>;

/**
 * The articles and internal quotes of a read post, with the other posts quoting the same pieces.
 * `found`: what extractArticles gave for the post (found in a worker), else it is run here.
 */
export function quotedIn(
  { post, parsedId }: ReadPost,
  queries: IndexQueries,
  found: PostArticles = extractArticles({ ...post, id: parsedId }),
): QuotedInPost {
  // Ids of articles are made from the post id: the parser's, renamed to the library's.
  const rename = (value: string) => (parsedId === post.id ? value : `${post.id}${value.slice(parsedId.length)}`);
  const elsewhere = queries.alsoQuotedIn(found.articles.map((a) => rename(a.id)));
  const articles: LibraryArticle[] = found.articles.map((a) => ({
    ...a,
    id: rename(a.id),
    alsoQuotedIn: elsewhere.get(rename(a.id)) ?? [],
  }));
  return { articles, quotes: found.quotes.map((q) => ({ ...q, id: rename(q.id) })) };
}

/**
 * What `posts.get` answers: a short post whole, with what it quotes; a long one without its
 * articles, and with only its first comments when `start` (see SHORT_POST_CHARS, FIRST_PART_CHARS).
 */
export function postDetail(read: ReadPost, queries: IndexQueries, start: boolean): PostDetail {
  const { post } = read;
  const short = postChars(post) <= SHORT_POST_CHARS;
  return {
    post:
      short || !start
        ? post
        : { ...post, comments: post.comments.slice(0, firstCommentCount(post.comments, FIRST_PART_CHARS)) },
    commentTotal: post.comments.length,
    quoted: short ? quotedIn(read, queries) : null,
    problems: queries.problemsOf(read.file),
    sources: [{ file: read.file, format: post.format }, ...queries.otherSourcesOf(post.id)],
  };
}
