import type { Comment, Post } from '../parse';
import { findUrls, isOnlyUrl, siteOf, titleFromUrl } from './urls';
import type { Article, ArticleLocation } from './types';

/** An intro line: the blogger's "…the latest from Pat Waterman…:-". */
const INTRO = /:-\s*$/;
/** "in the Guardian", "on the Johnny Void website": an outlet named in an intro line. */
const OUTLET = /\b(?:in|on|from) the ((?:[A-Z][\w'’&.-]*)(?:\s+[A-Z][\w'’&.-]*)*)/;
/** "from Ian Lawrence, …": a person or body named in an intro line. */
const FROM = /\bfrom ((?:[A-Z][\w'’&.-]*)(?:\s+[A-Z][\w'’&.-]*)*)/;
const MAX_TITLE_LENGTH = 120;

interface NumberedLine {
  text: string;
  line: number;
}

/** Names the source an intro line gives, if any. */
export function sourceFromIntro(intro: string): string | null {
  const outlet = OUTLET.exec(intro);
  if (outlet) return outlet[1]!;
  const from = FROM.exec(intro);
  return from ? from[1]! : null;
}

/** A first line that reads as a headline: short, and not a sentence ending in "." or ":". */
function headlineOf(lines: NumberedLine[]): string | null {
  const first = lines[0]?.text.trim();
  if (!first || lines.length < 2 || first.length > MAX_TITLE_LENGTH || /[.:,;]$/.test(first)) return null;
  return first;
}

function trimBlankEdges(lines: NumberedLine[]): NumberedLine[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start]!.text.trim()) start++;
  while (end > start && !lines[end - 1]!.text.trim()) end--;
  return lines.slice(start, end);
}

function bodyLines(post: Post): NumberedLine[] {
  const lines: NumberedLine[] = [];
  for (const block of post.body) {
    block.text.split('\n').forEach((text, offset) => lines.push({ text, line: block.line + offset }));
    lines.push({ text: '', line: block.endLine + 1 });
  }
  return lines;
}

interface Draft extends Omit<Article, 'id'> {}

/** Articles pasted into the body after an intro line ending ":-", each up to the next intro. */
function bodyArticles(post: Post): Draft[] {
  const lines = bodyLines(post);
  const drafts: Draft[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!INTRO.test(lines[i]!.text)) continue;
    let end = i + 1;
    while (end < lines.length && !INTRO.test(lines[end]!.text)) end++;
    const quoted = trimBlankEdges(lines.slice(i + 1, end));
    if (!quoted.length) continue;
    const intro = lines[i]!.text.trim();
    drafts.push({
      kind: 'article',
      source: sourceFromIntro(intro),
      title: headlineOf(quoted),
      url: null,
      intro,
      location: { part: 'body', line: quoted[0]!.line, endLine: quoted[quoted.length - 1]!.line },
      text: quoted.map((l) => l.text).join('\n'),
    });
    i = end - 1;
  }
  return drafts;
}

/** A comment that is only a URL, with the article pasted into its replies. */
function urlCommentArticle(comment: Comment): Draft | null {
  if (!isOnlyUrl(comment.text)) return null;
  const pasted = comment.replies.filter((r) => r.text.trim());
  if (!pasted.length) return null;
  const url = findUrls(comment.text)[0]!;
  return {
    kind: 'article',
    source: siteOf(url),
    title: titleFromUrl(url),
    url,
    intro: null,
    location: { part: 'comments', commentIds: [comment.id, ...pasted.map((r) => r.id)] },
    text: pasted.map((r) => r.text).join('\n\n'),
  };
}

function link(url: string, location: ArticleLocation): Draft {
  return { kind: 'link', source: siteOf(url), title: titleFromUrl(url), url, intro: null, location, text: '' };
}

/**
 * A first, simple pass at the quoted articles of a post: intro lines ending ":-" in the body,
 * a URL-only comment whose replies hold the article, and every other URL as a link.
 * Pure; the full extraction (sources, boundaries, internal quotes) builds on this module.
 */
export function extractArticles(post: Post): Article[] {
  const drafts = bodyArticles(post);
  const usedUrls = new Set<string>();
  for (const comment of post.comments) {
    const article = urlCommentArticle(comment);
    if (article) {
      drafts.push(article);
      usedUrls.add(article.url!);
    }
  }
  for (const block of post.body) {
    for (const url of findUrls(block.text)) drafts.push(link(url, { part: 'body', line: block.line, endLine: block.endLine }));
  }
  const visit = (comment: Comment) => {
    for (const url of findUrls(comment.text)) {
      if (!usedUrls.has(url)) drafts.push(link(url, { part: 'comments', commentIds: [comment.id] }));
    }
    comment.replies.forEach(visit);
  };
  post.comments.forEach(visit);
  return drafts.map((draft, index) => ({ id: `${post.id}#a${index + 1}`, ...draft }));
}
