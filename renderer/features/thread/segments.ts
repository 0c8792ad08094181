import type { Article, Comment, InternalQuote, Post } from '../../../preload/api';
import { BODY_PART, bodyOffsets, commentPart } from '../../../main/core/shared/part-keys';
import type { RevealTarget } from './reveal';

/** A paragraph as the middle pane shows it, with the lines it covers. */
export interface ShownParagraph {
  /** DOM id: body paragraphs by first file line, comment paragraphs by comment and line index. */
  id: string;
  text: string;
  /** Body: file lines. Comment: line indexes into the comment's text. Inclusive. */
  from: number;
  to: number;
  /** Internal quotes whose quoting line is in this paragraph. */
  quotes: InternalQuote[];
  /** The annotation part holding it ("body", "comment:3.2"), and where its text starts in that part's text. */
  part: string;
  offset: number;
}

/** Consecutive paragraphs in one voice: the writer's own (article null), or one span of a quoted article. */
export interface Segment {
  article: Article | null;
  /** Which span of the article this is (0 for the first). */
  spanIndex: number;
  /** DOM id of the block quote, when quoted. */
  id: string | null;
  paragraphs: ShownParagraph[];
}

/** DOM id of a body paragraph, by its first line in the file. */
export const blockElementId = (line: number): string => `post-block-${line}`;
/** DOM id of a comment, by its path id ("3.2"). */
export const commentElementId = (commentId: string): string => `comment-${commentId}`;
/** DOM id of a paragraph of a comment, by the index of its first line in the comment's text. */
export const commentParagraphId = (commentId: string, from: number): string => `comment-${commentId}-p${from}`;
/** DOM id of the find bar's match by its index among all matches. */
export const findMarkId = (index: number): string => `find-${index}`;
/** DOM id of one span of a quoted article as a block quote. */
export const quoteElementId = (articleId: string, spanIndex: number): string =>
  `quote-${articleId.replace(/[^\w-]/g, '_')}-${spanIndex}`;

const isBlank = (line: string) => /^[\s\u00a0]*$/.test(line);

/** Groups numbered lines by the article span owning each, then splits each group into paragraphs at blank lines. */
function build(
  lines: { n: number; text: string; blockStart: boolean; offset: number }[],
  ownerOf: (n: number) => { article: Article; spanIndex: number } | null,
  paragraphId: (from: number) => string,
  quotesAt: (n: number) => InternalQuote[],
  part: string,
): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | null = null;
  let paragraph: ShownParagraph | null = null;
  for (const line of lines) {
    const owner = ownerOf(line.n);
    if (!current || current.article?.id !== owner?.article.id || current.spanIndex !== (owner?.spanIndex ?? 0)) {
      current = {
        article: owner?.article ?? null,
        spanIndex: owner?.spanIndex ?? 0,
        id: owner ? quoteElementId(owner.article.id, owner.spanIndex) : null,
        paragraphs: [],
      };
      segments.push(current);
      paragraph = null;
    }
    if (isBlank(line.text)) {
      paragraph = null;
      continue;
    }
    if (!paragraph || line.blockStart) {
      paragraph = {
        id: paragraphId(line.n),
        text: line.text,
        from: line.n,
        to: line.n,
        quotes: [],
        part,
        offset: line.offset,
      };
      current.paragraphs.push(paragraph);
    } else {
      paragraph.text += `\n${line.text}`;
      paragraph.to = line.n;
    }
    paragraph.quotes.push(...quotesAt(line.n));
  }
  return segments.filter((s) => s.paragraphs.length > 0);
}

/** The post body as segments: the blogger's paragraphs, and each quoted article as one block quote. */
export function bodySegments(post: Post, articles: Article[]): Segment[] {
  // Offsets count in the body's text as annotations see it.
  const blockStarts = bodyOffsets(post.body);
  const lines = post.body.flatMap((block, index) => {
    let at = blockStarts[index]!;
    return block.text.split('\n').map((text, k) => {
      const line = { n: block.line + k, text, blockStart: k === 0, offset: at };
      at += text.length + 1;
      return line;
    });
  });
  const owners = new Map<number, { article: Article; spanIndex: number }>();
  for (const article of articles) {
    article.spans.forEach((span, spanIndex) => {
      if (span.part !== 'body') return;
      for (let n = span.line; n <= span.endLine; n++) owners.set(n, { article, spanIndex });
    });
  }
  // A body block may hold an intro line and the start of the article: its first article line
  // starts a paragraph of its own, so the ids of both stay stable.
  const starts = new Set(
    articles.flatMap((a) => a.spans.flatMap((s) => (s.part === 'body' ? [s.line, s.endLine + 1] : []))),
  );
  for (const line of lines) if (starts.has(line.n)) line.blockStart = true;
  return build(
    lines,
    (n) => owners.get(n) ?? null,
    blockElementId,
    () => [],
    BODY_PART,
  );
}

/** A comment's text as segments, with the internal quotes of its lines. */
export function commentSegments(comment: Comment, articles: Article[], quotes: InternalQuote[]): Segment[] {
  let at = 0;
  const lines = comment.text.split('\n').map((text, n) => {
    const line = { n, text, blockStart: false, offset: at };
    at += text.length + 1;
    return line;
  });
  const owners = new Map<number, { article: Article; spanIndex: number }>();
  for (const article of articles) {
    article.spans.forEach((span, spanIndex) => {
      if (span.part !== 'comment' || span.commentId !== comment.id) return;
      for (let n = span.from; n <= span.to; n++) owners.set(n, { article, spanIndex });
    });
  }
  const own = quotes.filter((q) => q.span.part === 'comment' && q.span.commentId === comment.id);
  return build(
    lines,
    (n) => owners.get(n) ?? null,
    (from) => commentParagraphId(comment.id, from),
    (n) => own.filter((q) => q.span.part === 'comment' && q.span.from === n),
    commentPart(comment.id),
  );
}

/** The DOM ids to outline for an article: its block quotes (and the comment holding its URL), or for a link the paragraph holding it. */
export function elementIdsOf(article: Article, post: Post): string[] {
  const location = article.location;
  const ids = article.spans.map((_, index) => quoteElementId(article.id, index));
  if (location.part === 'comments') {
    const holders = location.commentIds.filter(
      (id) => !article.spans.some((s) => s.part === 'comment' && s.commentId === id),
    );
    return [...holders.map(commentElementId), ...ids];
  }
  if (ids.length) return ids;
  const segment = bodySegments(post, [])
    .flatMap((s) => s.paragraphs)
    .find((p) => p.from <= location.line && p.to >= location.line);
  return segment ? [segment.id] : [];
}

/** "Post" or "Comment 3 → 3.2": where an article sits, in words. */
export function describeLocation(article: Article): string {
  const location = article.location;
  if (location.part === 'body') return 'Post';
  const ids = location.commentIds;
  return ids.length === 1 ? `Comment ${ids[0]}` : `Comment ${ids[0]} → ${ids[ids.length - 1]}`;
}

/** Where an internal quote points, in words and as a place to reveal. */
export function describeTarget(quote: InternalQuote): { label: string; target: RevealTarget } {
  const target = quote.target;
  return target.part === 'body'
    ? { label: 'Quotes the post', target: { bodyLine: target.line } }
    : { label: `Quotes comment ${target.commentId}`, target: { commentId: target.commentId } };
}

/** Where a reveal target is in the thread: the element to show, and the top-level comment whose row holds it. */
export interface Place {
  /** DOM id of the element to scroll to and focus. */
  elementId: string;
  /** The top-level comment whose (virtualised) row holds the element; null for the post body, which is always rendered. */
  rowCommentId: string | null;
  /** Comments that must be shown: their top-level comment's replies are expanded. */
  commentIds: string[];
}

/** Finds a comment, body line or article in the post; null when it is not there (or not arrived yet: see OpenPost). */
export function placeOf(target: RevealTarget, post: Post, articles: Article[]): Place | null {
  if ('commentId' in target) {
    const [top] = target.commentId.split('.');
    if (!post.comments.some((c) => c.id === top)) return null;
    return { elementId: commentElementId(target.commentId), rowCommentId: top!, commentIds: [target.commentId] };
  }
  if ('bodyLine' in target) {
    const line = target.bodyLine;
    const paragraph = bodySegments(post, articles)
      .flatMap((s) => s.paragraphs)
      .find((p) => p.from <= line && p.to >= line);
    return { elementId: paragraph?.id ?? blockElementId(line), rowCommentId: null, commentIds: [] };
  }
  const article = articles.find((a) => a.id === target.articleId);
  const [first] = article ? elementIdsOf(article, post) : [];
  if (!article || !first) return null;
  const location = article.location;
  if (location.part === 'body') return { elementId: first, rowCommentId: null, commentIds: [] };
  const row = location.commentIds[0]!.split('.')[0]!;
  if (!post.comments.some((c) => c.id === row)) return null;
  return { elementId: first, rowCommentId: row, commentIds: location.commentIds };
}

/** A paragraph of the open post in reading order, as the thread renders it, with where it is. */
export interface PostParagraph {
  /** DOM id, as rendered. */
  id: string;
  text: string;
  /** The comment or reply holding it; null for the post body. */
  commentId: string | null;
  /** File line of a body paragraph; null in a comment. */
  bodyLine: number | null;
}

const paragraphCache = new WeakMap<object, PostParagraph[]>();

/**
 * Every paragraph of a post in reading order — the body, then each comment followed by its
 * replies — built by the same functions that render them, so their ids and texts match the
 * DOM's whether or not a paragraph is rendered (virtualised rows, collapsed replies).
 */
export function postParagraphs(detail: { post: Post; articles: Article[]; quotes: InternalQuote[] }): PostParagraph[] {
  const cached = paragraphCache.get(detail);
  if (cached) return cached;
  const paragraphs: PostParagraph[] = [];
  for (const segment of bodySegments(detail.post, detail.articles))
    for (const p of segment.paragraphs) paragraphs.push({ id: p.id, text: p.text, commentId: null, bodyLine: p.from });
  const visit = (comment: Comment) => {
    for (const segment of commentSegments(comment, detail.articles, detail.quotes))
      for (const p of segment.paragraphs)
        paragraphs.push({ id: p.id, text: p.text, commentId: comment.id, bodyLine: null });
    comment.replies.forEach(visit);
  };
  detail.post.comments.forEach(visit);
  paragraphCache.set(detail, paragraphs);
  return paragraphs;
}
