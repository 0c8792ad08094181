import type { Comment } from '../../../preload/api';

// Rough metrics of the thread column (17px serif, 1.6 line height, 46em wide): close enough for
// a first guess at a row's height, which the list replaces with the measured one once rendered.
const LINE_HEIGHT = 27;
const CHARS_PER_LINE = 80;
const PARAGRAPH_GAP = 14;
/** Header line, padding and gap of one comment. */
const COMMENT_CHROME = 46;
/** Replies are indented: fewer characters fit on a line. */
const REPLY_CHARS_PER_LINE = 72;

function textHeight(text: string, charsPerLine: number): number {
  let height = 0;
  for (const paragraph of text.split(/\n[\s\u00a0]*\n/)) {
    const lines = paragraph
      .split('\n')
      .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / charsPerLine)), 0);
    height += lines * LINE_HEIGHT + PARAGRAPH_GAP;
  }
  return height;
}

/** A guess at the height in pixels of a top-level comment with its replies, from the length of their text. */
export function estimateRowHeight(comment: Comment): number {
  let height = COMMENT_CHROME + textHeight(comment.text, CHARS_PER_LINE);
  for (const reply of comment.replies) height += COMMENT_CHROME + textHeight(reply.text, REPLY_CHARS_PER_LINE);
  return Math.round(height);
}
