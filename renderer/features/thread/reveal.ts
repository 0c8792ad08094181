/**
 * Bringing a place in the open thread into view, whether or not its row is rendered yet.
 *
 * The comment list is virtualised: only the rows near the viewport exist in the DOM. So a
 * caller names *what* to show (a comment, a body line, an article) rather than a DOM element,
 * and the mounted thread — which knows the rows — scrolls to the row first, then to the element
 * once it is rendered, and focuses it.
 */

/** A place in the open post: a comment or reply by path id, a body line (file line), or a quoted article. */
export type RevealTarget = { commentId: string } | { bodyLine: number } | { articleId: string };

/** How to show it. */
export interface RevealOptions {
  /** Scroll to this element (inside the place, e.g. a find match) instead of the place itself. */
  elementId?: string;
  /** Move the focus there (default true); the find bar keeps the focus in its input. */
  focus?: boolean;
  /** Where in the view to put it (default 'start'). */
  block?: 'start' | 'center';
  /** Put it this many pixels above the top of the view, at once (a remembered place). */
  offset?: number;
}

type Revealer = (target: RevealTarget, options?: RevealOptions) => void;

let current: Revealer | null = null;

/** The thread registers itself while mounted; returns the unregister function. */
export function registerRevealer(revealer: Revealer): () => void {
  current = revealer;
  return () => {
    if (current === revealer) current = null;
  };
}

/** Scrolls the open thread to a comment, body line or article (expanding hidden replies) and focuses it. False when no thread is shown. */
export function revealInThread(target: RevealTarget, options?: RevealOptions): boolean {
  if (!current) return false;
  current(target, options);
  return true;
}
