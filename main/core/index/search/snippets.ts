import type { SnippetPart } from '../types';
import { matchRanges } from '../../shared/match';

/** A snippet: up to this many characters, starting a little before the first match. */
const SNIPPET_LENGTH = 200;
const SNIPPET_LEAD = 60;

/** Characters of a text searched for its first match at a time (then four times as many): an article runs to tens of thousands. */
const SNIPPET_SCAN = 4096;
/** A match is trusted only this far before the end of the piece searched: a match there reads the same as in the whole text. */
const SNIPPET_MARGIN = 300;

/**
 * The matches a snippet can show: the first, and those up to a snippet's length after it.
 * Folding accents and matching a long text whole cost most of a search; folding is
 * character by character, so the start of a text is searched first, and a match well before
 * the end of that piece is what the whole text would give there.
 */
function rangesNearFirst(text: string, pattern: RegExp | null): { start: number; end: number }[] {
  for (let k = Math.min(text.length, SNIPPET_SCAN); ; k = Math.min(text.length, k * 4)) {
    // Never between the halves of a surrogate pair.
    if (k < text.length && (text.charCodeAt(k - 1) & 0xfc00) === 0xd800) k++;
    if (k >= text.length) return matchRanges(text, pattern, 40);
    const ranges = matchRanges(text.slice(0, k), pattern, 40);
    const first = ranges[0];
    if (first && first.end + SNIPPET_LEAD + SNIPPET_LENGTH + SNIPPET_MARGIN < k)
      return ranges.filter((r) => r.end < k - SNIPPET_MARGIN);
  }
}

/**
 * A short stretch of a text around its first match, with every match in it marked, white space
 * collapsed, and "…" where it was cut. Null when the text holds no match.
 */
export function snippetOf(text: string, pattern: RegExp | null): SnippetPart[] | null {
  const ranges = rangesNearFirst(text, pattern);
  const first = ranges[0];
  if (!first) return null;
  let from = Math.max(0, first.start - SNIPPET_LEAD);
  if (from > 0) {
    // Start at a word.
    const space = text.slice(from, first.start).search(/\s/);
    from = space >= 0 ? from + space + 1 : first.start;
  }
  let to = Math.min(text.length, Math.max(first.end, from + SNIPPET_LENGTH));
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > first.end) to = space;
  }
  const flat = (piece: string) => piece.replace(/\s+/g, ' ');
  const parts: SnippetPart[] = [];
  const push = (piece: string, marked: boolean) => piece && parts.push({ text: flat(piece), marked });
  if (from > 0) push('…', false);
  let at = from;
  for (const range of ranges) {
    if (range.start < at || range.end > to) continue;
    push(text.slice(at, range.start), false);
    push(text.slice(range.start, range.end), true);
    at = range.end;
  }
  push(text.slice(at, to), false);
  if (to < text.length) push('…', false);
  if (parts[0] && !parts[0].marked) parts[0].text = parts[0].text.replace(/^\s+/, '');
  return parts;
}

/** The start of a text, unmarked: for a hit whose words the snippet pattern cannot place (an accent the index folds differently). */
function openingOf(text: string): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [
    {
      text: flat.length > SNIPPET_LENGTH ? `${flat.slice(0, flat.lastIndexOf(' ', SNIPPET_LENGTH))}…` : flat,
      marked: false,
    },
  ];
}

/** The snippet a hit shows: around the first match in its body, else in its title, else the start of its text unmarked. */
export function hitSnippet(text: { title: string; body: string }, pattern: RegExp | null): SnippetPart[] {
  return snippetOf(text.body, pattern) ?? snippetOf(text.title, pattern) ?? openingOf(text.body || text.title);
}
