/**
 * Scrolls to an element of the thread that may not be rendered yet, and focuses it.
 *
 * - Rendered already (the post body, a small thread, a row near the viewport): a smooth
 *   `scrollIntoView`, as for any element in the page.
 * - Not rendered: jump to its row by index (the list renders the rows there), wait for the
 *   element to appear, put it at the top, and keep it there for a few frames while the rows
 *   around it are measured and the list corrects its estimated offsets.
 *
 * A newer request, or the user scrolling, clicking or typing in the scroller, cancels the current one.
 */

/** How many frames to wait for an element, re-asking the list for its row now and then. */
const MAX_FRAMES = 120;
/** Re-issue the jump to the row this often while the element is missing (the list may not have measured yet). */
const RETRY_JUMP_EVERY = 10;
/** Frames the element must stay put before the scroll counts as done. */
const STABLE_FRAMES = 3;

let latest = 0;

export interface ScrollRequest {
  elementId: string;
  /** Index of the virtualised row that holds the element; null when it is always rendered. */
  rowIndex: number | null;
  /** Scrolls the list so that a row is rendered (Virtuoso's scrollToIndex). */
  scrollToRow: (index: number) => void;
  /** The scrolling element, watched for the user taking over. */
  scroller: HTMLElement | null;
  /** Focus the element (default true). */
  focus?: boolean;
  /** Where to put the element in the view (default 'start'). */
  block?: 'start' | 'center';
  /**
   * Put the element this many pixels above the scroller's top edge, at once rather than smoothly
   * (a remembered place: the reader was that far into the paragraph).
   */
  offset?: number;
}

export function scrollToPlace({
  elementId,
  rowIndex,
  scrollToRow,
  scroller,
  focus = true,
  block = 'start',
  offset,
}: ScrollRequest): void {
  const id = ++latest;
  let frame = 0;
  let jumped = false;
  let focused = false;
  let lastTop: number | null = null;
  let stable = 0;
  const cancel = () => {
    if (latest === id) latest++;
  };
  const userEvents = ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const;
  userEvents.forEach((name) => scroller?.addEventListener(name, cancel, { passive: true }));
  const done = () => userEvents.forEach((name) => scroller?.removeEventListener(name, cancel));

  const step = () => {
    if (latest !== id) return done();
    frame++;
    const element = document.getElementById(elementId);
    if (element && !jumped && offset === undefined) {
      element.scrollIntoView?.({ block, behavior: 'smooth' });
      if (focus) element.focus({ preventScroll: true });
      return done();
    }
    if (element) {
      // Focus it, and again if the list re-rendered its row meanwhile (focus falls back to the body then).
      if (focus && (!focused || document.activeElement === document.body)) {
        element.focus({ preventScroll: true });
        focused = true;
      }
      const top = element.getBoundingClientRect().top;
      if (lastTop === null || Math.abs(top - lastTop) > 1) {
        if (offset !== undefined && scroller) {
          const edge = scroller.getBoundingClientRect().top + scroller.clientTop;
          scroller.scrollTop += top - edge + offset;
        } else element.scrollIntoView?.({ block });
        lastTop = element.getBoundingClientRect().top;
        stable = 0;
      } else if (++stable >= STABLE_FRAMES) return done();
    } else if (rowIndex !== null) {
      if (!jumped || frame % RETRY_JUMP_EVERY === 0) scrollToRow(rowIndex);
      jumped = true;
      lastTop = null;
    } else return done();
    if (frame < MAX_FRAMES) requestAnimationFrame(step);
    else done();
  };
  // A frame later, so that replies expanded for the target are rendered first.
  requestAnimationFrame(step);
}
