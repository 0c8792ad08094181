import type { Post } from '../parse';
import { normalise, OPEN_QUOTE, wordCount, type Part } from './text';
import type { InternalQuote } from './types';

/** A quoted passage shorter than this many words is a phrase, not a quote worth linking. */
const MIN_WORDS = 4;

/** Lower case, apostrophes dropped: the text stems() splits into words. */
const lowered = (text: string): string => text.toLowerCase().replace(/['’‘`´]/g, '');

/** Words cut to a rough stem, so a quote that changes "dominating" to "dominate" still matches. */
function stems(text: string): string {
  return stemsOfLowered(lowered(text));
}

/** stems() of a text already lowered(): a target lowers its text once, for mayHold() and for this. */
function stemsOfLowered(lower: string): string {
  // One pass over the text (this runs over every comment of a thread): the same words as normalise().
  const words = lower.match(/[\p{L}\p{N}]+/gu);
  if (!words) return '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.length <= 4) continue;
    if (w.endsWith('ing')) words[i] = w.slice(0, -3);
    else if (w.endsWith('ed') || w.endsWith('es')) words[i] = w.slice(0, -2);
    else if (w.endsWith('e') || w.endsWith('s')) words[i] = w.slice(0, -1);
  }
  return words.join(' ');
}
/** Double-quoted stretches inside a line. */
const INLINE = /["“]([^"“”\n]{12,}?)["”]/g;

/** What an internal quote points at before it gets an id. */
export interface QuoteCandidate {
  part: Part;
  /** Index into part.lines of the quoting line. */
  lineIndex: number;
  text: string;
  target: InternalQuote['target'];
  /** The whole line is the quotation (it opens with a quote mark). */
  wholeLine: boolean;
}

/** A place a passage may quote. Its lower-cased and stemmed texts are made on first use: most are never needed. */
class Target {
  private lowerText: string | null = null;
  private stemmed: string | null = null;
  constructor(
    readonly target: InternalQuote['target'],
    private readonly text: string,
    readonly commentId: string | null,
  ) {}
  /**
   * Could it hold these stems at all? Every stem is part of a word as written (lower-cased,
   * apostrophes dropped), so a text missing one cannot hold the passage: a cheap test before
   * stemming the whole text. `words` come longest first, the likeliest to be missing.
   */
  mayHold(words: readonly string[]): boolean {
    const lower = this.lower;
    for (const word of words) if (!lower.includes(word)) return false;
    return true;
  }
  /** The text lower-cased, apostrophes dropped: what stems() splits into words. */
  get lower(): string {
    return (this.lowerText ??= lowered(this.text));
  }
  get normalised(): string {
    return (this.stemmed ??= stemsOfLowered(this.lower));
  }
}

/** FNV-1a of `text.slice(from, to)`, cut to 30 bits: a small integer, the cheapest Map key. */
function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/** A-Z, a-z, 0-9. */
const isAsciiAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);

/** How much of a word stems() keeps (the same rule, by length). */
function stemLength(text: string, from: number, to: number): number {
  const length = to - from;
  if (length <= 4) return length;
  const last = text.charCodeAt(to - 1);
  const before = text.charCodeAt(to - 2);
  if (last === 103 && before === 110 && text.charCodeAt(to - 3) === 105) return length - 3; // "ing"
  if (before === 101 && (last === 100 || last === 115)) return length - 2; // "ed", "es"
  if (last === 101 || last === 115) return length - 1; // "e", "s"
  return length;
}

const ASCII_WORD = /^[a-z0-9]+$/;

/**
 * The targets by the stemmed words they hold, for threads with many quoted passages (up to
 * 2,000 comments), where trying every target for every passage is quadratic. A fragment of a
 * passage has three words or more, and its interior words (not the first or last, which may be
 * cut mid-word) stand whole in any stemmed text that holds it: so the targets holding the rarest
 * of them include every target that can hold the passage. Stemming whole texts costs more than
 * the quadratic search saves, so only plain ASCII words are indexed, by hash, in one pass over
 * the lower-cased text: an ASCII stem comes from an ASCII word, which non-ASCII letters cannot
 * adjoin, so none is missed; a hash collision only lets an extra target through to the full test.
 */
class WordIndex {
  private readonly byWord = new Map<number, Target[]>();
  constructor(private readonly targets: readonly Target[]) {
    for (const target of targets) {
      const text = target.lower;
      let start = -1;
      for (let i = 0; i <= text.length; i++) {
        if (i < text.length && isAsciiAlnum(text.charCodeAt(i))) {
          if (start < 0) start = i;
          continue;
        }
        if (start < 0) continue;
        const key = hashOf(text, start, start + stemLength(text, start, i));
        const list = this.byWord.get(key);
        if (!list) this.byWord.set(key, [target]);
        else if (list[list.length - 1] !== target) list.push(target);
        start = -1;
      }
    }
  }
  /** The targets that may hold all the fragments, in thread order. */
  candidates(fragments: readonly string[]): readonly Target[] {
    let rarest: readonly Target[] = this.targets;
    for (const fragment of fragments) {
      const words = fragment.split(' ');
      for (let k = 1; k < words.length - 1; k++) {
        const word = words[k]!;
        if (!ASCII_WORD.test(word)) continue;
        const list = this.byWord.get(hashOf(word, 0, word.length));
        if (!list) return [];
        if (list.length < rarest.length) rarest = list;
      }
    }
    return rarest;
  }
}

/** A thread gets a WordIndex once passages × targets passes this: below it, building the index costs more than it saves. */
const INDEX_AFTER = 100_000;

function targetsOf(post: Post, comments: Part[]): Target[] {
  const targets = post.body.map(
    (block) => new Target({ part: 'body', line: block.line, endLine: block.endLine }, block.text, null),
  );
  for (const part of comments) {
    const comment = part.comment!;
    targets.push(new Target({ part: 'comment', commentId: comment.id, line: comment.line }, comment.text, comment.id));
  }
  return targets;
}

/** The passages a line quotes: the whole line when it opens with a quote mark, and every double-quoted stretch in it. */
function passagesOf(line: string): { text: string; wholeLine: boolean }[] {
  // Most lines have no double quote mark at all: skip the regexes.
  if (!/["“”„]/.test(line)) return [];
  const trimmed = line.trim();
  if (OPEN_QUOTE.test(trimmed)) {
    const body = trimmed.slice(1);
    const close = body.search(/["”“]/);
    return [{ text: close >= 0 ? body.slice(0, close) : body, wholeLine: true }];
  }
  return Array.from(trimmed.matchAll(INLINE), (m) => ({ text: m[1]!, wholeLine: false }));
}

/** Does the target hold every fragment of the passage (split at "..." where the quoter cut it)? */
function holds(target: Target, fragments: string[], probe: readonly string[]): boolean {
  return fragments.length > 0 && target.mayHold(probe) && fragments.every((f) => target.normalised.includes(f));
}

/** The distinct stems of the fragments, longest first: every text that holds the fragments holds each of them, lower-cased, as written. */
const probeOf = (fragments: string[]): string[] =>
  [...new Set(fragments.join(' ').split(' '))].filter(Boolean).sort((a, b) => b.length - a.length);

/** A passage cut at "..." into its stemmed fragments of three words or more. */
const fragmentsOf = (passage: string): string[] =>
  passage
    .split(/\.{3}|…/)
    .map(stems)
    .filter((f) => wordCount(f) >= 3);

/**
 * The places of one thread a passage may quote, and the test, shared by all its passages. A
 * thread gets a WordIndex once it has tried enough passages (see INDEX_AFTER); the index only
 * narrows the targets tried, so the same test picks the same first one either way.
 */
class ThreadQuotes {
  private readonly targets: Target[];
  private passages = 0;
  private index: WordIndex | null = null;
  constructor(post: Post, comments: Part[]) {
    this.targets = targetsOf(post, comments);
  }
  /** Where a passage in a comment quotes the thread (the post first, then the other comments in order); null when nowhere, or too short to count. */
  targetOf(passage: string, part: Part): Target | null {
    if (wordCount(normalise(passage)) < MIN_WORDS) return null;
    const fragments = fragmentsOf(passage);
    const probe = probeOf(fragments);
    if (!this.index && ++this.passages * this.targets.length > INDEX_AFTER) this.index = new WordIndex(this.targets);
    return (
      (this.index ? this.index.candidates(fragments) : this.targets).find(
        (t) => t.commentId !== part.comment!.id && holds(t, fragments, probe),
      ) ?? null
    );
  }
}

/**
 * Passages in comments that quote the post or another comment ("Our preparation in advance…"
 * in comment 8 quoting the post). A passage counts when it has at least four words and every
 * part of it, cut at "...", appears in one other place of the thread; the post is tried first,
 * then the comments in thread order.
 */
export function findQuoteCandidates(post: Post, comments: Part[]): QuoteCandidate[] {
  const thread = new ThreadQuotes(post, comments);
  const found: QuoteCandidate[] = [];
  for (const part of comments) {
    part.lines.forEach((line, lineIndex) => {
      if (line.blank) return;
      for (const passage of passagesOf(line.text)) {
        const hit = thread.targetOf(passage.text, part);
        if (hit)
          found.push({ part, lineIndex, text: passage.text.trim(), target: hit.target, wholeLine: passage.wholeLine });
      }
    });
  }
  return found;
}

/** Line numbers (indexes into a part's lines) with a yes-or-no property. */
export interface LineSet {
  has(lineIndex: number): boolean;
}

/**
 * The comment lines that are wholly a quote of the thread (the candidates findQuoteCandidates()
 * marks `wholeLine`), each tested only when asked about: article extraction asks about a few
 * lines, where finding every quote tests every quoted passage of the thread.
 */
export function wholeLineQuotes(post: Post, comments: Part[]): (part: Part) => LineSet {
  let thread: ThreadQuotes | null = null;
  return (part) => {
    const known = new Map<number, boolean>();
    const test = (lineIndex: number): boolean => {
      const line = part.lines[lineIndex];
      if (!line || line.blank) return false;
      const [passage, ...more] = passagesOf(line.text);
      if (!passage?.wholeLine || more.length) return false;
      thread ??= new ThreadQuotes(post, comments);
      return thread.targetOf(passage.text, part) !== null;
    };
    return {
      has(lineIndex) {
        let yes = known.get(lineIndex);
        if (yes === undefined) known.set(lineIndex, (yes = test(lineIndex)));
        return yes;
      },
    };
  };
}
