import { parseComments } from './comments';
import type { ParsedDate } from './dates';
import { decodeSeed } from './decode';
import { leadOf, postId } from './post-id';
import {
  bodyEndOf,
  countMismatch,
  declaredCountOf,
  EMPTY_FILE,
  findCommentSection,
  footerFields,
  hugeFirstLine,
  kindsOf,
  type LineView,
  MAX_FIRST_LINE,
  MAX_STRUCTURE_LINE,
  parseHead,
  segmentPage,
  toBlocks,
  warnCountMismatch,
} from './page-grammar';
import { joinTrimmed, splitLines, type SourceLine } from './lines';
import type { PageResult, Post, Problem } from './types';

/** The decoded lines as the page grammar reads them. */
export function viewOf(lines: SourceLine[]): LineView {
  return {
    n: lines.length,
    isBlank: (k) => lines[k]!.blank,
    indent: (k) => lines[k]!.indent,
    short: (k) => (lines[k]!.text.length <= MAX_STRUCTURE_LINE ? lines[k]!.text : null),
  };
}

/**
 * Reads a text copy of a Blogger page into its posts: a single post page, or an archive, label,
 * search or home page holding several, with the blog's own header text first (kept as `header`).
 * Pure: no I/O. Never throws; everything odd is a located problem. `input` may be the file's bytes
 * (decoded here: BOM, UTF-16, Windows-1252; binary refused) or already-decoded text.
 */
export function parseTextPage(input: string | Uint8Array, file: string): PageResult {
  const problems: Problem[] = [];
  const result = (posts: Post[], header: string | null): PageResult => ({
    format: 'text',
    posts,
    problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    header,
  });
  const warn = (line: number | null, message: string) => problems.push({ file, line, severity: 'warning', message });
  let text: string;
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const decoded = decodeSeed(input, file);
    problems.push(...decoded.problems);
    if (decoded.text === null) return result([], null);
    text = decoded.text;
  }
  const lines = splitLines(text);
  const view = viewOf(lines);
  const kind = kindsOf(view);
  const segments = segmentPage(view, kind);
  if (!segments) {
    problems.push({ file, ...EMPTY_FILE });
    return result([], null);
  }
  const firstLine = lines[segments.headerFrom]!;
  if (firstLine.text.length > MAX_FIRST_LINE) {
    problems.push({ file, line: firstLine.number, severity: 'error', message: hugeFirstLine(firstLine.text.length) });
    return result([], null);
  }
  const header =
    segments.headerTo > segments.headerFrom
      ? joinTrimmed(lines.slice(segments.headerFrom, segments.headerTo).map((l) => l.text))
      : null;

  const posts: Post[] = [];
  const count = segments.regions.length;
  let date: ParsedDate | null = null;
  let dateText: string | null = null;
  for (const region of segments.regions) {
    let title: string;
    let bodyFrom: number;
    let line: number;
    if (region.sharedDate) {
      title = lines[region.start]!.text.trim();
      bodyFrom = region.start + 1;
      line = lines[region.start]!.number;
    } else {
      const head = parseHead(lines.slice(region.start, region.end), warn)!;
      date = head.date;
      dateText = head.date ? head.firstLine.text.trim() : null;
      title = head.title;
      bodyFrom = region.start + head.bodyFrom;
      line = head.firstLine.number;
    }
    const section = findCommentSection(lines, bodyFrom, region.end);
    const { countAt, startAt, bodyEnd, footer } = bodyEndOf(view, kind, bodyFrom, region.end, section);
    const body = toBlocks(lines.slice(bodyFrom, bodyEnd));
    const declared = countAt >= 0 ? declaredCountOf(lines[countAt]!.text) : (footer?.count ?? null);
    const countLine = countAt >= 0 ? countAt : (footer?.countAt ?? -1);
    const thread = parseComments(lines.slice(startAt, region.end), file);
    // Not push(...spread): a file with many odd comments gives more warnings than a call may take arguments.
    for (const problem of thread.problems) problems.push(problem);
    if (warnCountMismatch(declared, thread.found, count))
      warn(lines[countLine]!.number, countMismatch(declared, thread.found));
    const isoDate = date ? date.iso : null;
    const firstParagraph = body[0]?.text ?? '';
    posts.push({
      id: postId(isoDate, title, firstParagraph),
      date: isoDate,
      dateText,
      title,
      lead: leadOf(title, firstParagraph),
      body,
      declaredCommentCount: declared,
      comments: thread.comments,
      foundCommentCount: thread.found,
      file,
      line,
      part: posts.length,
      ...footerFields(footer, isoDate),
    });
  }
  return result(posts, header);
}
