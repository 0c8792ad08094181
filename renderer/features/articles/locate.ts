import type { Article, Post } from '../../../preload/api';

/** DOM id of a body paragraph, by its first line in the file. */
export const blockElementId = (line: number): string => `post-block-${line}`;
/** DOM id of a comment, by its path id ("3.2"). */
export const commentElementId = (commentId: string): string => `comment-${commentId}`;

/** The DOM ids of the paragraphs or comments an article covers, in reading order. */
export function elementIdsOf(article: Article, post: Post): string[] {
  const location = article.location;
  if (location.part === 'comments') return location.commentIds.map(commentElementId);
  return post.body.filter((block) => block.endLine >= location.line && block.line <= location.endLine).map((block) => blockElementId(block.line));
}

/** "Post" or "Comment 3 → 3.2": where an article sits, in words. */
export function describeLocation(article: Article): string {
  const location = article.location;
  if (location.part === 'body') return 'Post';
  const ids = location.commentIds;
  return ids.length === 1 ? `Comment ${ids[0]}` : `Comment ${ids[0]} → ${ids[ids.length - 1]}`;
}
