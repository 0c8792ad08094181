/**
 * Deliberately broken seed files (`--problems N`), so tests can check that the parser reports a
 * located problem for each and that the rest of the library still loads. Every kind gives at
 * least one problem: a file that merely lacks its count line parses cleanly (the parser then
 * finds the comments by their "1." list), so that kind is also cut off mid-comment.
 */
import { PLAIN_STYLE, renderFile } from './encode';
import { buildPost } from './post';
import { Rng } from './random';

export type BrokenKind = 'binary' | 'empty' | 'truncated' | 'no-date' | 'count-mismatch';

/** Used in this order, round and round: `--problems 3` gives binary, empty and truncated. */
export const BROKEN_KINDS: readonly BrokenKind[] = ['binary', 'empty', 'truncated', 'no-date', 'count-mismatch'];

export interface BrokenSpec {
  kind: BrokenKind;
  dateLine: string;
  title: string;
  year: number;
  day: number;
  seed: number;
}

export function buildBroken(spec: BrokenSpec): Uint8Array {
  const rng = new Rng(spec.seed);
  if (spec.kind === 'empty') return new Uint8Array(0);
  if (spec.kind === 'binary') {
    // Something that is not text at all, e.g. an image saved with a .txt name: many NUL bytes.
    const bytes = new Uint8Array(rng.int(1024, 4096));
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
    for (let i = 8; i < bytes.length; i++) bytes[i] = rng.chance(0.4) ? 0 : rng.int(1, 255);
    return bytes;
  }
  const post = buildPost({
    dateLine: spec.dateLine,
    title: spec.title,
    year: spec.year,
    day: spec.day,
    comments: rng.int(6, 30),
    era: 'threaded',
    bodyCountLine: false,
    seed: spec.seed,
  });
  let lines = post.lines;
  if (spec.kind === 'no-date') {
    lines = lines.slice(2);
  } else if (spec.kind === 'count-mismatch') {
    const declared = post.topLevel + post.replies + rng.int(1, 3);
    lines[post.countLine] = `${declared} comments:`;
  } else {
    // Saved while the page was still loading: no count line, and cut off inside a comment.
    const starts = post.commentStarts;
    const cutComment = starts[starts.length > 1 ? rng.int(1, starts.length - 1) : 0]!;
    lines = [...lines.slice(0, post.countLine), ...lines.slice(post.countLine + 1, cutComment + 1)];
    const last = lines[lines.length - 1]!;
    lines[lines.length - 1] = last.slice(0, Math.max(6, Math.floor(last.length / 2)));
  }
  return renderFile(lines, PLAIN_STYLE, rng);
}
