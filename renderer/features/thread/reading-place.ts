/**
 * The reader's place in the open post, as main remembers it (ThreadPlace): read from the
 * thread pane as it scrolls, and turned back into something `revealInThread` can scroll to.
 * Places name paragraphs by what they are (a body line, a comment and a line in it), never by
 * pixels from the top, so a place survives rows above it measuring differently after a restart.
 */
import type { ThreadPlace } from '../../../preload/api';
import type { RevealTarget } from './reveal';
import { blockElementId, commentElementId, commentParagraphId, postParagraphs } from './segments';

/** An element of the thread pane, measured: its DOM id, and its top and height in pixels relative to the pane's top edge. */
export interface MeasuredElement {
  id: string;
  top: number;
  height: number;
}

/** What a DOM id names: a body paragraph, a comment, or a paragraph in a comment (see segments.ts for the ids). */
function placeOfId(id: string): { commentId?: string; line?: number } | null {
  const body = /^post-block-(\d+)$/.exec(id);
  if (body) return { line: Number(body[1]) };
  const comment = /^comment-(\d+(?:\.\d+)*)(?:-p(\d+))?$/.exec(id);
  if (!comment) return null;
  return comment[2] === undefined ? { commentId: comment[1]! } : { commentId: comment[1]!, line: Number(comment[2]) };
}

/**
 * The place at the top of the pane: the last paragraph or comment, in document order, whose top
 * is at or above the pane's top edge (the innermost one holding that edge), and how far past its
 * top the pane is scrolled. Above every paragraph (the title): the pane's own scroll offset.
 */
export function placeAtTop(postId: string, elements: readonly MeasuredElement[], scrollTop: number): ThreadPlace {
  let found: { place: { commentId?: string; line?: number }; top: number } | null = null;
  for (const element of elements) {
    if (element.height <= 0 || element.top > 0.5) continue;
    const place = placeOfId(element.id);
    if (place) found = { place, top: element.top };
  }
  if (!found) return { postId, offset: Math.max(0, Math.round(scrollTop)) };
  return { postId, ...found.place, offset: Math.max(0, Math.round(-found.top)) };
}

/**
 * Where to scroll for a remembered place in the post as it is now: the comment or body line to
 * reveal, the element to put at the top and the offset past it. A paragraph that is no longer
 * there (the file changed) falls back to its comment's start; a comment no longer there, or the
 * post's own top, to null (scroll the pane to `offset`).
 */
export function revealOfPlace(
  place: ThreadPlace,
  detail: Parameters<typeof postParagraphs>[0],
): { target: RevealTarget; elementId: string; offset: number } | null {
  const paragraphs = postParagraphs(detail);
  if (place.commentId !== undefined) {
    const [top] = place.commentId.split('.');
    if (!detail.post.comments.some((c) => c.id === top)) return null;
    const target = { commentId: place.commentId };
    const paragraph = place.line === undefined ? null : commentParagraphId(place.commentId, place.line);
    if (paragraph && paragraphs.some((p) => p.id === paragraph))
      return { target, elementId: paragraph, offset: place.offset };
    return { target, elementId: commentElementId(place.commentId), offset: paragraph ? 0 : place.offset };
  }
  if (place.line === undefined) return null;
  const id = blockElementId(place.line);
  if (paragraphs.some((p) => p.id === id))
    return { target: { bodyLine: place.line }, elementId: id, offset: place.offset };
  return null;
}
