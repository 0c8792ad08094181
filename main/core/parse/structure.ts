import { isUtf8 } from 'node:buffer';
import { controlProblem, decodeWindows1252, notUtf8Warning } from './decode';
import { SAID } from './comments';
import type { ParsedDate } from './dates';
import {
  bodyEndOf,
  COMMENT_START,
  COUNT,
  countMismatch,
  declaredCountOf,
  EMPTY_FILE,
  footerFields,
  hugeFirstLine,
  kindsOf,
  type LineView,
  MAX_FIRST_LINE,
  MAX_STRUCTURE_LINE,
  mayBeStructure,
  parseHead,
  segmentPage,
  warnCountMismatch,
} from './page-grammar';
import { leadOf, postId } from './post-id';
import { joinTrimmed, splitLines, WHITESPACE_ONLY, type SourceLine } from './lines';
import { parseTextPage } from './text-page';
import type { Post, Problem } from './types';

/** A post without its body and comments: what the post list needs. */
export type PostWithoutText = Omit<Post, 'body' | 'comments'>;

export interface Structure {
  post: PostWithoutText | null;
  /** The head's problems and a count that does not match; the comments' own warnings come with the full parse. */
  problems: Problem[];
}

const utf8 = new TextDecoder('utf-8');
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Where each line of the bytes starts and ends (without its line end), split as splitLines() splits text. */
function lineBounds(bytes: Uint8Array, from: number): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let at = from;
  if (bytes.indexOf(CR, from) < 0) {
    // Most files: "\n" only, found by the native search.
    for (let next = bytes.indexOf(LF, at); next >= 0; next = bytes.indexOf(LF, at)) {
      starts.push(at);
      ends.push(next);
      at = next + 1;
    }
  } else {
    for (let i = from; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b !== LF && b !== CR) continue;
      starts.push(at);
      ends.push(i);
      if (b === CR && bytes[i + 1] === LF) i++;
      at = i + 1;
    }
  }
  // The text after the last line end is a line, unless it is empty and not the only one.
  if (at < bytes.length || starts.length === 0) {
    starts.push(at);
    ends.push(bytes.length);
  }
  return { starts, ends };
}

/** A text page's post-list facts: its posts without body and comments, their problems, its header. */
export interface TextPageScan {
  posts: PostWithoutText[];
  /** The heads' problems and counts that do not match; the comments' own warnings come with the full parse. */
  problems: Problem[];
  header: string | null;
}

/**
 * Reads a seed file's post-list facts (date, title, id, declared and found comment counts)
 * from its bytes: the first post of scanTextPage(). Gives exactly what parseSeed gives for the same fields.
 */
export function scanStructure(input: Uint8Array, file: string): Structure {
  const { posts, problems } = scanTextPage(input, file);
  return { post: posts[0] ?? null, problems };
}

/** One line of the bytes as a SourceLine (what parseHead reads). */
function sourceLine(lines: ByteLines, k: number): SourceLine {
  return { ...splitLines(lines.text(k))[0]!, number: k + 1 };
}

/**
 * Reads a text page's post-list facts (dates, titles, ids, authors, times, labels, declared and
 * found comment counts) from its bytes, decoding only the lines the page grammar must read as
 * text: short unindented lines, the heads of the posts, their first paragraphs and the few lines
 * the comment grammar must read. Most of a file is comments, and decoding them is most of a full
 * parse's cost. Gives exactly the posts parseTextPage gives, without body and comments; UTF-16 and
 * files with NUL bytes go through parseTextPage.
 */
export function scanTextPage(input: Uint8Array, file: string): TextPageScan {
  const bom = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const head8k = input.subarray(0, 8192);
  if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff) || head8k.includes(0)) {
    const { posts, problems, header } = parseTextPage(input, file);
    return { posts: posts.map(summaryOf), problems, header };
  }
  const bytes = input.subarray(bom);
  const binary = controlProblem(bytes, file);
  if (binary) return { posts: [], problems: [binary], header: null };
  // Not UTF-8: read as Windows-1252, as decodeSeed() does, with its warning. A byte is a
  // character there, so the lines and the grammar's bytes are where they are in UTF-8.
  const windows1252 = !isUtf8(bytes);
  const decode = windows1252 ? decodeWindows1252 : (piece: Uint8Array) => utf8.decode(piece);
  const { starts, ends } = lineBounds(bytes, 0);
  const n = starts.length;
  const text = (k: number, from = starts[k]!) => decode(bytes.subarray(from, ends[k]));
  // parseTextPage's problems start with the decoder's.
  const problems: Problem[] = windows1252 ? [notUtf8Warning(bytes, file)] : [];
  const done = (posts: PostWithoutText[], header: string | null): TextPageScan => ({
    posts,
    problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    header,
  });

  const indent = new Int32Array(n);
  const contentAt = new Int32Array(n);
  const blank = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    let i = starts[k]!;
    const end = ends[k]!;
    let columns = 0;
    for (; i < end; i++) {
      const b = bytes[i]!;
      if (b === SPACE) columns += 1;
      else if (b === TAB) columns += 2;
      else break;
    }
    indent[k] = columns;
    contentAt[k] = i;
    let j = i;
    while (j < end && (bytes[j] === SPACE || bytes[j] === TAB || bytes[j] === 11 || bytes[j] === 12)) j++;
    // Only white space so far, then a byte of a multi-byte character: it may be a no-break or other Unicode space.
    blank[k] = j === end ? 1 : bytes[j]! >= 0x80 && WHITESPACE_ONLY.test(text(k)) ? 1 : 0;
  }
  const lines: ByteLines = { bytes, n, starts, ends, indent, contentAt, isBlank: (k) => blank[k] === 1, text };
  const view: LineView = {
    n,
    isBlank: lines.isBlank,
    indent: (k) => indent[k]!,
    // A UTF-16 length is at least a third of the UTF-8 length: longer lines are never short.
    short: (k) => {
      if (ends[k]! - starts[k]! > 3 * MAX_STRUCTURE_LINE || !mayBeStructure(bytes, starts[k]!, ends[k]!)) return null;
      const line = text(k);
      return line.length <= MAX_STRUCTURE_LINE ? line : null;
    },
  };
  const kind = kindsOf(view);
  const segments = segmentPage(view, kind);
  if (!segments) {
    problems.push({ file, ...EMPTY_FILE });
    return done([], null);
  }
  const first = segments.headerFrom;
  if (ends[first]! - starts[first]! > MAX_FIRST_LINE) {
    const length = text(first).length;
    if (length > MAX_FIRST_LINE) {
      problems.push({ file, line: first + 1, severity: 'error', message: hugeFirstLine(length) });
      return done([], null);
    }
  }
  const header =
    segments.headerTo > segments.headerFrom
      ? joinTrimmed(Array.from({ length: segments.headerTo - segments.headerFrom }, (_, i) => text(first + i)))
      : null;
  const warn = (line: number | null, message: string) => problems.push({ file, line, severity: 'warning', message });

  const posts: PostWithoutText[] = [];
  const count = segments.regions.length;
  let date: ParsedDate | null = null;
  let dateText: string | null = null;
  for (const region of segments.regions) {
    let title: string;
    let bodyFrom: number;
    let line: number;
    if (region.sharedDate) {
      title = text(region.start).trim();
      bodyFrom = region.start + 1;
      line = region.start + 1;
    } else {
      // parseHead() reads the first non-blank line (the region's first) and the next one.
      let second = region.start + 1;
      while (second < region.end && blank[second]) second++;
      const headLines: SourceLine[] = [];
      for (let k = region.start; k <= Math.min(second, region.end - 1); k++) headLines.push(sourceLine(lines, k));
      const head = parseHead(headLines, warn)!;
      date = head.date;
      dateText = head.date ? head.firstLine.text.trim() : null;
      title = head.title;
      bodyFrom = region.start + head.bodyFrom;
      line = head.firstLine.number;
    }
    const section = commentSection(lines, bodyFrom, region.end);
    const { countAt, startAt, bodyEnd, footer } = bodyEndOf(view, kind, bodyFrom, region.end, section);
    // The first paragraph (part of the post id): its lines as toBlocks() joins them.
    let k = bodyFrom;
    while (k < bodyEnd && blank[k]) k++;
    const paragraph: string[] = [];
    for (; k < bodyEnd && !blank[k]; k++) paragraph.push(text(k));
    const firstParagraph = paragraph.join('\n');
    const declared = countAt >= 0 ? declaredCountOf(text(countAt)) : (footer?.count ?? null);
    const countLine = countAt >= 0 ? countAt : (footer?.countAt ?? -1);
    const found = countComments(lines, startAt, region.end);
    if (warnCountMismatch(declared, found, count)) warn(countLine + 1, countMismatch(declared, found));
    const iso = date ? date.iso : null;
    posts.push({
      id: postId(iso, title, firstParagraph),
      date: iso,
      dateText,
      title,
      lead: leadOf(title, firstParagraph),
      declaredCommentCount: declared,
      foundCommentCount: found,
      file,
      line,
      part: posts.length,
      ...footerFields(footer, iso),
    });
  }
  return done(posts, header);
}

export function summaryOf(post: Post): PostWithoutText {
  const { body: _body, comments: _comments, ...summary } = post;
  void _body;
  void _comments;
  return summary;
}

const isDigit = (b: number | undefined) => b !== undefined && b >= 48 && b <= 57;

/** What may follow an item's "N.": the line end, a space or tab, or a no-break space. */
const spaceOrEnd = (bytes: Uint8Array, at: number, end: number) =>
  at === end || bytes[at] === SPACE || bytes[at] === TAB || (bytes[at] === 0xc2 && bytes[at + 1] === 0xa0);

/** A file's lines as byte ranges, with what the grammar needs of each. */
interface ByteLines {
  bytes: Uint8Array;
  n: number;
  starts: number[];
  ends: number[];
  indent: Int32Array;
  contentAt: Int32Array;
  isBlank(k: number): boolean;
  /** Line k decoded (from `from`, by default its start). */
  text(k: number, from?: number): string;
}

/** FIRST_ITEM on bytes: one to three spaces or tabs, "1.", then white space (or NBSP) or the line end. */
function isFirstItem(bytes: Uint8Array, from: number, end: number): boolean {
  let i = from;
  while (i < end && i - from < 3 && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  return i > from && bytes[i] === 49 && bytes[i + 1] === 46 && spaceOrEnd(bytes, i + 2, end);
}

/** findCommentSection() of the page grammar, over byte lines [from, to). */
function commentSection(
  { isBlank, indent, bytes, starts, ends, text }: ByteLines,
  from: number,
  to: number,
): { countAt: number; startAt: number } {
  let nextNonBlank = to;
  let lastUnindented = -1;
  let countAt = -1;
  let firstItem = -1;
  for (let k = to - 1; k >= from; k--) {
    if (isBlank(k)) continue;
    const first = bytes[starts[k]!];
    if (lastUnindented < 0 && indent[k] === 0) lastUnindented = k;
    // A count line starts with a digit, "no" or "one".
    if (
      countAt < 0 &&
      indent[k] === 0 &&
      (isDigit(first) || first === 0x6e || first === 0x4e || first === 0x6f || first === 0x4f) &&
      COUNT.test(text(k))
    ) {
      if (nextNonBlank >= to || COMMENT_START.test(text(nextNonBlank))) countAt = k;
    }
    if (lastUnindented < 0 && isFirstItem(bytes, starts[k]!, ends[k]!)) firstItem = k;
    nextNonBlank = k;
  }
  if (countAt >= 0) return { countAt, startAt: countAt + 1 };
  if (firstItem >= 0) return { countAt: -1, startAt: firstItem };
  return { countAt: -1, startAt: to };
}

/** ITEM on the content bytes: one to six digits, ".", then white space (or NBSP) or the line end. */
function isItem(bytes: Uint8Array, from: number, end: number): boolean {
  let i = from;
  while (i < end && i - from < 6 && isDigit(bytes[i])) i++;
  return i > from && i < end && bytes[i] === 46 && spaceOrEnd(bytes, i + 1, end);
}

/** parseComments() reduced to counting: the same states (inside a comment, after its ReplyDelete, inside Replies), no text kept. */
function countComments({ isBlank, indent, contentAt, bytes, ends, text }: ByteLines, from: number, to: number): number {
  let found = 0;
  let top: { closed: boolean } | null = null;
  let reply: { closed: boolean } | null = null;
  let inReplies = false;
  // The line's content is `word` and trailing white space, compared on the bytes (every comment
  // has its ReplyDelete line, and decoding each would be a large share of the scan); only a line
  // with other bytes after the word that are not ASCII (a no-break space?) is decoded to tell.
  const marker = (k: number, word: string) => {
    const from = contentAt[k]!;
    const end = ends[k]!;
    if (end - from < word.length) return false;
    for (let i = 0; i < word.length; i++) if (bytes[from + i] !== word.charCodeAt(i)) return false;
    for (let i = from + word.length; i < end; i++) {
      const b = bytes[i]!;
      if (b >= 0x80) return text(k, from).trimEnd() === word;
      if (b !== SPACE && b !== TAB && b !== 11 && b !== 12) return false;
    }
    return true;
  };
  for (let k = from; k < to; k++) {
    if (isBlank(k)) continue;
    const current = reply ?? top;
    const level = indent[k]!;
    const item = isItem(bytes, contentAt[k]!, ends[k]!);
    if (level >= 1 && level <= 3 && item) {
      top = { closed: false };
      reply = null;
      inReplies = false;
      found++;
      continue;
    }
    if (level === 0 && SAID.test(text(k, contentAt[k]!).trim())) {
      top = { closed: false };
      reply = null;
      inReplies = false;
      found++;
      continue;
    }
    if (top && level >= 4 && level < 6 && marker(k, 'ReplyDelete')) {
      reply = null;
      top.closed = true;
      continue;
    }
    if (top && top.closed && level >= 4 && level < 6 && marker(k, 'Replies')) {
      inReplies = true;
      continue;
    }
    if (reply && !reply.closed && level >= 6 && marker(k, 'Delete')) {
      reply.closed = true;
      continue;
    }
    if (top && inReplies && item && level >= 4 && level < 6) {
      reply = { closed: false };
      found++;
      continue;
    }
    if (!current) {
      top = { closed: false };
      found++;
      continue;
    }
    if (current.closed) current.closed = false;
  }
  return found;
}
