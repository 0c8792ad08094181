/**
 * Finding search words in text the way the full-text index does: ignoring case and accents
 * ("cafe" finds "Café"), whole words (a prefix search's "probat*" marks the start of
 * "probation"), a phrase's words with anything but letters and digits between.
 * Used for search snippets (main) and for marking words in the reader (renderer).
 */

/** A text with its accents removed, and for each folded offset the original one (one more entry: the end). */
export interface Folded {
  text: string;
  map: number[];
}

const COMBINING = /\p{M}/gu;

/**
 * Each character's folded form once found, or null when it folds to itself: a text repeats the
 * same few accented letters, and normalising each again (or testing a whole text for marks and
 * normalising it, to learn it had nothing to fold) would be most of a search's time.
 */
const foldedPoints = new Map<number, string | null>();

function foldPoint(point: number): string | null {
  let folded = foldedPoints.get(point);
  if (folded === undefined) {
    const char = String.fromCodePoint(point);
    const stripped = char.normalize('NFD').replace(COMBINING, '');
    folded = stripped === char ? null : stripped;
    foldedPoints.set(point, folded);
  }
  return folded;
}

/** Removes accents, keeping a map from folded offsets to the original's (empty when nothing changed). */
export function fold(text: string): Folded {
  // Pure ASCII (most blog text) folds to itself, as does text whose other characters are
  // punctuation, curly quotes, dashes, £ or € (none decomposes): quick native tests first.
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(text) || /^[\u0000-\u00bf\u2010-\u2027\u2030-\u205e\u20a0-\u20cf]*$/.test(text))
    return { text, map: [] };
  // Nothing below U+00C0 has an accent to remove: the first character that folds to something else, if any.
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0xc0) continue;
    const point = text.codePointAt(i)!;
    if (foldPoint(point) !== null) {
      first = i;
      break;
    }
    if (point > 0xffff) i++;
  }
  if (first < 0) return { text, map: [] };
  const parts: string[] = [text.slice(0, first)];
  const map: number[] = [];
  for (let k = 0; k < first; k++) map.push(k);
  let i = first;
  while (i < text.length) {
    // Copied in runs up to the next character that changes.
    if (text.charCodeAt(i) < 0xc0) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) < 0xc0) j++;
      parts.push(text.slice(i, j));
      for (let k = i; k < j; k++) map.push(k);
      i = j;
      continue;
    }
    const point = text.codePointAt(i)!;
    const width = point > 0xffff ? 2 : 1;
    const folded = foldPoint(point) ?? text.slice(i, i + width);
    parts.push(folded);
    for (let k = 0; k < folded.length; k++) map.push(i);
    i += width;
  }
  map.push(text.length);
  return { text: parts.join(''), map };
}

/** The original offset of a folded one. */
const original = (folded: Folded, offset: number) => (folded.map.length ? folded.map[offset]! : offset);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORDS = /[\p{L}\p{N}]+/gu;

const matchers = new Map<string, RegExp | null>();

/**
 * A pattern for the search words, as the index matches them: each term a whole word, or the
 * words of a phrase with anything but letters and digits between them; a term ending in "*" is
 * a prefix ("probat*" marks the start of "probation"). Ignores case. Null when there is nothing
 * to mark.
 */
export function termPattern(terms: readonly string[]): RegExp | null {
  const key = terms.join('\u0000');
  if (matchers.has(key)) return matchers.get(key)!;
  const alternatives = terms
    .map((term) => ({ words: fold(term).text.match(WORDS) ?? [], prefix: /\*\s*$/.test(term) }))
    .filter(({ words }) => words.length > 0)
    .map(({ words, prefix }) => words.map(escape).join('[^\\p{L}\\p{N}]+') + (prefix ? '' : '(?![\\p{L}\\p{N}])'))
    // Longer alternatives first, so a phrase wins over one of its words.
    .sort((a, b) => b.length - a.length);
  const pattern = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'giu') : null;
  if (matchers.size > 50) matchers.clear();
  matchers.set(key, pattern);
  return pattern;
}

/** Where a pattern matches in a text, as ranges of the original text. `limit` stops early. */
export function matchRanges(
  text: string | Folded,
  pattern: RegExp | null,
  limit = Infinity,
): { start: number; end: number }[] {
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
