import type { Post } from '../parse';
import { normalise, OPEN_QUOTE, wordCount, type Part } from './text';
import type { InternalQuote } from './types';

/** A quoted passage shorter than this many words is a phrase, not a quote worth linking. */
const MIN_WORDS = 4;

/** Words cut to a rough stem, so a quote that changes "dominating" to "dominate" still matches. */
function stems(text: string): string {
  // One pass over the text (this runs over every comment of a thread): the same words as normalise().
  const words = text
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .match(/[\p{L}\p{N}]+/gu);
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
    const lower = (this.lowerText ??= this.text.toLowerCase().replace(/['’‘`´]/g, ''));
    for (const word of words) if (!lower.includes(word)) return false;
    return true;
  }
  get normalised(): string {
    return (this.stemmed ??= stems(this.text));
  }
}

function targetsOf(post: Post, comments: Part[]): Target[] {
  const targets = post.body.map((block) => new Target({ part: 'body', line: block.line, endLine: block.endLine }, block.text, null));
  for (const part of comments) {
    const comment = part.comment!;
    targets.push(new Target({ part: 'comment', commentId: comment.id, line: comment.line }, comment.text, comment.id));
  }
  return targets;
}

/** The passages a line quotes: the whole line when it opens with a quote mark, and every double-quoted stretch in it. */
function passagesOf(line: string): { text: string; wholeLine: boolean }[] {
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
const probeOf = (fragments: string[]): string[] => [...new Set(fragments.join(' ').split(' '))].filter(Boolean).sort((a, b) => b.length - a.length);

/** A passage cut at "..." into its stemmed fragments of three words or more. */
const fragmentsOf = (passage: string): string[] =>
  passage
    .split(/\.{3}|…/)
    .map(stems)
    .filter((f) => wordCount(f) >= 3);

/**
 * Passages in comments that quote the post or another comment ("Our preparation in advance…"
 * in comment 8 quoting the post). A passage counts when it has at least five words and every
 * part of it, cut at "...", appears in one other place of the thread; the post is tried first,
 * then the comments in thread order.
 */
export function findQuoteCandidates(post: Post, comments: Part[]): QuoteCandidate[] {
  const targets = targetsOf(post, comments);
  const found: QuoteCandidate[] = [];
  for (const part of comments) {
    part.lines.forEach((line, lineIndex) => {
      if (line.blank) return;
      for (const passage of passagesOf(line.text)) {
        if (wordCount(normalise(passage.text)) < MIN_WORDS) continue;
        const fragments = fragmentsOf(passage.text);
        const probe = probeOf(fragments);
        const hit = targets.find((t) => t.commentId !== part.comment!.id && holds(t, fragments, probe));
        if (hit) found.push({ part, lineIndex, text: passage.text.trim(), target: hit.target, wholeLine: passage.wholeLine });
      }
    });
  }
  return found;
}
