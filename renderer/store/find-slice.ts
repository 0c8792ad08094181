import type { StateCreator } from 'zustand';
import { postParagraphs, type PostParagraph } from '../features/thread/segments';
import { fold, matchRanges, type Folded } from '../../main/core/shared/match';
import { findPattern } from '../ui/highlight';
import type { AppState } from './index';

/** Matches counted at most: past this the bar says "1,000+" (a one-letter search in a 2,000-comment thread). */
export const FIND_LIMIT = 1000;

/** One match of the find bar in the open post. */
export interface FindMatch {
  /** Its place among all matches, in reading order. */
  index: number;
  /** DOM id of the paragraph holding it. */
  paragraphId: string;
  /** Offsets in the paragraph's text. */
  start: number;
  end: number;
  /** The comment holding it (to reveal it, expanding collapsed replies); null in the post body. */
  commentId: string | null;
  /** File line of the body paragraph holding it; null in a comment. */
  bodyLine: number | null;
}

export interface FindSlice {
  findOpen: boolean;
  findQuery: string;
  /** Every match in the open post (body and all comments, rendered or not), in reading order. */
  findMatches: FindMatch[];
  /** More matches than FIND_LIMIT: the list stops there. */
  findCapped: boolean;
  /** Index of the current match; -1 when there is none. */
  findCurrent: number;
  /** The matches of each paragraph, by paragraph id (what the thread renders as marks). */
  findByParagraph: ReadonlyMap<string, FindMatch[]>;
  /** Bumped each time the bar is asked for, so it takes the focus again. */
  findFocusRequest: number;
  openFind(): void;
  /** Closes the bar and clears its matches. */
  closeFind(): void;
  /**
   * Finds `query` in the open post. The current match becomes the first one at or after the
   * previous current match, or else after `fromParagraphId` (the first paragraph in view).
   */
  setFindQuery(query: string, fromParagraphId?: string | null): void;
  /** Moves to the next (1) or previous (-1) match, wrapping round; returns it. */
  findStep(delta: 1 | -1): FindMatch | null;
  /** Finds again in the open post as it is now (more of it arrived, or it was reloaded from disk). */
  refreshFind(): void;
}

const NO_MATCHES = new Map<string, FindMatch[]>();

/** The find bar closed and empty (also set when another post is opened). */
export const closedFind = {
  findOpen: false,
  findQuery: '',
  findMatches: [] as FindMatch[],
  findCapped: false,
  findCurrent: -1,
  findByParagraph: NO_MATCHES as ReadonlyMap<string, FindMatch[]>,
};

const foldedCache = new WeakMap<PostParagraph, Folded>();
const foldedOf = (paragraph: PostParagraph) => {
  let folded = foldedCache.get(paragraph);
  if (!folded) foldedCache.set(paragraph, (folded = fold(paragraph.text)));
  return folded;
};

/** Every match of the query in the paragraphs, in reading order, up to FIND_LIMIT + 1. */
function findAll(paragraphs: PostParagraph[], query: string): FindMatch[] {
  const pattern = findPattern(query);
  if (!pattern) return [];
  const matches: FindMatch[] = [];
  for (const paragraph of paragraphs) {
    for (const { start, end } of matchRanges(foldedOf(paragraph), pattern, FIND_LIMIT + 1 - matches.length)) {
      matches.push({
        index: matches.length,
        paragraphId: paragraph.id,
        start,
        end,
        commentId: paragraph.commentId,
        bodyLine: paragraph.bodyLine,
      });
    }
    if (matches.length > FIND_LIMIT) break;
  }
  return matches;
}

/** Where the find starts again: a match's place, or a paragraph's start. */
interface FindFrom {
  paragraphId: string;
  start: number;
  commentId?: string | null;
  bodyLine?: number | null;
}

/**
 * The index of the paragraph to find from, and the offset in it. When the paragraph is gone —
 * the post's articles arrived and split paragraphs into quotes — the same comment's first
 * paragraph, or the body paragraph at or before the same line.
 */
function positionOf(
  paragraphs: PostParagraph[],
  order: Map<string, number>,
  from: FindFrom,
): { at: number; start: number } {
  const at = order.get(from.paragraphId);
  if (at !== undefined) return { at, start: from.start };
  if (from.commentId) {
    const first = paragraphs.findIndex((p) => p.commentId === from.commentId);
    if (first >= 0) return { at: first, start: 0 };
  }
  if (from.bodyLine !== undefined && from.bodyLine !== null) {
    const line = from.bodyLine;
    const before = paragraphs.findLastIndex((p) => p.bodyLine !== null && p.bodyLine <= line);
    if (before >= 0) return { at: before, start: 0 };
  }
  return { at: 0, start: 0 };
}

export const createFindSlice: StateCreator<AppState, [], [], FindSlice> = (set, get) => {
  const search = (query: string, from: FindFrom | null) => {
    const detail = get().detail;
    if (!detail)
      return set({
        findQuery: query,
        findMatches: [],
        findCapped: false,
        findCurrent: -1,
        findByParagraph: NO_MATCHES,
      });
    const paragraphs = postParagraphs(detail);
    const found = findAll(paragraphs, query);
    const capped = found.length > FIND_LIMIT;
    const matches = capped ? found.slice(0, FIND_LIMIT) : found;
    const byParagraph = new Map<string, FindMatch[]>();
    for (const match of matches) {
      const list = byParagraph.get(match.paragraphId);
      if (list) list.push(match);
      else byParagraph.set(match.paragraphId, [match]);
    }
    let current = matches.length ? 0 : -1;
    if (from && matches.length) {
      const order = new Map(paragraphs.map((p, i) => [p.id, i]));
      const { at, start } = positionOf(paragraphs, order, from);
      const next = matches.findIndex((m) => {
        const i = order.get(m.paragraphId) ?? 0;
        return i > at || (i === at && m.start >= start);
      });
      current = next < 0 ? 0 : next;
    }
    set({
      findQuery: query,
      findMatches: matches,
      findCapped: capped,
      findCurrent: current,
      findByParagraph: byParagraph,
    });
  };

  return {
    ...closedFind,
    findFocusRequest: 0,
    openFind() {
      set({ findOpen: true, findFocusRequest: get().findFocusRequest + 1 });
    },
    closeFind() {
      set(closedFind);
    },
    setFindQuery(query, fromParagraphId) {
      const previous = get().findMatches[get().findCurrent];
      search(query, previous ?? (fromParagraphId ? { paragraphId: fromParagraphId, start: 0 } : null));
    },
    findStep(delta) {
      const { findMatches: matches, findCurrent: current } = get();
      if (!matches.length) return null;
      const next = (current + delta + matches.length) % matches.length;
      set({ findCurrent: next });
      return matches[next]!;
    },
    refreshFind() {
      const { findOpen, findQuery, findMatches, findCurrent } = get();
      if (!findOpen) return;
      search(findQuery, findMatches[findCurrent] ?? null);
    },
  };
};
