import type { Element } from 'domhandler';
import type { Comment, Problem } from '../types';
import { classesOf, NEVER_TEXT, plainText, walk, type LineMap } from './dom';
import { commentText, richText } from './rich-text';
import { isoAttribute, showCommentTime, timeFromText } from './times';

/** Parts of Blogger's comment markup that are controls, not text. */
const CONTROLS = [
  'comment-actions',
  'thread-toggle',
  'continue',
  'comment-replybox-single',
  'comment-replybox-thread',
  'loadmore',
  'avatar-image-container',
  'comment-form',
  'item-control',
  'comment-delete',
];

/** "16 comments:", "1 comment:", "No comments:" (the colon optional). */
const COUNT_HEADING = /^(\d{1,7}|no|one) comments?:?$/i;
/** The end of a classic comment's author line: "Jim said...". */
const SAID = /\s*said(?:\.\.\.|…)?:?\s*$/i;

export interface HtmlComments {
  comments: Comment[];
  found: number;
  /** The count from an "N comments:" heading, or null. */
  declared: number | null;
  declaredLine: number | null;
  problems: Problem[];
}

/**
 * A comment's time from its timestamp element: a `datetime`/`title` attribute in ISO (zone kept),
 * else the instant in its permalink, else its text ("20 May 2019 at 08:15", on `postDate` when it
 * gives only the time).
 */
export function commentTime(el: Element, postDate: string | null): string | null {
  const attributed = isoAttribute(el.attribs['datetime']) ?? isoAttribute(el.attribs['title']);
  if (attributed) return attributed;
  const candidates: Element[] = [el];
  walk(el, {
    element: (child) => {
      if (child.name === 'time' || child.name === 'abbr' || child.name === 'a') candidates.push(child);
      return 'enter';
    },
  });
  for (const candidate of candidates) {
    const iso = isoAttribute(candidate.attribs['datetime']) ?? isoAttribute(candidate.attribs['title']);
    if (iso) return iso;
  }
  for (const candidate of candidates) {
    const instant = showCommentTime(candidate.attribs['href']);
    if (instant) return instant;
  }
  return timeFromText(plainText(el), postDate);
}

/**
 * Reads a Blogger comments section: the threaded layouts (`li.comment` > `.comment-block` with
 * `cite.user`, `.datetime`, `.comment-content`; replies in `.comment-replies`) and the classic one
 * (`dl#comments-block` of `dt.comment-author` "Name said...", `dd.comment-body`, `dd.comment-footer`).
 * Ids follow page order; a reply to a reply hangs under its top-level comment, as Blogger shows it.
 */
export function readComments(section: Element, map: LineMap, file: string, postDate: string | null): HtmlComments {
  const comments: Comment[] = [];
  const problems: Problem[] = [];
  let found = 0;
  let declared: number | null = null;
  let declaredLine: number | null = null;
  /** Open `li.comment` elements, outermost first. */
  const open: { el: Element; comment: Comment }[] = [];
  let classic: Comment | null = null;

  const create = (parent: Comment | null, el: Element): Comment => {
    const line = map.lineOf(el.startIndex);
    const id = parent ? `${parent.id}.${parent.replies.length + 1}` : String(comments.length + 1);
    const comment: Comment = {
      id,
      writtenNumber: null,
      author: null,
      text: '',
      line,
      textLine: line,
      endLine: map.lineOf(el.endIndex),
      time: null,
      replies: [],
    };
    if (parent) parent.replies.push(comment);
    else comments.push(comment);
    found++;
    return comment;
  };

  const setText = (comment: Comment, el: Element) => {
    const read = commentText(richText(el, map));
    comment.text = comment.text ? `${comment.text}\n\n${read.text}` : read.text;
    if (read.textLine !== null && comment.text === read.text) comment.textLine = read.textLine;
    if (read.endLine !== null) comment.endLine = Math.max(comment.endLine, read.endLine);
    // Line k of the text is numbered textLine + k by its readers, as in a text copy.
    comment.endLine = Math.max(comment.endLine, comment.textLine + comment.text.split('\n').length - 1);
    if (read.links.length) comment.links = [...(comment.links ?? []), ...read.links];
  };

  walk(section, {
    element: (el) => {
      const name = el.name;
      if (NEVER_TEXT.has(name)) return 'skip';
      const classes = classesOf(el);
      if (classes.has('loadmore') && !classes.has('hidden'))
        problems.push({
          file,
          line: map.lineOf(el.startIndex),
          severity: 'warning',
          message:
            'Blogger had not loaded every comment when the page was saved ("Load more…"); only those shown are read. Open the post, load all its comments, and save the page again.',
        });
      if (CONTROLS.some((c) => classes.has(c))) return 'skip';
      if (name === 'p' && classes.has('comment-footer')) return 'skip';
      if (/^h[1-6]$/.test(name)) {
        if (found === 0 && declared === null) {
          const count = COUNT_HEADING.exec(plainText(el));
          if (count) {
            const word = count[1]!.toLowerCase();
            declared = word === 'no' ? 0 : word === 'one' ? 1 : Number(word);
            declaredLine = map.lineOf(el.startIndex);
          }
        }
        return 'skip';
      }
      if (name === 'li' && classes.has('comment')) {
        classic = null;
        const comment = create(open[0]?.comment ?? null, el);
        open.push({ el, comment });
        return 'enter';
      }
      if (name === 'dt' && (classes.has('comment-author') || classes.has('comment-poster'))) {
        classic = create(null, el);
        const author = plainText(el).replace(SAID, '').trim();
        classic.author = author || null;
        return 'skip';
      }
      if (classic && name === 'dd') {
        if (classes.has('comment-body')) setText(classic, el);
        else if (classes.has('comment-footer') || classes.has('comment-timestamp'))
          classic.time = commentTime(el, postDate);
        classic.endLine = Math.max(classic.endLine, map.lineOf(el.endIndex));
        return 'skip';
      }
      const current = open[open.length - 1]?.comment;
      if (current) {
        if (classes.has('user') && !classes.has('icon')) {
          if (!current.author) current.author = plainText(el) || null;
          return 'skip';
        }
        if (classes.has('datetime') || classes.has('comment-timestamp')) {
          current.time ??= commentTime(el, postDate);
          return 'skip';
        }
        if (classes.has('comment-content') || classes.has('comment-body')) {
          setText(current, el);
          return 'skip';
        }
      }
      return 'enter';
    },
    leave: (el) => {
      if (open.length && open[open.length - 1]!.el === el) open.pop();
    },
  });

  const check = (comment: Comment) => {
    if (comment.text === '')
      problems.push({
        file,
        line: comment.line,
        severity: 'warning',
        message: `Comment ${comment.id} has no text in the page (no "comment-content" or "comment-body" inside it); it is kept empty.`,
      });
  };
  for (const comment of comments) {
    check(comment);
    comment.replies.forEach(check);
  }
  return { comments, found, declared, declaredLine, problems };
}
