import type { Post } from '../parse';
import { normalise, OPEN_QUOTE, wordCount, type Part } from './text';
import type { InternalQuote } from './types';

/** A quoted passage shorter than this many words is a phrase, not a quote worth linking. */
const MIN_WORDS = 4;

/** Words cut to a rough stem, so a quote that changes "dominating" to "dominate" still matches. */
function stems(text: string): string {
  return normalise(text)
    .split(' ')
    .map((w) => (w.length > 4 ? w.replace(/(?:ing|ed|es|e|s)$/, '') : w))
    .join(' ');
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

interface Target {
  target: InternalQuote['target'];
  normalised: string;
  commentId: string | null;
}

function targetsOf(post: Post, comments: Part[]): Target[] {
  const targets: Target[] = post.body.map((block) => ({
    target: { part: 'body', line: block.line, endLine: block.endLine },
    normalised: stems(block.text),
    commentId: null,
  }));
  for (const part of comments) {
    const comment = part.comment!;
    targets.push({ target: { part: 'comment', commentId: comment.id, line: comment.line }, normalised: stems(comment.text), commentId: comment.id });
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
function holds(target: Target, passage: string): boolean {
  const fragments = passage
    .split(/\.{3}|…/)
    .map(stems)
    .filter((f) => wordCount(f) >= 3);
  return fragments.length > 0 && fragments.every((f) => target.normalised.includes(f));
}

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
        const hit = targets.find((t) => t.commentId !== part.comment!.id && holds(t, passage.text));
        if (hit) found.push({ part, lineIndex, text: passage.text.trim(), target: hit.target, wholeLine: passage.wholeLine });
      }
    });
  }
  return found;
}
