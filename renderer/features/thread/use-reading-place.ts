import { useEffect } from 'react';
import { useApp } from '../../store';
import { stillArriving, type OpenPost } from '../../store/open-post';
import { placeAtTop, revealOfPlace, type MeasuredElement } from './reading-place';
import type { RevealOptions, RevealTarget } from './reveal';

/** How long the pane must rest before its place is measured (scroll events come every frame). */
const MEASURE_AFTER_MS = 150;
/** The elements a place can name: body paragraphs, comments and their paragraphs (ids from segments.ts). */
const PLACES = '[id^="post-block-"], [id^="comment-"]';

function measure(scroller: HTMLElement): MeasuredElement[] {
  const edge = scroller.getBoundingClientRect().top + scroller.clientTop;
  return Array.from(scroller.querySelectorAll<HTMLElement>(PLACES), (element) => {
    const rect = element.getBoundingClientRect();
    return { id: element.id, top: rect.top - edge, height: rect.height };
  });
}

/**
 * Keeps the reader's place in the open post: remembers it as the pane scrolls (and when the page
 * goes away), and scrolls back to a remembered one (`pendingPlace`) once its post is shown.
 */
export function useReadingPlace(
  scroller: HTMLElement | null,
  detail: OpenPost | null,
  reveal: (target: RevealTarget, options?: RevealOptions) => void,
): void {
  const rememberPlace = useApp((s) => s.rememberPlace);
  const flushPlace = useApp((s) => s.flushPlace);
  const pendingPlace = useApp((s) => s.pendingPlace);
  const clearPendingPlace = useApp((s) => s.clearPendingPlace);
  const postId = detail?.post.id;
  useEffect(() => {
    if (!scroller || !postId) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const remember = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      rememberPlace(placeAtTop(postId, measure(scroller), scroller.scrollTop));
    };
    const later = () => void (timer ??= setTimeout(remember, MEASURE_AFTER_MS));
    const leave = () => {
      if (timer) remember();
      flushPlace();
    };
    scroller.addEventListener('scroll', later, { passive: true });
    window.addEventListener('pagehide', leave);
    later();
    return () => {
      // Not measured now: the pane may already show the next post.
      if (timer) clearTimeout(timer);
      scroller.removeEventListener('scroll', later);
      window.removeEventListener('pagehide', leave);
    };
  }, [scroller, postId, rememberPlace, flushPlace]);

  useEffect(() => {
    if (!pendingPlace || !detail || !scroller) return;
    if (pendingPlace.postId !== detail.post.id) return clearPendingPlace();
    const found = revealOfPlace(pendingPlace, detail);
    // Its comment is in a part of a long thread still on its way.
    if (!found && pendingPlace.commentId !== undefined && stillArriving(detail)) return;
    clearPendingPlace();
    if (found) reveal(found.target, { elementId: found.elementId, offset: found.offset, focus: false });
    else scroller.scrollTo?.({ top: pendingPlace.offset });
  }, [pendingPlace, detail, scroller, reveal, clearPendingPlace]);
}
