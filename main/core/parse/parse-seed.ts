import { parseComments } from './comments';
import { parseDateLine } from './dates';
import { decodeSeed } from './decode';
import { leadOf, postId, textPostDefaults } from './post-id';
import { splitLines, type SourceLine } from './lines';
import type { Block, ParseResult, Problem } from './types';

/** "16 comments:", "1 comment:", "No comments:" — alone on an unindented line. */
export const COUNT = /^(\d{1,7}|no|one) comments?:\s*$/i;
/** What may follow a real count line: a numbered comment or an old "Name said..." header. */
export const COMMENT_START = /^(?:[ \t]{1,3}\d{1,6}\.(?:[ \t\u00a0]|$)|.{1,80}? said(?:\.\.\.|…):?\s*$)/;
export const FIRST_ITEM = /^[ \t]{1,3}1\.(?:[ \t\u00a0]|$)/;

function declaredCount(word: string): number {
  const lower = word.toLowerCase();
  return lower === 'no' ? 0 : lower === 'one' ? 1 : Number(word);
}

/**
 * Finds where the comments start. The real count line is the last unindented count line
 * followed by a comment or by nothing, so a count line quoted inside the body never starts
 * the comments. Without a count line, the comments are a "1." list after the last
 * unindented line. One backward pass, so linear in the number of lines.
 */
export function findCommentSection(lines: SourceLine[], from: number): { countAt: number; startAt: number } {
  let nextNonBlank = lines.length;
  let lastUnindented = -1;
  let countAt = -1;
  let firstItemAfterBody = -1;
  for (let k = lines.length - 1; k >= from; k--) {
    const line = lines[k]!;
    if (line.blank) continue;
    if (lastUnindented < 0 && line.indent === 0) lastUnindented = k;
    if (countAt < 0 && line.indent === 0 && COUNT.test(line.text)) {
      const next = lines[nextNonBlank];
      if (!next || COMMENT_START.test(next.text)) countAt = k;
    }
    if (lastUnindented < 0 && FIRST_ITEM.test(line.text)) firstItemAfterBody = k;
    nextNonBlank = k;
  }
  if (countAt >= 0) return { countAt, startAt: countAt + 1 };
  if (firstItemAfterBody >= 0) return { countAt: -1, startAt: firstItemAfterBody };
  return { countAt: -1, startAt: lines.length };
}

export function toBlocks(lines: SourceLine[]): Block[] {
  const blocks: Block[] = [];
  let run: SourceLine[] = [];
  const flush = () => {
    if (run.length)
      blocks.push({
        text: run.map((l) => l.text).join('\n'),
        line: run[0]!.number,
        endLine: run[run.length - 1]!.number,
      });
    run = [];
  };
  for (const line of lines) {
    if (line.blank) flush();
    else run.push(line);
  }
  flush();
  return blocks;
}

/** The date, title and where the body starts: the head of a post. */
export interface Head {
  firstLine: SourceLine;
  date: ReturnType<typeof parseDateLine>;
  title: string;
  /** Index of the first line after the title. */
  bodyFrom: number;
}

/** Reads the date and title lines (null for a file of blank lines), warning about what is odd. */
export function parseHead(lines: SourceLine[], warn: (line: number | null, message: string) => void): Head | null {
  let i = 0;
  while (i < lines.length && lines[i]!.blank) i++;
  if (i >= lines.length) return null;
  const firstLine = lines[i]!;
  const date = parseDateLine(firstLine.text);
  let title = '';
  if (date) {
    if (date.weekdayMismatch)
      warn(firstLine.number, `The date line names ${date.weekdayMismatch}; the date is kept as written.`);
    let j = i + 1;
    while (j < lines.length && lines[j]!.blank) j++;
    const blanks = j - i - 1;
    const candidate = lines[j];
    if (candidate && blanks <= 1 && candidate.indent === 0 && !COUNT.test(candidate.text)) {
      title = candidate.text.trim();
      i = j + 1;
    } else {
      warn(firstLine.number, 'The post has no title line after its date; it is listed by the first words of its text.');
      i = i + 1;
    }
  } else {
    warn(
      firstLine.number,
      `The file does not start with a date line (like "Monday 20 May 2019"); found "${firstLine.text.trim().slice(0, 60)}". Its first line is used as the title.`,
    );
    title = firstLine.text.trim();
    i = i + 1;
  }
  return { firstLine, date, title, bodyFrom: i };
}

export const EMPTY_FILE: Omit<Problem, 'file'> = {
  line: null,
  severity: 'error',
  message:
    'Reading the post failed: the file is empty. Re-save the post page, or remove the file from the library folder.',
};

/** The warning for a count line that does not match the comments found. */
export const countMismatch = (declared: number, found: number): string =>
  `The post declares ${declared} comment${declared === 1 ? '' : 's'} but ${found} ${found === 1 ? 'was' : 'were'} found; both are shown.`;

export const declaredCountOf = (countLine: string): number => declaredCount(COUNT.exec(countLine)![1]!);

/**
 * Parses one seed file (a saved Blogger post page) into a post with its comment tree.
 * Pure: no I/O. Never throws; everything odd becomes a located problem. `input` may be the
 * file's bytes (decoded here: BOM, UTF-16, Windows-1252) or already-decoded text.
 */
export function parseSeed(input: string | Uint8Array, file: string): ParseResult {
  const problems: Problem[] = [];
  const warn = (line: number | null, message: string) => problems.push({ file, line, severity: 'warning', message });
  let text: string;
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const decoded = decodeSeed(input, file);
    problems.push(...decoded.problems);
    if (decoded.text === null) return { post: null, problems };
    text = decoded.text;
  }
  const lines = splitLines(text);
  const head = parseHead(lines, warn);
  if (!head) {
    problems.push({ file, ...EMPTY_FILE });
    return { post: null, problems };
  }
  const { firstLine, date, title, bodyFrom: i } = head;

  const { countAt, startAt } = findCommentSection(lines, i);
  const bodyEnd = countAt >= 0 ? countAt : startAt;
  const body = toBlocks(lines.slice(i, bodyEnd));
  const declaredCommentCount = countAt >= 0 ? declaredCountOf(lines[countAt]!.text) : null;
  const thread = parseComments(lines.slice(startAt), file);
  // Not push(...spread): a file with many odd comments gives more warnings than a call may take arguments.
  for (const problem of thread.problems) problems.push(problem);
  if (declaredCommentCount !== null && declaredCommentCount !== thread.found)
    warn(lines[countAt]!.number, countMismatch(declaredCommentCount, thread.found));

  const isoDate = date ? date.iso : null;
  return {
    post: {
      id: postId(isoDate, title, body[0]?.text ?? ''),
      date: isoDate,
      dateText: date ? firstLine.text.trim() : null,
      title,
      lead: leadOf(title, body[0]?.text ?? ''),
      body,
      declaredCommentCount,
      comments: thread.comments,
      foundCommentCount: thread.found,
      file,
      line: firstLine.number,
      ...textPostDefaults(),
    },
    problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  };
}
