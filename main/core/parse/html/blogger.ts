import type { Document, Element } from 'domhandler';
import { parseDateLine } from '../dates';
import { countMismatch } from '../parse-seed';
import { leadOf, postId } from '../post-id';
import type { Block, Post, Problem } from '../types';
import { readComments } from './comments';
import { classesOf, findAll, findFirst, NEVER_TEXT, plainText, walk, type LineMap } from './dom';
import { richText, toHtmlBlocks } from './rich-text';
import { isoAttribute, timeFromText } from './times';

/**
 * Class names Blogger's templates give the parts of a post. The same names run through the
 * classic templates (2004–2006), the Layouts ones (Minima, Simple, Watermark…) and the 2017 ones
 * (Contempo, Soho, Emporio, Notable).
 */
const POST_CONTAINERS = ['post-outer-container', 'post-outer', 'post', 'hentry'];
const TITLE = ['post-title', 'entry-title'];
const BODY = ['post-body', 'entry-content'];
/** Page chrome: never read, even when it holds post-like markup (Popular Posts, Featured Post…). */
const CHROME_CLASSES = [
  'sidebar',
  'sidebar-container',
  'sidebar-wrapper',
  'navbar',
  'blog-pager',
  'footer-outer',
  'header-outer',
  'column-left-outer',
  'column-right-outer',
];
const CHROME_TAGS = new Set(['nav', 'aside']);
/** Inside a post: controls and teasers that are not the post's text. */
const POST_CONTROLS = [
  'post-share-buttons',
  'post-comment-link',
  'comment-link',
  'jump-link',
  'reactions',
  'post-icons',
  'related-posts',
  'post-feeds',
  'blog-feeds',
];

const hasAny = (classes: ReadonlySet<string>, names: readonly string[]) => names.some((n) => classes.has(n));

/** A widget other than the Blog one (which holds the posts). */
const isOtherWidget = (el: Element, classes: ReadonlySet<string>) =>
  classes.has('widget') && !classes.has('Blog') && !(el.attribs['id'] ?? '').startsWith('Blog');

const isComments = (el: Element, classes: ReadonlySet<string>) =>
  el.attribs['id'] === 'comments' ||
  el.attribs['id'] === 'comments-block' ||
  classes.has('comments') ||
  classes.has('comments-content') ||
  (classes.has('comment-thread') && classes.has('toplevel-thread'));

interface DateHeader {
  iso: string | null;
  text: string;
  line: number;
  used: boolean;
}

interface Draft {
  el: Element;
  line: number;
  date: string | null;
  dateText: string | null;
  title: string | null;
  body: Block[] | null;
  author: string | null;
  time: string | null;
  timeText: string | null;
  labels: string[];
  footer: string | null;
  post: Post | null;
}

export interface BloggerPage {
  posts: Post[];
  problems: Problem[];
  header: string | null;
}

/** "posted by Jim Brown at 7:00 AM" in a classic template's footer (text, not markup). */
const POSTED_BY = /posted by\s+(.+?)\s+at\s+(\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s*m\.?)?)/i;

function authorOf(el: Element): string | null {
  const fn = findFirst(el, (child) => classesOf(child).has('fn') || child.attribs['itemprop'] === 'author');
  const text = fn
    ? plainText(fn)
    : plainText(el, (child) => classesOf(child).has('byline-label')).replace(/^(?:posted|written)?\s*by\s+/i, '');
  return text.replace(/\s+at\s+.*$/i, '').trim() || null;
}

function labelsOf(el: Element): string[] {
  const links = findAll(el, (child) => child.name === 'a');
  const names = links.length
    ? links.map((a) => plainText(a))
    : plainText(el)
        .replace(/^labels?:\s*/i, '')
        .split(',');
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))];
}

/** The ISO time an element carries in a `datetime` or `title` attribute (its own or a descendant's). */
function attributeTime(el: Element): string | null {
  const own = isoAttribute(el.attribs['datetime']) ?? isoAttribute(el.attribs['title']);
  if (own) return own;
  const inner = findFirst(
    el,
    (child) =>
      (child.name === 'abbr' || child.name === 'time' || classesOf(child).has('published')) &&
      (isoAttribute(child.attribs['datetime']) ?? isoAttribute(child.attribs['title'])) !== null,
  );
  return inner ? (isoAttribute(inner.attribs['datetime']) ?? isoAttribute(inner.attribs['title'])) : null;
}

/** The blog's name: the first <h1> outside the posts (the Header gadget), else null. */
function blogTitle(doc: Document): string | null {
  let title: string | null = null;
  walk(doc, {
    element: (el) => {
      if (title !== null || NEVER_TEXT.has(el.name) || hasAny(classesOf(el), POST_CONTAINERS)) return 'skip';
      if (el.name === 'h1') {
        title = plainText(el) || null;
        return 'skip';
      }
      return 'enter';
    },
  });
  return title;
}

/** Reads every Blogger post of a parsed page, in page order. */
export function readBloggerPage(doc: Document, map: LineMap, file: string): BloggerPage {
  const problems: Problem[] = [];
  const warn = (line: number | null, message: string) => problems.push({ file, line, severity: 'warning', message });
  const drafts: Draft[] = [];
  let dateHeader: DateHeader | null = null;
  let current: Draft | null = null;

  const readDateHeader = (el: Element): DateHeader => {
    const text = plainText(el);
    const line = map.lineOf(el.startIndex);
    const parsed = parseDateLine(text);
    if (!parsed && text)
      warn(
        line,
        `The date heading "${text.slice(0, 60)}" is not a date this reader knows; the posts under it are dated by their own time, if any.`,
      );
    if (parsed?.weekdayMismatch)
      warn(line, `The date line names ${parsed.weekdayMismatch}; the date is kept as written.`);
    return { iso: parsed?.iso ?? null, text, line, used: false };
  };

  const open = (el: Element) => {
    const line = map.lineOf(el.startIndex);
    const draft: Draft = {
      el,
      line,
      date: null,
      dateText: null,
      title: null,
      body: null,
      author: null,
      time: null,
      timeText: null,
      labels: [],
      footer: null,
      post: null,
    };
    if (dateHeader) {
      draft.date = dateHeader.iso;
      draft.dateText = dateHeader.iso ? dateHeader.text : null;
      if (!dateHeader.used) draft.line = dateHeader.line;
      dateHeader.used = true;
    }
    drafts.push(draft);
    current = draft;
  };

  const attachComments = (el: Element, to: Draft | null) => {
    if (!to) {
      warn(map.lineOf(el.startIndex), 'Comments were found before any post; they are left out.');
      return;
    }
    const read = readComments(el, map, file, to.date);
    for (const problem of read.problems) problems.push(problem);
    if (!read.found && read.declared === null) return;
    if (to.post && to.post.foundCommentCount > 0) {
      warn(
        map.lineOf(el.startIndex),
        `A second comments section was found for the post at line ${to.line}; it is left out.`,
      );
      return;
    }
    const post = (to.post ??= placeholder(to));
    post.comments = read.comments;
    post.foundCommentCount = read.found;
    post.declaredCommentCount = read.declared ?? post.declaredCommentCount;
    if (read.declared !== null && read.declared !== read.found)
      warn(read.declaredLine, countMismatch(read.declared, read.found));
  };

  walk(doc, {
    element: (el) => {
      const name = el.name;
      if (NEVER_TEXT.has(name)) return 'skip';
      const classes = classesOf(el);
      if (classes.has('date-header')) {
        if (current && current.date === null) {
          const header = readDateHeader(el);
          current.date = header.iso;
          current.dateText = header.iso ? header.text : null;
        } else if (!current) dateHeader = readDateHeader(el);
        return 'skip';
      }
      if (!current) {
        if (CHROME_TAGS.has(name) || hasAny(classes, CHROME_CLASSES) || isOtherWidget(el, classes)) return 'skip';
        if (hasAny(classes, POST_CONTAINERS)) {
          open(el);
          return 'enter';
        }
        if (isComments(el, classes)) {
          attachComments(el, drafts[drafts.length - 1] ?? null);
          return 'skip';
        }
        return 'enter';
      }
      const post: Draft = current;
      if (hasAny(classes, TITLE) && post.title === null) {
        post.title = plainText(el);
        return 'skip';
      }
      if (hasAny(classes, BODY) && post.body === null) {
        post.body = toHtmlBlocks(richText(el, map));
        return 'skip';
      }
      if (isComments(el, classes)) {
        attachComments(el, post);
        return 'skip';
      }
      if (hasAny(classes, POST_CONTROLS) || isOtherWidget(el, classes)) return 'skip';
      if (classes.has('post-author')) {
        post.author ??= authorOf(el);
        return 'skip';
      }
      if (classes.has('post-labels')) {
        if (!post.labels.length) post.labels = labelsOf(el);
        return 'skip';
      }
      if (classes.has('post-timestamp') || ((name === 'abbr' || name === 'time') && classes.has('published'))) {
        post.time ??= attributeTime(el);
        post.timeText ??= plainText(el);
        return 'skip';
      }
      if (classes.has('post-footer') && post.footer === null) post.footer = plainText(el);
      return 'enter';
    },
    leave: (el) => {
      if (current && current.el === el) {
        finish(current);
        current = null;
      }
    },
  });
  // A page cut short leaves its last post open.
  const unfinished = current as Draft | null;
  if (unfinished) finish(unfinished);

  function placeholder(draft: Draft): Post {
    return {
      id: '',
      date: null,
      dateText: null,
      title: '',
      lead: '',
      body: [],
      declaredCommentCount: null,
      comments: [],
      foundCommentCount: 0,
      file,
      line: draft.line,
      author: null,
      time: null,
      format: 'html',
      part: 0,
      labels: [],
      draft: false,
    };
  }

  function finish(draft: Draft) {
    if (draft.footer && (!draft.author || !draft.time)) {
      const posted = POSTED_BY.exec(draft.footer);
      if (posted) {
        draft.author ??= posted[1]!.trim();
        draft.timeText ??= posted[2]!;
      }
    }
    if (!draft.date && draft.time) {
      draft.date = draft.time.slice(0, 10);
      const shown = draft.timeText ? parseDateLine(draft.timeText) : null;
      draft.dateText = shown && shown.iso === draft.date ? draft.timeText : null;
    }
    if (!draft.time && draft.timeText) draft.time = timeFromText(draft.timeText, draft.date);
    const post = (draft.post ??= placeholder(draft));
    const body = draft.body ?? [];
    const title = draft.title ?? '';
    Object.assign(post, {
      id: postId(draft.date, title, body[0]?.text ?? ''),
      date: draft.date,
      dateText: draft.dateText,
      title,
      lead: leadOf(title, body[0]?.text ?? ''),
      body,
      line: draft.line,
      author: draft.author,
      time: draft.time,
      labels: draft.labels,
    });
  }

  // A post container with neither title nor body is a wrapper or a teaser, not a post.
  const real = drafts.filter((d) => d.post && (d.title !== null || d.body !== null));
  const posts = real.map((d, part) => {
    const post = d.post!;
    post.part = part;
    if (d.body === null)
      warn(
        d.line,
        `The post "${post.title || post.id}" has no body ("post-body") in the page; it is kept with no text.`,
      );
    if (!d.date)
      warn(
        d.line,
        `The post "${post.title || 'untitled'}" has no date in the page (no date heading or published time); it is listed as undated.`,
      );
    if (d.title === null)
      warn(d.line, 'The post has no title in the page; it is listed by the first words of its text.');
    return post;
  });
  return { posts, problems, header: blogTitle(doc) };
}
