import { SAID } from './comments';
import { parseClock, parseDateLine, parseDateTime } from './dates';
import type { SourceLine } from './lines';
import type { Block, Problem } from './types';

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
 * followed by a comment or by nothing (before `to`, the end of the post), so a count line quoted inside the body never starts
 * the comments. Without a count line, the comments are a "1." list after the last
 * unindented line. One backward pass, so linear in the number of lines.
 */
export function findCommentSection(
  lines: SourceLine[],
  from: number,
  to = lines.length,
): { countAt: number; startAt: number } {
  let nextNonBlank = to;
  let lastUnindented = -1;
  let countAt = -1;
  let firstItemAfterBody = -1;
  for (let k = to - 1; k >= from; k--) {
    const line = lines[k]!;
    if (line.blank) continue;
    if (lastUnindented < 0 && line.indent === 0) lastUnindented = k;
    if (countAt < 0 && line.indent === 0 && COUNT.test(line.text)) {
      if (nextNonBlank >= to || COMMENT_START.test(lines[nextNonBlank]!.text)) countAt = k;
    }
    if (lastUnindented < 0 && FIRST_ITEM.test(line.text)) firstItemAfterBody = k;
    nextNonBlank = k;
  }
  if (countAt >= 0) return { countAt, startAt: countAt + 1 };
  if (firstItemAfterBody >= 0) return { countAt: -1, startAt: firstItemAfterBody };
  return { countAt: -1, startAt: to };
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

/** Lines longer than this are never page structure (a date, footer, count, closing or time line). */
export const MAX_STRUCTURE_LINE = 300;
/** How many non-blank lines of page chrome (blog title, description, gadgets) may come before the first date line. */
export const MAX_HEADER_LINES = 40;
/** A first line longer than this (and so not a date line) means the file is not a text copy of a page. */
export const MAX_FIRST_LINE = 10_000;

/** A page's lines as the page grammar reads them: the full parser's decoded lines or the scan's byte lines. */
export interface LineView {
  readonly n: number;
  isBlank(k: number): boolean;
  indent(k: number): number;
  /**
   * Line k's text when it is at most MAX_STRUCTURE_LINE characters long; null for a longer line. It
   * may be null for a line that cannot be structure either (mayBeStructure()): classify() reads null as OTHER.
   */
  short(k: number): string | null;
}

/** What a line is to the page grammar. */
export const OTHER = 0;
export const DATE = 1;
/** "Posted by Jim Brown at 10:15", maybe with "3 comments:" after it. */
export const POSTED = 2;
/** "Email ThisBlogThis!Share to TwitterShare to FacebookShare to Pinterest". */
export const SHARE = 3;
/** "Labels: napo, probation". */
export const LABELS = 4;
export const COUNT_LINE = 5;
/** The page's closing links: "Newer Posts Older Posts Home", "Post a Comment", "Subscribe to: Posts (Atom)". */
export const CLOSING = 6;
export const SAID_LINE = 7;
/** "ReplyDelete" or "Delete". */
export const MARKER = 8;
/** A comment's time line: "4 March 2013 at 10:15", "March 4, 2013 at 10:15 AM", "10:15 AM". */
export const TIME = 9;

/** "Posted by NAME", then " at TIME" (or "on"/"@" and a date, maybe with a time), then maybe "3 comments:". */
export const POSTED_BY =
  /^Posted by\s+(.{1,100}?)(?:\s+(?:at|on|@)\s+(.{1,80}?))?(?:\s+(\d{1,7}|no|one)\s+comments?:?)?$/i;
const SHARE_WORD = String.raw`(?:Email This|BlogThis!|Share to (?:Twitter|Facebook|Pinterest|X))`;
const SHARE_RE = new RegExp(String.raw`^${SHARE_WORD}(?:\s*${SHARE_WORD})*$`, 'i');
export const LABELS_RE = /^Labels?:\s*(\S.*)$/;
const NAV = String.raw`(?:Newer Posts?|Older Posts?|Home)`;
const CLOSING_RE = new RegExp(
  String.raw`^(?:${NAV}(?:\s+${NAV}){0,2}|Post a Comment|Subscribe to:\s*(?:Posts|Post Comments)\b.*)$`,
  'i',
);

/** The kind of one line (text as written, its indentation in columns; null text for a long line). */
export function classify(text: string | null, indent: number): number {
  if (text === null) return OTHER;
  const t = text.trim();
  if (t === '') return OTHER;
  if (t === 'ReplyDelete' || t === 'Delete') return MARKER;
  // Cheap tests first: date and time lines end in a digit (a year, a day, minutes) or a time's
  // "am"/"pm"; count and said lines in ":", "." or "…"; the others start with a fixed word.
  const first = t.charCodeAt(0) | 0x20;
  const last = t.charCodeAt(t.length - 1);
  const endsInDigit = last >= 48 && last <= 57;
  if (endsInDigit && parseDateLine(t)) return DATE;
  if (indent === 0) {
    if (last === 0x3a && COUNT.test(t)) return COUNT_LINE;
    if (first === 0x70 && POSTED_BY.test(t)) return POSTED;
    if ((first === 0x65 || first === 0x62 || first === 0x73) && SHARE_RE.test(t)) return SHARE;
    if (first === 0x6c && LABELS_RE.test(t)) return LABELS;
    if ((first === 0x6e || first === 0x6f || first === 0x68 || first === 0x70 || first === 0x73) && CLOSING_RE.test(t))
      return CLOSING;
    if ((last === 0x2e || last === 0x3a || last === 0x2026) && SAID.test(t)) return SAID_LINE;
  }
  const mayBeTime = endsInDigit || last === 0x6d || last === 0x4d || last === 0x2e;
  if (mayBeTime && (parseDateTime(t) !== null || parseClock(t) !== null)) return TIME;
  return OTHER;
}

const STRUCTURE_WORDS = [
  'posted by',
  'post a comment',
  'email this',
  'blogthis!',
  'share to',
  'label',
  'newer post',
  'older post',
  'home',
  'subscribe to:',
].map((word) => Uint8Array.from(word, (c) => c.charCodeAt(0)));
const isSpaceByte = (b: number) => b === 32 || b === 9 || b === 11 || b === 12;

/**
 * Whether a line's bytes (UTF-8 or Windows-1252) may be a line classify() tells from OTHER: false
 * only when it cannot be, so the scan decodes few lines and still classifies them as the full
 * parse does. It may: a line that starts or ends with a byte that is not ASCII, ends in a digit,
 * ":", "m", "...", "m." or "Delete", or starts with a footer's or closing link's word.
 */
export function mayBeStructure(bytes: Uint8Array, from: number, end: number): boolean {
  let i = from;
  let j = end;
  while (i < j && isSpaceByte(bytes[i]!)) i++;
  while (j > i && isSpaceByte(bytes[j - 1]!)) j--;
  if (i >= j) return true;
  const head = bytes[i]!;
  const last = bytes[j - 1]!;
  if (head >= 0x80 || last >= 0x80 || (last >= 48 && last <= 57) || last === 0x3a || (last | 0x20) === 0x6d)
    return true;
  if (last === 0x2e && j - i >= 2 && (bytes[j - 2] === 0x2e || (bytes[j - 2]! | 0x20) === 0x6d)) return true;
  if (last === 0x65 && j - i >= 6) {
    let tail = true;
    for (let k = 0; k < 6; k++) if (bytes[j - 6 + k] !== 'Delete'.charCodeAt(k)) tail = false;
    if (tail) return true;
  }
  for (const word of STRUCTURE_WORDS) {
    if (j - i < word.length) continue;
    let same = true;
    for (let k = 0; k < word.length && same; k++) {
      const b = bytes[i + k]!;
      same = (b >= 65 && b <= 90 ? b | 0x20 : b) === word[k];
    }
    if (same) return true;
  }
  return false;
}

/** classify() over a view, each line read at most once. */
export function kindsOf(view: LineView): (k: number) => number {
  const kinds = new Int8Array(view.n).fill(-1);
  return (k) => {
    let kind = kinds[k]!;
    if (kind < 0) kinds[k] = kind = classify(view.short(k), view.indent(k));
    return kind;
  };
}

/** One post's lines [start, end). A post that shares the date line of the post before it starts at its title. */
export interface Region {
  start: number;
  end: number;
  sharedDate: boolean;
}

export interface Segments {
  /** The page chrome before the first post: lines [headerFrom, headerTo), none when equal. */
  headerFrom: number;
  headerTo: number;
  regions: Region[];
}

const isFooter = (kind: number) => kind === POSTED || kind === SHARE || kind === LABELS;

/**
 * Splits a page into its chrome and its posts, by structure alone. The first post starts at the
 * first date line among the first MAX_HEADER_LINES non-blank lines (what comes before it is the
 * page's header); without one, the page is one post from its first line, as a single post page
 * always was. A later post starts only at an unindented line right after the end of a post — a
 * footer line ("Posted by …", share links, "Labels: …", a count line), a comment's
 * ReplyDelete/Delete or an old comment's time line:
 * - a date line starts a post with its own date;
 * - any other line starts a post that shares the date line before it (Blogger prints one date for
 *   the posts of a day), when the current post has had a Posted by, share or labels line.
 * So a date and title quoted inside a body stay body text. The page's closing links after the end
 * of a post end the last post; what follows them is not read. One pass; each line classified once.
 */
export function segmentPage(view: LineView, kind: (k: number) => number): Segments | null {
  const n = view.n;
  let first = 0;
  while (first < n && view.isBlank(first)) first++;
  if (first >= n) return null;
  let dateAt = -1;
  for (let k = first, seen = 0; k < n && seen < MAX_HEADER_LINES; k++) {
    if (view.isBlank(k)) continue;
    seen++;
    if (kind(k) === DATE) {
      dateAt = k;
      break;
    }
  }
  if (dateAt < 0) return { headerFrom: first, headerTo: first, regions: [{ start: first, end: n, sharedDate: false }] };
  const regions: Region[] = [];
  let start = dateAt;
  let shared = false;
  let sawFooter = false;
  let prev = dateAt;
  let end = n;
  for (let k = dateAt + 1; k < n; k++) {
    if (view.isBlank(k)) continue;
    if (view.indent(k) === 0) {
      const current = kind(k);
      if (isFooter(current)) sawFooter = true;
      // Only these lines may start a post or end the page: the line before is read only for them.
      else if (current === DATE || current === CLOSING || (current === OTHER && sawFooter)) {
        const before = kind(prev);
        const afterFooter = isFooter(before) || before === COUNT_LINE;
        if (afterFooter || before === MARKER || before === TIME) {
          if (current === CLOSING) {
            end = k;
            break;
          }
          if (current === DATE || (current === OTHER && afterFooter && sawFooter)) {
            regions.push({ start, end: k, sharedDate: shared });
            start = k;
            shared = current !== DATE;
            sawFooter = false;
          }
        }
      }
    }
    prev = k;
  }
  regions.push({ start, end, sharedDate: shared });
  return { headerFrom: first, headerTo: dateAt, regions };
}

/** What a post's footer says. */
export interface Footer {
  /** Its first line: the body ends before it. */
  from: number;
  author: string | null;
  /** "HH:MM" from "Posted by X at 10:15", or a full ISO time when the footer gives a date too. */
  clock: string | null;
  dateTime: string | null;
  labels: string[];
  /** The count of a count line in the footer (or after "Posted by … at 10:15"), and its line index. */
  count: number | null;
  countAt: number;
}

/**
 * Reads the footer that ends a post's body: the run of unindented footer and count lines (blank
 * lines between) just before `to`, when it holds a Posted by, share or labels line. Null otherwise,
 * so a body that merely ends in a count line is read as before.
 */
export function readFooter(view: LineView, kind: (k: number) => number, from: number, to: number): Footer | null {
  let start = to;
  let real = false;
  for (let k = to - 1; k >= from; k--) {
    if (view.isBlank(k)) continue;
    if (view.indent(k) !== 0) break;
    const current = kind(k);
    if (isFooter(current)) real = true;
    else if (current !== COUNT_LINE) break;
    start = k;
  }
  if (!real) return null;
  const footer: Footer = {
    from: start,
    author: null,
    clock: null,
    dateTime: null,
    labels: [],
    count: null,
    countAt: -1,
  };
  for (let k = start; k < to; k++) {
    if (view.isBlank(k)) continue;
    const current = kind(k);
    const text = view.short(k)!.trim();
    if (current === POSTED && footer.author === null) {
      const m = POSTED_BY.exec(text)!;
      footer.author = m[1]!.trim();
      // A time of day, a date with a time, or only a date (no time to keep).
      if (m[2]) {
        footer.clock = parseClock(m[2]);
        if (footer.clock === null) footer.dateTime = parseDateTime(m[2]);
      }
      if (m[3] && footer.count === null) {
        footer.count = declaredCount(m[3]);
        footer.countAt = k;
      }
    } else if (current === LABELS && footer.labels.length === 0) {
      footer.labels = LABELS_RE.exec(text)![1]!
        .split(',')
        .map((label) => label.trim())
        .filter(Boolean);
    } else if (current === COUNT_LINE && footer.count === null) {
      footer.count = declaredCountOf(text);
      footer.countAt = k;
    }
  }
  return footer;
}

/**
 * Where old "Name said..." comments start on a page that gives no count line: at the first
 * unindented said line right after a Posted by, share or labels line of the post [from, to).
 * -1 when there is none, so a said line inside a body stays body text.
 */
export function saidAfterFooter(view: LineView, kind: (k: number) => number, from: number, to: number): number {
  let prev = -1;
  for (let k = from; k < to; k++) {
    if (view.isBlank(k)) continue;
    if (view.indent(k) === 0 && prev >= 0 && isFooter(kind(prev)) && kind(k) === SAID_LINE) return k;
    prev = k;
  }
  return -1;
}

/**
 * Where a post's body ends, from where its comment section was found ([bodyFrom, to), `section`):
 * old "Name said..." comments with no count line start after the footer, and a footer ("Posted by",
 * share, labels lines) ends the body before them. The full parse and the page scan both use it.
 */
export function bodyEndOf(
  view: LineView,
  kind: (k: number) => number,
  bodyFrom: number,
  to: number,
  section: { countAt: number; startAt: number },
): { countAt: number; startAt: number; bodyEnd: number; footer: Footer | null } {
  const { countAt } = section;
  let { startAt } = section;
  if (countAt < 0 && startAt === to) {
    const said = saidAfterFooter(view, kind, bodyFrom, to);
    if (said >= 0) startAt = said;
  }
  let bodyEnd = countAt >= 0 ? countAt : startAt;
  const footer = readFooter(view, kind, bodyFrom, bodyEnd);
  if (footer) bodyEnd = footer.from;
  return { countAt, startAt, bodyEnd, footer };
}

/** What a text page's post takes from its footer (author, time, labels), with the fields a text page never gives. */
export function footerFields(
  footer: Footer | null,
  isoDate: string | null,
): { author: string | null; time: string | null; format: 'text'; labels: string[]; draft: false } {
  return {
    author: footer?.author ?? null,
    time: postTime(footer, isoDate),
    format: 'text',
    labels: footer?.labels ?? [],
    draft: false,
  };
}

/** A post's time from its footer and date: ISO without a zone, null when either is missing. */
export function postTime(footer: Footer | null, isoDate: string | null): string | null {
  if (!footer) return null;
  if (footer.dateTime) return footer.dateTime;
  return footer.clock && isoDate ? `${isoDate}T${footer.clock}` : null;
}

/** The problem for a file whose first line is far too long to be a page's first line. */
export const hugeFirstLine = (length: number): string =>
  `Reading the file failed: its first line is ${length.toLocaleString('en-GB')} characters long, with no line break; a text copy of a Blogger page starts with a short line (a date, a title or the blog's name). Re-save the page as text, or remove the file from the library folder.`;

/**
 * Whether a count mismatch is worth a warning: not on a page of several posts where a post shows
 * only its count (an archive page links to the comments instead of showing them).
 */
export const warnCountMismatch = (declared: number | null, found: number, posts: number): declared is number =>
  declared !== null && declared !== found && !(found === 0 && posts > 1);
