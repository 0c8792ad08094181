/**
 * A post and its thread as a document to leave the app: its paragraphs in reading order, each
 * marked when it is quoted outside writing (with its source), the reader's highlights as marked
 * runs and their notes as numbered notes, comments with their numbers and replies nested under
 * them. Markdown (./thread-markdown.ts) and self-contained HTML (./thread-html.ts) are written
 * from it, so both say the same. Pure: no I/O.
 */
import type { Article } from '../articles/types';
import type { Annotation } from '../annotations/types';
import type { Comment, Post } from '../parse/types';
import type { Colour } from '../shared/colours';
import { bodyOffsets, describePart, parsePart } from '../shared/part-keys';

/** Which outside writing a paragraph quotes. */
export interface QuoteMark {
  articleId: string;
  /** The article's number in the post (1 for "#a1"). */
  number: number;
  /** Who it is from ("The Guardian"), or null when unknown. */
  source: string | null;
  title: string | null;
  url: string | null;
}

/** A run of a paragraph's text: plain, or highlighted (then with the number of its note when it ends here). */
export interface Run {
  text: string;
  colour?: Colour;
  /** The note's number (1-based, in reading order), on the run where the highlight ends. */
  noteNumber?: number;
}

export interface Paragraph {
  runs: Run[];
  quote: QuoteMark | null;
}

export interface CommentDoc {
  /** Path id ("3", "3.2"). */
  id: string;
  author: string | null;
  /** Its threadline:// link, when the export links back. */
  link: string | null;
  /** Flagged by the reader: with the flag's note ("" for none). */
  flag: { note: string } | null;
  paragraphs: Paragraph[];
  replies: CommentDoc[];
  /** Replies left out because they were collapsed in the reader. */
  hiddenReplies: number;
}

export interface Note {
  number: number;
  /** The highlighted words. */
  quote: string;
  text: string;
  link: string | null;
}

export interface ThreadDoc {
  title: string;
  dateText: string | null;
  date: string | null;
  file: string;
  link: string | null;
  body: Paragraph[];
  /** "12 comments", or "12 comments (13 declared)". */
  commentCount: string;
  comments: CommentDoc[];
  notes: Note[];
  /** Annotations with no place in the text shown (orphaned, or on an article's own text): listed at the end. */
  unplaced: { where: string; quote: string; note: string; link: string | null }[];
}

/** What a thread export is made from. */
export interface ThreadInput {
  post: Post;
  articles: readonly Article[];
  /** The reader's live annotations of this post (none: an export without highlights and notes). */
  annotations: readonly Annotation[];
  /** Comment ids whose replies are collapsed in the reader, left out; null for the whole thread. */
  collapsed: ReadonlySet<string> | null;
  /** Builds the threadline:// link of the post, a comment or an annotation; none: the export does not link back. */
  linkTo?: (place: { commentId?: string; annotationId?: string }) => string;
}

interface Highlight {
  start: number;
  end: number;
  annotation: Annotation;
}

/** A paragraph of a part's text: where it is (offsets) and which lines it spans (file lines for the body, text lines for a comment). */
interface Piece {
  start: number;
  end: number;
  firstLine: number;
  lastLine: number;
}

/** The paragraphs of a comment's text: runs of non-blank lines. */
function commentPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let offset = 0;
  let current: Piece | null = null;
  text.split('\n').forEach((line, index) => {
    if (line.trim()) {
      if (current) {
        current.end = offset + line.length;
        current.lastLine = index;
      } else current = { start: offset, end: offset + line.length, firstLine: index, lastLine: index };
    } else if (current) {
      pieces.push(current);
      current = null;
    }
    offset += line.length + 1;
  });
  if (current) pieces.push(current);
  return pieces;
}

/** Builds the document; notes are numbered in reading order. */
export function threadDoc(input: ThreadInput): ThreadDoc {
  const { post, articles } = input;
  const link = (place: { commentId?: string; annotationId?: string }) => input.linkTo?.(place) ?? null;
  const notes: Note[] = [];
  const byPart = new Map<string, Highlight[]>();
  const flags = new Map<string, Annotation>();
  const unplaced: ThreadDoc['unplaced'] = [];
  for (const a of input.annotations) {
    const part = a.anchor.part ?? a.part;
    const placed = a.anchor.state !== 'orphan' && parsePart(part)?.kind !== 'article';
    if (placed && a.kind === 'flag') flags.set(part, a);
    else if (placed && a.anchor.start !== null && a.anchor.end !== null && a.anchor.end > a.anchor.start)
      byPart.set(part, [...(byPart.get(part) ?? []), { start: a.anchor.start, end: a.anchor.end, annotation: a }]);
    else
      unplaced.push({
        where: describePart(part),
        quote: a.quote?.exact ?? '',
        note: a.note.trim(),
        link: link({ annotationId: a.id }),
      });
  }

  const quoteMark = (article: Article): QuoteMark => ({
    articleId: article.id,
    number: Number(article.id.slice(article.id.lastIndexOf('#a') + 2)) || articles.indexOf(article) + 1,
    source: article.source.name ?? article.source.site,
    title: article.title,
    url: article.url,
  });
  const quoted = (inSpan: (span: Article['spans'][number]) => boolean): QuoteMark | null => {
    const article = articles.find((a) => a.kind === 'article' && a.spans.some(inSpan));
    return article ? quoteMark(article) : null;
  };

  /** The runs of a paragraph, split where highlights begin and end; `text` starts at offset `base` of its part's text. */
  const runsOf = (text: string, base: number, piece: Piece, highlights: readonly Highlight[]): Run[] => {
    const inside = highlights.filter((h) => h.start < piece.end && h.end > piece.start);
    const cuts = new Set([piece.start, piece.end]);
    for (const h of inside) {
      cuts.add(Math.max(h.start, piece.start));
      cuts.add(Math.min(h.end, piece.end));
    }
    const points = [...cuts].sort((x, y) => x - y);
    const runs: Run[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i]!, points[i + 1]!];
      const covering = inside.filter((h) => h.start <= from && h.end >= to);
      const top = covering[covering.length - 1];
      const run: Run = { text: text.slice(from - base, to - base) };
      if (top) run.colour = top.annotation.colour;
      const ending = inside.filter((h) => h.end === to && h.annotation.note.trim());
      for (const h of ending) {
        notes.push({
          number: notes.length + 1,
          quote: h.annotation.quote?.exact ?? text.slice(h.start - base, h.end - base),
          text: h.annotation.note.trim(),
          link: link({ annotationId: h.annotation.id }),
        });
        run.noteNumber = notes.length;
      }
      runs.push(run);
    }
    return runs;
  };

  const offsets = bodyOffsets(post.body);
  const bodyHighlights = byPart.get('body') ?? [];
  const body = post.body.map((block, index): Paragraph => {
    const piece = { start: offsets[index]!, end: offsets[index]! + block.text.length, firstLine: 0, lastLine: 0 };
    return {
      runs: runsOf(block.text, piece.start, piece, bodyHighlights),
      quote: quoted((s) => s.part === 'body' && s.line <= block.endLine && s.endLine >= block.line),
    };
  });

  const commentDoc = (comment: Comment): CommentDoc => {
    const part = `comment:${comment.id}`;
    const highlights = byPart.get(part) ?? [];
    const paragraphs = commentPieces(comment.text).map((piece) => ({
      runs: runsOf(comment.text, 0, piece, highlights),
      quote: quoted(
        (s) =>
          s.part === 'comment' && s.commentId === comment.id && s.from <= piece.lastLine && s.to >= piece.firstLine,
      ),
    }));
    const hidden = input.collapsed?.has(comment.id) ?? false;
    const flag = flags.get(part);
    return {
      id: comment.id,
      author: comment.author,
      link: link({ commentId: comment.id }),
      flag: flag ? { note: flag.note.trim() } : null,
      paragraphs,
      replies: hidden ? [] : comment.replies.map(commentDoc),
      hiddenReplies: hidden ? comment.replies.length : 0,
    };
  };
  const comments = post.comments.map(commentDoc);
  const found = post.foundCommentCount;
  const noun = (n: number) => (n === 1 ? 'comment' : 'comments');
  return {
    title: post.title || '(untitled)',
    dateText: post.dateText,
    date: post.date,
    file: post.file,
    link: link({}),
    body,
    commentCount:
      post.declaredCommentCount === null || post.declaredCommentCount === found
        ? `${found} ${noun(found)}`
        : `${found} ${noun(found)} (${post.declaredCommentCount} declared)`,
    comments,
    notes,
    unplaced,
  };
}

/** Consecutive paragraphs that quote the same article go together, under one caption. */
export function groupByQuote(paragraphs: readonly Paragraph[]): { quote: QuoteMark | null; paragraphs: Paragraph[] }[] {
  const groups: { quote: QuoteMark | null; paragraphs: Paragraph[] }[] = [];
  for (const paragraph of paragraphs) {
    const last = groups[groups.length - 1];
    if (last && last.quote?.articleId === paragraph.quote?.articleId && last.quote !== null)
      last.paragraphs.push(paragraph);
    else groups.push({ quote: paragraph.quote, paragraphs: [paragraph] });
  }
  return groups;
}

/** The caption of a quoted article: "Quoted article 2 — from The Guardian: “Title”". */
export function quoteCaption(quote: QuoteMark): string {
  const from = quote.source ? ` — from ${quote.source}` : ' — source unknown';
  // A headline that carries its own quotation marks is not quoted again.
  const title = quote.title && /^["“‘']/.test(quote.title) ? quote.title : quote.title ? `“${quote.title}”` : '';
  return `Quoted article ${quote.number}${from}${title ? `: ${title}` : ''}`;
}
