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
}

/** A text with its accents removed, and for each folded offset the original one (one more entry: the end). */
export interface Folded {
  text: string;
  map: number[];
}

const COMBINING = /\p{M}/gu;

/** Removes accents, keeping a map from folded offsets to the original's. */
export function fold(text: string): Folded {
  // Pure ASCII (most blog text) folds to itself.
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(text)) return { text, map: [] };
  let out = '';
  const map: number[] = [];
  let index = 0;
  for (const char of text) {
    const folded = char.normalize('NFD').replace(COMBINING, '');
    out += folded;
    for (let i = 0; i < folded.length; i++) map.push(index);
    index += char.length;
  }
  map.push(text.length);
  return { text: out, map };
}

/** The original offset of a folded one. */
const original = (folded: Folded, offset: number) => (folded.map.length ? folded.map[offset]! : offset);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORDS = /[\p{L}\p{N}]+/gu;

const matchers = new Map<string, RegExp | null>();

/**
 * A pattern for the search words: each term (a word, or the words of a phrase with anything but
 * letters and digits between them) where a word starts, ignoring case — so "probat" marks the
 * start of "probation", as a prefix search finds it. Null when there is nothing to mark.
 */
export function termPattern(terms: readonly string[]): RegExp | null {
  const key = terms.join('\u0000');
  if (matchers.has(key)) return matchers.get(key)!;
  const alternatives = terms
    .map((term) => fold(term).text.match(WORDS) ?? [])
    .filter((words) => words.length > 0)
    .map((words) => words.map(escape).join('[^\\p{L}\\p{N}]+'))
    // Longer alternatives first, so a phrase wins over one of its words.
    .sort((a, b) => b.length - a.length);
  const pattern = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'giu') : null;
  if (matchers.size > 50) matchers.clear();
  matchers.set(key, pattern);
  return pattern;
}

/**
 * A pattern for what was typed in the find bar: the text as typed (no operators), ignoring case
 * and accents; a run of spaces matches any run of white space. Null for blank input.
 */
export function findPattern(query: string): RegExp | null {
  const words = fold(query).text.trim().split(/\s+/).filter(Boolean);
  return words.length ? new RegExp(words.map(escape).join('\\s+'), 'giu') : null;
}

/** Where a pattern matches in a text, as ranges of the original text. `limit` stops early. */
export function matchRanges(text: string | Folded, pattern: RegExp | null, limit = Infinity): { start: number; end: number }[] {
  if (!pattern) return [];
  const folded = typeof text === 'string' ? fold(text) : text;
  const ranges: { start: number; end: number }[] = [];
  for (const match of folded.text.matchAll(pattern)) {
    if (!match[0]) continue;
    ranges.push({ start: original(folded, match.index), end: original(folded, match.index + match[0].length) });
    if (ranges.length >= limit) break;
  }
  return ranges;
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
  const cuts = [...new Set([from, to, ...inside.flatMap((m) => [Math.max(from, m.start), Math.min(to, m.end)])])].sort((a, b) => a - b);
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
