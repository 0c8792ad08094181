import { fold } from '../../main/core/shared/match';

/**
 * Marking words in text that comes from files: where the search words or the find-in-post
 * matches are, as ranges of the text. Rendering them (as <mark>) is LinkedText's job; nothing
 * here produces HTML.
 *
 * Matching ignores case and accents the way the full-text index does ("cafe" finds "Café"):
 * the text is folded (accents removed) with a map back to the original offsets.
 */

/** A marked stretch of a text, [start, end) in UTF-16 offsets. */
export interface MarkRange {
  start: number;
  end: number;
  className: string;
  /** DOM id for the mark (given to its first piece only). */
  id?: string;
  /** Where marks overlap, the higher priority shows. */
  priority: number;
  /** A reader's highlight: its id (a click opens it) and what a screen reader hears about it. */
  annotation?: { id: string; label: string };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern for what was typed in the find bar: the text as typed (no operators), ignoring case
 * and accents; a run of spaces matches any run of white space. Null for blank input.
 */
export function findPattern(query: string): RegExp | null {
  const words = fold(query).text.trim().split(/\s+/).filter(Boolean);
  return words.length ? new RegExp(words.map(escape).join('\\s+'), 'giu') : null;
}

/** A piece of text with the mark that covers it, if any. */
export interface MarkedPiece {
  text: string;
  start: number;
  mark: MarkRange | null;
}

/**
 * Cuts [from, to) of a text into pieces, each marked by the highest-priority mark covering it
 * (the earliest on a tie), or unmarked.
 */
export function markPieces(text: string, marks: readonly MarkRange[], from = 0, to = text.length): MarkedPiece[] {
  const inside = marks.filter((m) => m.end > from && m.start < to && m.end > m.start);
  if (!inside.length) return to > from ? [{ text: text.slice(from, to), start: from, mark: null }] : [];
  const cuts = [...new Set([from, to, ...inside.flatMap((m) => [Math.max(from, m.start), Math.min(to, m.end)])])].sort(
    (a, b) => a - b,
  );
  const pieces: MarkedPiece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    let mark: MarkRange | null = null;
    for (const m of inside) if (m.start <= start && m.end >= end && (!mark || m.priority > mark.priority)) mark = m;
    const last = pieces[pieces.length - 1];
    if (last && last.mark === mark) last.text += text.slice(start, end);
    else pieces.push({ text: text.slice(start, end), start, mark });
  }
  return pieces;
}
