import type { Article } from '../articles/types';
import type { Comment, Post } from '../parse/types';
import { articlePart, BODY_PART, bodyText, commentPart } from '../shared/part-keys';

/**
 * The texts of a post an annotation can be made on, by part key (see shared/part-keys.ts), in
 * reading order: the body, each comment and reply, and each quoted article with pasted text.
 * Offsets in a text-position selector count UTF-16 code units of these texts.
 */
export function partTexts(post: Post, articles: readonly Article[] = []): Map<string, string> {
  const parts = new Map<string, string>();
  parts.set(BODY_PART, bodyText(post.body));
  const visit = (comment: Comment) => {
    parts.set(commentPart(comment.id), comment.text);
    comment.replies.forEach(visit);
  };
  post.comments.forEach(visit);
  for (const article of articles)
    if (article.kind === 'article' && article.text) parts.set(articlePart(article.id), article.text);
  return parts;
}
