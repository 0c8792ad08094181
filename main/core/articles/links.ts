import type { Comment, Link, Post } from '../parse';
import { sourceOfUrl } from './sources';
import type { Article, ArticleLocation } from './types';
import { titleFromUrl } from './urls';

/**
 * Links a saved HTML page keeps beside its text (Block.links, Comment.links): the targets a text
 * copy loses when a link reads "this Guardian article" rather than its URL.
 */
export interface PlacedLink {
  link: Link;
  location: ArticleLocation;
  /** The comment holding it, or null for the body. */
  commentId: string | null;
  /** The body lines of its paragraph (for the body). */
  lines: { line: number; endLine: number } | null;
}

const flatten = (comments: Comment[]): Comment[] => comments.flatMap((c) => [c, ...c.replies]);

/** Every link of the post's body and comments, in reading order. */
export function placedLinks(post: Post): PlacedLink[] {
  const placed: PlacedLink[] = [];
  for (const block of post.body) {
    for (const link of block.links ?? []) {
      const line = Math.min(Math.max(link.line, block.line), block.endLine);
      placed.push({
        link,
        location: { part: 'body', line, endLine: line },
        commentId: null,
        lines: { line: block.line, endLine: block.endLine },
      });
    }
  }
  for (const comment of flatten(post.comments)) {
    for (const link of comment.links ?? [])
      placed.push({
        link,
        location: { part: 'comments', commentIds: [comment.id] },
        commentId: comment.id,
        lines: null,
      });
  }
  return placed;
}

/**
 * Gives a quoted article the URL its intro links to ("…in this Guardian article:-" with the words
 * "this Guardian article" a link), with the source and title that URL tells, when the article has
 * no URL of its own. Links shorter than three characters are not matched.
 */
export function urlFromIntroLink(draft: Omit<Article, 'id'>, links: PlacedLink[]): void {
  const intro = draft.intro;
  if (draft.url || !intro) return;
  const location = draft.location;
  const found = links.find((placed) => {
    if (placed.link.text.length < 3 || !intro.text.includes(placed.link.text)) return false;
    if (location.part === 'body')
      return placed.lines !== null && intro.line >= placed.lines.line && intro.line <= placed.lines.endLine;
    return placed.commentId !== null && location.commentIds.includes(placed.commentId);
  });
  if (!found) return;
  const url = found.link.href;
  draft.url = url;
  draft.evidence = [...draft.evidence, 'URL from the link in its intro'];
  if (draft.source.kind === 'unknown') {
    const fromUrl = sourceOfUrl(url);
    if (fromUrl) {
      draft.source = fromUrl;
      draft.evidence.push('source from the URL domain');
    }
  }
  draft.title ??= titleFromUrl(url);
}
