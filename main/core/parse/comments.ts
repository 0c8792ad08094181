import { parseDateTime } from './dates';
import { dedent, joinTrimmed, WHITESPACE_ONLY, type SourceLine } from './lines';
import type { Comment, Problem } from './types';

/** "3. text" or "3." — the start of a numbered comment or reply (after indentation). */
export const ITEM = /^(\d{1,6})\.(?:[ \t\u00a0]+|$)/;
/** "Anonymous said..." / "Jim Brown said…" — old Blogger comment headers. */
export const SAID = /^(.{1,80}?) said(?:\.\.\.|…):?\s*$/;

/** Top-level items sit one level in (2 columns), replies two levels (4). */
const TOP_ITEM_MAX_INDENT = 3;
const REPLY_ITEM_INDENT = 4;
const TOP_TEXT_INDENT = 4;
const REPLY_TEXT_INDENT = 6;

interface OpenComment {
  comment: Comment;
  lines: string[];
  /** File line of each entry of `lines`. */
  lineNumbers: number[];
  /** Seen its ReplyDelete (top level) or Delete (reply) line. */
  closed: boolean;
  textIndent: number;
}

export interface CommentsResult {
  comments: Comment[];
  found: number;
  problems: Problem[];
}

/** Reads "Name said..." as an author and an optional first line of text. */
function splitSaid(content: string): { author: string | null; firstLine: string } {
  const said = SAID.exec(content.trim());
  return said ? { author: said[1]!.trim(), firstLine: '' } : { author: null, firstLine: content };
}

/** A line that ends in a time of day: the only kind that may hold a comment's timestamp. */
const ENDS_IN_CLOCK = /\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?$/i;
/** A commenter's name on a line of its own: short, and not a sentence. */
const NAME = /^[^\s.!?:;,][^]{0,59}$/;
const isName = (text: string) => text.length <= 60 && NAME.test(text) && !/[.!?:;,]$/.test(text);

/** Whether a trimmed line may end in a time of day ("10:15", "10:15 AM", "10:15 p.m."): its last character. */
function mayEndInClock(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return (last >= 48 && last <= 57) || last === 0x6d || last === 0x4d || last === 0x2e;
}

/** The index of the first line of `lines` from `from` on, stepping by `step`, that is not blank; -1 for none. */
function nonBlank(lines: string[], from: number, step: number): number {
  let i = from;
  while (i >= 0 && i < lines.length && WHITESPACE_ONLY.test(lines[i]!)) i += step;
  return i >= 0 && i < lines.length ? i : -1;
}

/**
 * Splits "Jim Brown 4 March 2013 at 10:15" (or "Jim Brown4 March…", as a copied page runs them
 * together) into the name and the ISO time; name "" for a line that is only a timestamp.
 */
export function nameAndTime(line: string): { name: string; time: string } | null {
  const text = line.trim();
  if (text.length > 120 || !ENDS_IN_CLOCK.test(text)) return null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A timestamp starts with its day (a digit) or its weekday or month (a capital).
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) continue;
    if (i > 0 && c >= 48 && c <= 57 && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) continue;
    const time = parseDateTime(text.slice(i));
    if (!time) continue;
    const name = text.slice(0, i).trim();
    return name === '' || isName(name) ? { name, time } : null;
  }
  return null;
}

/**
 * Takes the name and timestamp a copied page shows with a comment out of its text, into author and
 * time: an old "Name said..." comment ends with its time line ("4 March 2013 at 10:15"); a numbered
 * comment may start with "Jim Brown 4 March 2013 at 10:15", or the name and the time on two lines.
 * A time of day without a date is left in the text: it gives no date to keep.
 */
function takeNameAndTime(open: OpenComment): void {
  const { comment, lines, lineNumbers } = open;
  if (comment.writtenNumber === null) {
    if (comment.author === null) return;
    const last = nonBlank(lines, lines.length - 1, -1);
    if (last < 0) return;
    const line = lines[last]!.trim();
    const time = mayEndInClock(line) ? parseDateTime(line) : null;
    if (!time) return;
    comment.time = time;
    lines.splice(last);
    lineNumbers.splice(last);
    return;
  }
  const first = nonBlank(lines, 0, 1);
  if (first < 0) return;
  const both = nameAndTime(lines[first]!);
  let take = 0;
  if (both) {
    if (both.name) comment.author = both.name;
    comment.time = both.time;
    take = 1;
  } else if (first + 1 < lines.length && isName(lines[first]!.trim()) && mayEndInClock(lines[first + 1]!.trim())) {
    const time = parseDateTime(lines[first + 1]!.trim());
    if (time) {
      comment.author = lines[first]!.trim();
      comment.time = time;
      take = 2;
    }
  }
  lines.splice(first, take);
  lineNumbers.splice(first, take);
}

/**
 * Builds the comment tree from the lines after the count line. Tracks where it is (inside a
 * comment, after its ReplyDelete, inside Replies) so that a numbered list inside a comment's
 * text is never mistaken for a reply. Runs in one pass over the lines.
 */
export function parseComments(lines: SourceLine[], file: string): CommentsResult {
  const comments: Comment[] = [];
  const problems: Problem[] = [];
  let found = 0;
  let top: OpenComment | null = null;
  let reply: OpenComment | null = null;
  let inReplies = false;

  const warn = (line: number, message: string) => problems.push({ file, line, severity: 'warning', message });

  // endLine already tracks the last non-blank line of the comment, so an unterminated
  // comment ends at its last line of text, not at a blank line before the next comment.
  const finish = (open: OpenComment | null, marker: string) => {
    if (!open) return;
    takeNameAndTime(open);
    open.comment.text = joinTrimmed(open.lines);
    const firstText = open.lines.findIndex((text) => text.trim() !== '');
    if (firstText >= 0) open.comment.textLine = open.lineNumbers[firstText]!;
    // Old "Name said..." pages never had ReplyDelete markers: their absence is not a problem there.
    if (!open.closed && open.comment.writtenNumber !== null) {
      warn(
        open.comment.line,
        `Comment ${open.comment.id} has no "${marker}" line after it; the comment may be cut short. Its text is kept as found.`,
      );
    }
  };
  const finishReply = () => {
    finish(reply, 'Delete');
    reply = null;
  };
  const finishTop = () => {
    finishReply();
    finish(top, 'ReplyDelete');
    top = null;
    inReplies = false;
  };

  const open = (line: SourceLine, writtenNumber: number | null, content: string, isReply: boolean): OpenComment => {
    const { author, firstLine } = splitSaid(content);
    const parent = isReply ? top!.comment : null;
    const position = parent ? parent.replies.length + 1 : comments.length + 1;
    const id = parent ? `${parent.id}.${position}` : String(position);
    if (writtenNumber !== null && writtenNumber !== position) {
      warn(
        line.number,
        `Comment ${id} is numbered ${writtenNumber} in the file; it is shown as ${id}, by its place in the thread.`,
      );
    }
    const comment: Comment = {
      id,
      writtenNumber,
      author,
      time: null,
      text: '',
      line: line.number,
      textLine: line.number,
      endLine: line.number,
      replies: [],
    };
    if (parent) parent.replies.push(comment);
    else comments.push(comment);
    found++;
    const lines = firstLine === '' ? [] : [firstLine];
    return {
      comment,
      lines,
      lineNumbers: lines.map(() => line.number),
      closed: false,
      textIndent: isReply ? REPLY_TEXT_INDENT : TOP_TEXT_INDENT,
    };
  };

  for (const line of lines) {
    const current: OpenComment | null = reply ?? top;
    if (line.blank) {
      if (current && !current.closed) {
        current.lines.push('');
        current.lineNumbers.push(line.number);
      }
      continue;
    }
    const content = line.text.slice(line.contentStart);
    const marker = content.trimEnd();
    const item = ITEM.exec(content);

    if (line.indent >= 1 && line.indent <= TOP_ITEM_MAX_INDENT && item) {
      finishTop();
      top = open(line, Number(item[1]), content.slice(item[0].length), false);
      continue;
    }
    if (line.indent === 0 && SAID.test(content.trim())) {
      finishTop();
      top = open(line, null, content, false);
      continue;
    }
    if (top && marker === 'ReplyDelete' && line.indent >= TOP_TEXT_INDENT && line.indent < REPLY_TEXT_INDENT) {
      finishReply();
      top.closed = true;
      top.comment.endLine = line.number;
      continue;
    }
    if (
      top &&
      top.closed &&
      marker === 'Replies' &&
      line.indent >= TOP_TEXT_INDENT &&
      line.indent < REPLY_TEXT_INDENT
    ) {
      inReplies = true;
      top.comment.endLine = line.number;
      continue;
    }
    if (reply && !reply.closed && marker === 'Delete' && line.indent >= REPLY_TEXT_INDENT) {
      reply.closed = true;
      reply.comment.endLine = line.number;
      top!.comment.endLine = line.number;
      continue;
    }
    if (top && inReplies && item && line.indent >= REPLY_ITEM_INDENT && line.indent < REPLY_TEXT_INDENT) {
      finishReply();
      reply = open(line, Number(item[1]), content.slice(item[0].length), true);
      top.comment.endLine = line.number;
      continue;
    }
    if (!current) {
      // The caller starts the section at a comment, so this is only reached on odd input:
      // keep the text as a comment of its own rather than drop it.
      top = open(line, null, content, false);
      warn(line.number, `Text before the first numbered comment is kept as comment ${top.comment.id}.`);
      continue;
    }
    if (current.closed) {
      warn(
        line.number,
        `Text after the end of comment ${current.comment.id} ("${current === top ? 'ReplyDelete' : 'Delete'}"); it is kept as part of that comment.`,
      );
      current.closed = false;
    }
    current.lines.push(dedent(line, current.textIndent));
    current.lineNumbers.push(line.number);
    current.comment.endLine = line.number;
    if (current === reply) top!.comment.endLine = line.number;
  }
  finishTop();
  return { comments, found, problems };
}
