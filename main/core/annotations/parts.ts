import type { Article } from '../articles/types';
import type { Comment, Post } from '../parse/types';

/**
 * The texts of a post an annotation can be made on, by part key, in reading order:
 * "body" (its paragraphs joined by a blank line), "comment:<id>" for each comment and reply
 * ("comment:3.2"), and "article:<id>" for each quoted article with pasted text.
 * Offsets in a text-position selector count UTF-16 code units of these texts.
 */
export function partTexts(post: Post, articles: readonly Article[] = []): Map<string, string> {
  const parts = new Map<string, string>();
  parts.set('body', bodyText(post));
  const visit = (comment: Comment) => {
    parts.set(commentPart(comment.id), comment.text);
    comment.replies.forEach(visit);
  };
  post.comments.forEach(visit);
  for (const article of articles) if (article.kind === 'article' && article.text) parts.set(articlePart(article.id), article.text);
  return parts;
}

export const bodyText = (post: Post): string => post.body.map((block) => block.text).join('\n\n');
export const commentPart = (id: string) => `comment:${id}`;
export const articlePart = (id: string) => `article:${id}`;

/** What a part key names, for people: "the post", "comment 3.2", "a quoted article". */
export function describePart(part: string): string {
  if (part === 'body') return 'the post';
  if (part.startsWith('comment:')) return `comment ${part.slice('comment:'.length)}`;
  if (part.startsWith('article:')) return `quoted article ${part.slice(part.lastIndexOf('#') + 2) || part.slice('article:'.length)}`;
  return part;
}
