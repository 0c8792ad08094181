/**
 * Anchoring an annotation to text that may have changed since it was made, in the manner of
 * the W3C Web Annotation model as Hypothesis uses it: a text-quote selector (the exact words,
 * with a little text before and after) and a text-position selector (offsets in the part).
 *
 * A part is one text of a post: its body, one comment, or one quoted article. When the seed
 * file is re-scraped (more comments, fixed typos, reflowed lines) the annotation is found again:
 *   1. at its old position, when the words there are still the quote;
 *   2. in its own part, by its exact quote (the prefix and suffix choosing between copies), or
 *      by a fuzzy match of the quote within a bounded edit distance (approx-string-match, the
 *      Myers bit-vector search Hypothesis uses), accepted only when its context agrees;
 *   3. unless its own part still holds its prefix and suffix with nothing between (it was
 *      deleted there), in the rest of the post the same way, parts of its own kind first
 *      (comment ids shift when comments are added or removed; articles repeat their comment).
 * Otherwise it is an orphan: kept, listed, never placed somewhere it might not belong.
 * White space is compared collapsed: a reflowed paragraph is the same words.
 */
import approxSearch from 'approx-string-match';
import { parsePart } from '../shared/part-keys';

/** Characters of context kept before and after a quote. */
export const CONTEXT = 32;

export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  start: number;
  end: number;
}

export interface Selectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Where an annotation landed: exactly (its words unchanged), fuzzily (its words edited), or nowhere. */
export type AnchorState = 'exact' | 'fuzzy' | 'orphan';

export type Anchor = { state: 'exact' | 'fuzzy'; part: string; start: number; end: number } | { state: 'orphan' };

/** The texts of a post, by part key ("body", "comment:3.2", "article:<id>"), in reading order. */
export type PartTexts = ReadonlyMap<string, string>;

/** The selectors of `text.slice(start, end)`. */
export function describeRange(text: string, start: number, end: number): Selectors {
  return {
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    },
    position: { start, end },
  };
}

/** A text with runs of white space collapsed to one space, and for each collapsed offset its original one (plus the end). */
interface Collapsed {
  text: string;
  map: number[];
}

function collapse(text: string): Collapsed {
  let out = '';
  const map: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (inSpace) continue;
      inSpace = true;
      out += ' ';
    } else {
      inSpace = false;
      out += c;
    }
    map.push(i);
  }
  map.push(text.length);
  return { text: out, map };
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

/**
 * Where words a person typed occur in a text, as [start, end) offsets of the text's own characters. Any run of
 * white space in either (no-break spaces, tabs, line ends) matches any other run, as re-anchoring does: a quote
 * typed "post from" finds "post\u00a0 from". Empty for a quote of nothing but white space.
 */
export function findTypedQuote(text: string, quote: string): { start: number; end: number }[] {
  const wanted = squash(quote.trim());
  if (!wanted) return [];
  const collapsed = collapse(text);
  const found: { start: number; end: number }[] = [];
  for (let at = collapsed.text.indexOf(wanted); at >= 0; at = collapsed.text.indexOf(wanted, at + 1))
    found.push({ start: collapsed.map[at]!, end: collapsed.map[at + wanted.length - 1]! + 1 });
  return found;
}

/** 0–1: how alike two short strings are (1 − edit distance ÷ length), for judging context. */
function likeness(a: string, b: string): number {
  if (!a.length && !b.length) return 1;
  if (!a.length || !b.length) return 0;
  const longer = Math.max(a.length, b.length);
  const best = approxSearch(a, b, longer)[0];
  // approxSearch finds b inside a; count the part of a outside the match as differences too.
  const errors = best ? best.errors + (a.length - (best.end - best.start)) : longer;
  return Math.max(0, 1 - errors / longer);
}

/** How well the text around [start, end) in `collapsed` agrees with the quote's prefix and suffix: 0–1 each. */
function contextAgreement(
  collapsed: string,
  start: number,
  end: number,
  quote: TextQuoteSelector,
): { prefix: number; suffix: number } {
  const prefix = squash(quote.prefix);
  const suffix = squash(quote.suffix);
  // Compare the ends nearest the quote: a prefix is judged by its last characters, a suffix by its first.
  const before = collapsed.slice(Math.max(0, start - prefix.length), start);
  const after = collapsed.slice(end, end + suffix.length);
  // An empty side means the quote began (or ended) its part: only a match there agrees with it.
  const atStart = !/\S/.test(collapsed.slice(0, start));
  const atEnd = !/\S/.test(collapsed.slice(end));
  return {
    prefix: prefix.trim() ? likeness(before, prefix) : atStart ? 1 : 0,
    suffix: suffix.trim() ? likeness(after, suffix) : atEnd ? 1 : 0,
  };
}

/** Most edits a fuzzy match may have: a tenth of the quote, at least 1, at most 32. */
export const maxErrorsFor = (quoteLength: number) => Math.min(32, Math.max(1, Math.floor(quoteLength / 10)));

interface Candidate {
  part: string;
  start: number;
  end: number;
  errors: number;
  score: number;
}

/** The kind of a part ("body", "comment", "article"): a renumbered comment is still a comment. */
const kindOf = (part: string) => parsePart(part)?.kind ?? part;

/**
 * Whether `collapsed` holds the quote's context with nothing but white space between its prefix
 * and suffix: the passage was cut out there. An empty side means the edge of the text.
 */
function cutOut(collapsed: string, quote: TextQuoteSelector): boolean {
  const before = squash(quote.prefix).trimEnd().slice(-16);
  const after = squash(quote.suffix).trimStart().slice(0, 16);
  if (before.length + after.length < 12) return false;
  const text = collapsed.trim();
  if (!before) return text.startsWith(after);
  if (!after) return text.endsWith(before);
  return text.includes(before + after) || text.includes(`${before} ${after}`);
}

/**
 * Finds an annotation's passage in a post's texts. `part` is where it was made; `selectors`
 * what it held then. Its own part is searched before the rest, then parts of its own kind:
 * a quoted article's text is also its comment's (or the body's) text, and comments quote the
 * post, so the same words in a part of another kind are a copy, not a rival.
 */
export function anchor(parts: PartTexts, part: string, selectors: Selectors): Anchor {
  const { quote, position } = selectors;
  if (!quote.exact.trim()) return { state: 'orphan' };
  // 1. Its own part, same place, same words.
  const own = parts.get(part);
  if (own !== undefined && own.slice(position.start, position.end) === quote.exact)
    return { state: 'exact', part, start: position.start, end: position.end };

  const exact = squash(quote.exact).trim();
  const others = [...parts.keys()].filter((key) => key !== part);
  const ownTier = own !== undefined ? [part] : [];
  const otherTiers = [
    others.filter((key) => kindOf(key) === kindOf(part)),
    others.filter((key) => kindOf(key) !== kindOf(part)),
  ];
  const collapsedOf = new Map<string, Collapsed>();
  const collapsedText = (key: string) => {
    let c = collapsedOf.get(key);
    if (!c) collapsedOf.set(key, (c = collapse(parts.get(key)!)));
    return c;
  };
  const toOriginal = (key: string, start: number, end: number) => {
    const { map } = collapsedText(key);
    return { start: map[start]!, end: map[end - 1]! + 1 };
  };

  /** The exact words (white space collapsed) in these parts; null when not there. */
  const exactIn = (keys: string[]): Anchor | null => {
    const hits: Candidate[] = [];
    for (const key of keys) {
      const c = collapsedText(key);
      for (let at = c.text.indexOf(exact); at >= 0; at = c.text.indexOf(exact, at + 1)) {
        const ctx = contextAgreement(c.text, at, at + exact.length, quote);
        // In its own part, nearer its old place is likelier.
        const near =
          key === part ? 1 - Math.min(1, Math.abs(c.map[at]! - position.start) / Math.max(1, c.text.length)) : 0;
        hits.push({
          part: key,
          start: at,
          end: at + exact.length,
          errors: 0,
          score: ctx.prefix + ctx.suffix + near * 0.5,
        });
      }
    }
    hits.sort((a, b) => b.score - a.score);
    const best = hits[0];
    if (!best) return null;
    // Copies of the words that the context cannot tell apart: better an orphan than a guess.
    if (hits.length > 1 && best.score - hits[1]!.score < 0.2) return { state: 'orphan' };
    // Found outside its own part, its context must agree: a short phrase could be anywhere,
    // and a long one may be a comment quoting it word for word.
    if (best.part !== part && best.score < 1) return { state: 'orphan' };
    return { state: 'exact', ...toOriginal(best.part, best.start, best.end), part: best.part };
  };

  /** Near matches in these parts, with context that vouches for them; null when none does. */
  const maxErrors = maxErrorsFor(exact.length);
  const fuzzyIn = (keys: string[]): Anchor | null => {
    const fuzzy: Candidate[] = [];
    for (const key of keys) {
      const c = collapsedText(key);
      if (c.text.length < exact.length - maxErrors) continue;
      for (const match of approxSearch(c.text, exact, maxErrors)) {
        const ctx = contextAgreement(c.text, match.start, match.end, quote);
        fuzzy.push({
          part: key,
          start: match.start,
          end: match.end,
          errors: match.errors,
          score: ctx.prefix + ctx.suffix - match.errors / maxErrors,
        });
      }
    }
    if (!fuzzy.length) return null;
    fuzzy.sort((a, b) => b.score - a.score || a.errors - b.errors);
    const best = fuzzy[0]!;
    const ctx = contextAgreement(collapsedText(best.part).text, best.start, best.end, quote);
    // The context must vouch for an edited quote: one side nearly as it was, or both sides mostly.
    const vouched = Math.max(ctx.prefix, ctx.suffix) >= 0.8 || (ctx.prefix >= 0.5 && ctx.suffix >= 0.5);
    if (!vouched) return null;
    // Overlapping reports of one match (approx-string-match gives each best end) are one candidate.
    const rival = fuzzy.find((f) => f.part !== best.part || f.end <= best.start || f.start >= best.end);
    if (rival && best.score - rival.score < 0.3) return { state: 'orphan' };
    return { state: 'fuzzy', ...toOriginal(best.part, best.start, best.end), part: best.part };
  };

  // 2. The exact words in its own part, then 3. its words edited there: a passage found in
  // its own part, in its own context, has not moved, even if a comment quotes it unedited.
  const inOwn = exactIn(ownTier) ?? fuzzyIn(ownTier);
  if (inOwn) return inOwn;
  // 4. Its own part still holds the words around it with nothing between: it was deleted
  // there, and its words elsewhere are a quotation of it.
  if (own !== undefined && cutOut(collapsedText(part).text, quote)) return { state: 'orphan' };
  // 5. The exact words elsewhere (comment ids shift when comments are added or removed):
  // parts of its kind first. 6. Near matches elsewhere, in the same order.
  for (const keys of otherTiers) {
    const found = exactIn(keys);
    if (found) return found;
  }
  for (const keys of otherTiers) {
    const found = fuzzyIn(keys);
    if (found) return found;
  }
  return { state: 'orphan' };
}
