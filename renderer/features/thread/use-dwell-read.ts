/**
 * Read by dwell, as Discourse does: a comment (or the post's own text) becomes read once it has
 * stayed mostly in view of the thread's scroller for the dwell time (the store's `dwellMs`), not
 * when it is scrolled past. Parts carry `data-read-part` ("body", "comment:3.2"); the long thread
 * is virtualised, so parts are observed as their rows mount and let go as they unmount.
 */
import { useContext, useEffect } from 'react';
import { StoreContext, useApp } from '../../store';

/** Share of a part that must be in view; a part too tall for that counts when it fills this share of the view. */
export const MOSTLY = 0.6;
/** Ratios at which the observer reports, fine enough to see a tall part fill the view. */
const THRESHOLDS = Array.from({ length: 21 }, (_, i) => i / 20);
/** Marks that fire together are sent as one call. */
const BATCH_MS = 50;

/** The parts of an IntersectionObserverEntry that decide whether a part is mostly in view. */
export interface Visibility {
  isIntersecting: boolean;
  intersectionRatio: number;
  intersectionRect: { height: number };
  rootBounds: { height: number } | null;
}

/** Mostly in view: most of the part, or, for a part taller than that allows, most of the view. */
export function mostlyInView(entry: Visibility): boolean {
  if (!entry.isIntersecting) return false;
  if (entry.intersectionRatio >= MOSTLY) return true;
  return entry.rootBounds !== null && entry.intersectionRect.height >= MOSTLY * entry.rootBounds.height;
}

export interface DwellOptions {
  dwellMs: number;
  /** Whether a part is read already (then it is not timed). */
  isRead(part: string): boolean;
  /** Parts that have dwelt long enough, a batch at a time. */
  onRead(parts: string[]): void;
}

/** Times each part while it is in view; a part leaving the view before its time is up starts again next time. */
export class DwellTracker {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private batch: string[] = [];
  private flush: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: DwellOptions) {}

  /** A part came into view (mostly) or left it. */
  update(part: string, inView: boolean): void {
    const timer = this.timers.get(part);
    if (!inView) {
      if (timer !== undefined) clearTimeout(timer);
      this.timers.delete(part);
      return;
    }
    if (timer !== undefined || this.options.isRead(part)) return;
    this.timers.set(
      part,
      setTimeout(() => {
        this.timers.delete(part);
        if (!this.options.isRead(part)) this.queue(part);
      }, this.options.dwellMs),
    );
  }

  private queue(part: string): void {
    this.batch.push(part);
    this.flush ??= setTimeout(() => {
      const parts = this.batch;
      this.batch = [];
      this.flush = null;
      this.options.onRead(parts);
    }, BATCH_MS);
  }

  /** Parts being timed now. */
  get timing(): string[] {
    return [...this.timers.keys()];
  }

  /** Forgets every timer (the post changed, the thread unmounted); a batch due is sent now. */
  stop(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    if (this.flush !== null) clearTimeout(this.flush);
    this.flush = null;
    const parts = this.batch;
    this.batch = [];
    if (parts.length) this.options.onRead(parts);
  }
}

const partOf = (element: Element): string | undefined => (element as HTMLElement).dataset?.['readPart'];

/** Marks the open post's parts read as they dwell in view of `scroller`; `root` holds them. */
export function useDwellRead(root: HTMLElement | null, scroller: HTMLElement | null, postId: string | null): void {
  const store = useContext(StoreContext);
  const dwellMs = useApp((s) => s.dwellMs);
  useEffect(() => {
    if (!store || !root || !scroller || !postId || typeof IntersectionObserver === 'undefined') return;
    const tracker = new DwellTracker({
      dwellMs,
      isRead: (part) => Boolean(store.getState().readParts[part]),
      onRead: (parts) => {
        // Only while the same post is open: a batch due as another opens belongs to the one before.
        if (store.getState().openPostId === postId) void store.getState().markRead(parts, true);
      },
    });
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const part = partOf(entry.target);
          if (part) tracker.update(part, mostlyInView(entry));
        }
      },
      { root: scroller, threshold: THRESHOLDS },
    );
    const partsIn = (node: Node): Element[] =>
      node instanceof Element ? [...(partOf(node) ? [node] : []), ...node.querySelectorAll('[data-read-part]')] : [];
    partsIn(root).forEach((element) => observer.observe(element));
    // Rows of the virtualised thread come and go as it scrolls.
    const rows = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        mutation.addedNodes.forEach((node) => partsIn(node).forEach((element) => observer.observe(element)));
        mutation.removedNodes.forEach((node) =>
          partsIn(node).forEach((element) => {
            observer.unobserve(element);
            const part = partOf(element);
            if (part && !root.contains(element)) tracker.update(part, false);
          }),
        );
      }
    });
    rows.observe(root, { childList: true, subtree: true });
    return () => {
      rows.disconnect();
      observer.disconnect();
      tracker.stop();
    };
  }, [store, root, scroller, postId, dwellMs]);
}
