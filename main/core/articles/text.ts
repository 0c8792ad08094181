import type { Comment, Post } from '../parse';
import type { TextSpan } from './types';

/** One line of a post's body or of a comment's text, with where it is. */
export interface PartLine {
  text: string;
  /** 1-based line in the file. */
  fileLine: number;
  /** Index of the line in the comment's text (0-based); for the body, equal to fileLine. */
  index: number;
  blank: boolean;
}

/** The body or one comment, as lines. */
export interface Part {
  comment: Comment | null;
  lines: PartLine[];
}

const BLANK = /^[\s\u00a0]*$/;

/** The post body as lines, blank lines between paragraphs included. */
export function bodyPart(post: Post): Part {
  const lines: PartLine[] = [];
  let next = post.body[0]?.line ?? 0;
  for (const block of post.body) {
    for (; next < block.line; next++) lines.push({ text: '', fileLine: next, index: next, blank: true });
    block.text.split('\n').forEach((text, offset) => {
      const fileLine = block.line + offset;
      lines.push({ text, fileLine, index: fileLine, blank: BLANK.test(text) });
    });
    next = block.endLine + 1;
  }
  return { comment: null, lines };
}

/** A comment's text as lines. */
export function commentPart(comment: Comment): Part {
  const lines = comment.text
    .split('\n')
    .map((text, index) => ({ text, fileLine: comment.textLine + index, index, blank: BLANK.test(text) }));
  return { comment, lines };
}

/** The span covering lines `from`–`to` of a part (indexes into `part.lines`), blank edges trimmed; null when all blank. */
export function spanOf(part: Part, from: number, to: number): TextSpan | null {
  while (from <= to && part.lines[from]!.blank) from++;
  while (to >= from && part.lines[to]!.blank) to--;
  if (from > to) return null;
  const first = part.lines[from]!;
  const last = part.lines[to]!;
  return part.comment
    ? {
        part: 'comment',
        commentId: part.comment.id,
        from: first.index,
        to: last.index,
        line: first.fileLine,
        endLine: last.fileLine,
      }
    : { part: 'body', line: first.fileLine, endLine: last.fileLine };
}

/** The text of a span, exactly as written. */
export function spanText(part: Part, span: TextSpan): string {
  return part.lines
    .filter((l) => l.fileLine >= span.line && l.fileLine <= span.endLine)
    .map((l) => l.text)
    .join('\n');
}

/** Letters, digits and single spaces only, lower case, quote marks and apostrophes unified: for comparing passages. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .replace(/'/g, '')
    .trim();
}

export const wordCount = (text: string): number => (text.trim() ? text.trim().split(/\s+/).length : 0);

/** Opening and closing double quote marks as this material writes them. */
export const OPEN_QUOTE = /^["“”„]/;
export const CLOSE_QUOTE = /["”“]\s*$/;
