/**
 * Scores what the article extractor found in one post against the hand labels for its file.
 * Pure: the caller reads and parses the file. Every number comes with the list of cases
 * behind it (misses, false positives, wrong bounds, wrong sources), located by file line.
 */

import type { Comment, Post } from '../../parse/types';
import type { Article, InternalQuote, PostArticles } from '../types';
import type { ArticleLabel, FileLabels, QuoteLabel } from './labels';

/** True positives, predictions and labels for one kind of thing. */
export interface Counts {
  /** Predictions matched 1:1 to a label. */
  tp: number;
  predicted: number;
  labelled: number;
}

/** Counts for pasted articles, with the checks made on each matched pair. */
export interface ArticleCounts extends Counts {
  /** Matched articles whose start and end are each within one paragraph of the label. */
  boundaryOk: number;
  /** Matched articles whose source name matches the label after normalisation. */
  sourceOk: number;
  /** Matched articles whose source kind matches the label. */
  sourceKindOk: number;
  /** Matched articles whose label has a title. */
  titled: number;
  /** Of those, the ones whose predicted title matches (case, spacing and punctuation ignored). */
  titleOk: number;
}

/** All counts for one file, or summed over several. */
export interface EvalCounts {
  articles: ArticleCounts;
  links: Counts;
  quotes: Counts;
}

/** What went wrong in one case. */
export type IssueType = 'miss' | 'false-positive' | 'boundary' | 'source' | 'source-kind' | 'title';

/** One case a developer may want to look at, located in the labelled file. */
export interface EvalIssue {
  file: string;
  /** 1-based file line the case is about; null when nothing can be located. */
  line: number | null;
  category: 'article' | 'link' | 'quote';
  type: IssueType;
  /** Plain words: what was expected, what was found. */
  message: string;
}

/** The result for one file (or, from `sumEvaluations`, for several). */
export interface FileEvaluation {
  file: string;
  counts: EvalCounts;
  issues: EvalIssue[];
}

/** Precision and recall; null when there is nothing to divide by. */
export interface DetectionScores {
  precision: number | null;
  recall: number | null;
}

/** Ratios computed from counts. Null means "no case to judge" (for example no matched articles). */
export interface Scores {
  articles: DetectionScores & { boundary: number | null; source: number | null; sourceKind: number | null; title: number | null };
  links: DetectionScores;
  quotes: DetectionScores;
}

/** A label that cannot be found in its file: the labels are wrong, not the extractor. */
export class LabelError extends Error {
  override name = 'LabelError';
}

/** Maps a source name to its canonical display name ("MoJ" → "Ministry of Justice"). */
export type CanonicalSource = (name: string) => string;

/** An article or link label resolved to file lines. */
export interface ResolvedArticleLabel {
  label: ArticleLabel;
  index: number;
  start: number;
  end: number;
}

interface LineRange {
  from: number;
  to: number;
  /** How the range is named in messages ("body", "comment 3"). */
  name: string;
}

const identity: CanonicalSource = (name) => name;

/** Collapses every run of whitespace (NBSP included) to one space and trims. */
function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function clip(text: string, max = 60): string {
  const flat = squash(text);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function findComment(comments: Comment[], id: string): Comment | null {
  for (const comment of comments) {
    if (comment.id === id) return comment;
    const reply = findComment(comment.replies, id);
    if (reply) return reply;
  }
  return null;
}

/** The lines a comment holds without its replies (a top-level comment's endLine covers them). */
function ownRange(comment: Comment): { from: number; to: number } {
  const firstReply = comment.replies[0];
  return { from: comment.line, to: firstReply ? firstReply.line - 1 : comment.endLine };
}

function describeWhere(where: ArticleLabel['where']): string {
  return where === 'body' ? 'body' : `comment ${where.join(' → ')}`;
}

/**
 * Lines of a post part: the body runs from the post's first line to just before the first
 * comment; a comment is its own lines, its replies only when they are listed too.
 */
function rangesOf(post: Post, fileLines: string[], where: ArticleLabel['where'], fail: (why: string) => never): LineRange[] {
  if (where === 'body') {
    const firstComment = post.comments[0];
    return [{ from: post.line, to: firstComment ? firstComment.line - 1 : fileLines.length, name: 'body' }];
  }
  if (where.length === 0) fail('"where" lists no comment');
  return where.map((id) => {
    const comment = findComment(post.comments, id);
    if (!comment) fail(`the post has no comment ${id}`);
    return { ...ownRange(comment), name: `comment ${id}` };
  });
}

/** First line in the ranges (from `startAt` on) whose whitespace-normalised text contains the needle. */
function findLine(fileLines: string[], ranges: LineRange[], needle: string, startAt = 0): number | null {
  const wanted = squash(needle);
  if (!wanted) return null;
  for (const range of ranges) {
    for (let line = Math.max(range.from, startAt); line <= range.to; line++) {
      const text = fileLines[line - 1];
      if (text !== undefined && squash(text).includes(wanted)) return line;
    }
  }
  return null;
}

function rangeText(ranges: LineRange[]): string {
  return ranges.map((r) => `${r.name} (lines ${r.from}–${r.to})`).join(', ');
}

/**
 * Finds each article label's first and last line in the file. Throws a LabelError naming the
 * file and the label when its words are not where the label says.
 */
export function resolveArticleLabels(post: Post, fileLines: string[], labels: FileLabels): ResolvedArticleLabel[] {
  return labels.articles.map((label, index) => {
    const fail = (why: string): never => {
      throw new LabelError(
        `${labels.file}: article label #${index + 1} (${label.kind} in ${describeWhere(label.where)}, first "${clip(label.first)}"): ${why}.`,
      );
    };
    const ranges = rangesOf(post, fileLines, label.where, fail);
    const start = findLine(fileLines, ranges, label.first);
    if (start === null) fail(`its first words are not in ${rangeText(ranges)}`);
    const end = findLine(fileLines, ranges, label.last, start!);
    if (end === null) fail(`its last words "${clip(label.last)}" are not in ${rangeText(ranges)} at or after line ${start}`);
    return { label, index, start: start!, end: end! };
  });
}

/** Finds the line of each quote label's passage in the comment it is from; throws a LabelError when absent. */
export function resolveQuoteLabels(post: Post, fileLines: string[], labels: FileLabels): { label: QuoteLabel; line: number }[] {
  return labels.quotes.map((label, index) => {
    const fail = (why: string): never => {
      throw new LabelError(`${labels.file}: quote label #${index + 1} (from comment ${label.from}, first "${clip(label.first)}"): ${why}.`);
    };
    if (label.target !== 'body' && !findComment(post.comments, label.target)) fail(`the post has no comment ${label.target} to quote`);
    const ranges = rangesOf(post, fileLines, [label.from], fail);
    const line = findLine(fileLines, ranges, label.first);
    if (line === null) fail(`its first words are not in ${rangeText(ranges)}`);
    return { label, line: line! };
  });
}

/** For each file line (index = line), how many non-blank lines come before it. */
function paragraphIndex(fileLines: string[]): (line: number) => number {
  const before: number[] = [0];
  for (const text of fileLines) before.push(before[before.length - 1]! + (squash(text) ? 1 : 0));
  return (line) => before[Math.min(Math.max(line, 1), before.length) - 1]!;
}

/** Source names compare equal after aliases, case, spacing and a leading "the " are set aside. */
function sameSource(a: string | null, b: string | null, canonical: CanonicalSource): boolean {
  const norm = (name: string | null) =>
    (name === null
      ? null
      : squash(canonical(squash(name)))
          .toLowerCase()
          .replace(/^the /, '')) || null;
  return norm(a) === norm(b);
}

/** Titles compare equal ignoring case, punctuation and spacing (a slug loses its "?" and capitals). */
function sameTitle(a: string | null, b: string | null): boolean {
  const norm = (t: string | null) => (t === null ? null : squash(t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')));
  return norm(a) === norm(b);
}

function articleStart(article: Article): number | null {
  return article.spans[0]?.line ?? null;
}

function articleEnd(article: Article): number | null {
  return article.spans[article.spans.length - 1]?.endLine ?? null;
}

function describeSource(name: string | null, kind: string): string {
  return `${name === null ? 'unknown' : `"${name}"`} (${kind})`;
}

/** The line of a predicted link: its URL's line in the part the extractor placed it in. */
function linkLine(post: Post, fileLines: string[], article: Article): number | null {
  if (article.location.part === 'body') return article.location.line;
  const ranges: LineRange[] = [];
  for (const id of article.location.commentIds) {
    const comment = findComment(post.comments, id);
    if (comment) ranges.push({ ...ownRange(comment), name: `comment ${id}` });
  }
  return (article.url && findLine(fileLines, ranges, article.url)) || (ranges[0]?.from ?? null);
}

function quoteFrom(quote: InternalQuote): string {
  return quote.span.part === 'comment' ? quote.span.commentId : 'body';
}

function quoteTarget(quote: InternalQuote): string {
  return quote.target.part === 'comment' ? quote.target.commentId : 'body';
}

function describeTarget(target: string): string {
  return target === 'body' ? 'the post' : `comment ${target}`;
}

/**
 * Scores one file. Articles are matched 1:1 by overlapping line ranges (largest overlap first),
 * links by URL as written, internal quotes by (quoting comment, quoted part) pairs.
 * `fileLines` are the decoded file's lines (index 0 is line 1), as the parser numbers them.
 * `canonical` maps source aliases to one name before comparing; it defaults to identity.
 * Throws a LabelError when a label's words cannot be found where it says.
 */
export function evaluate(post: Post, fileLines: string[], predicted: PostArticles, labels: FileLabels, canonical: CanonicalSource = identity): FileEvaluation {
  const file = labels.file;
  const issues: EvalIssue[] = [];
  const issue = (category: EvalIssue['category'], type: IssueType, line: number | null, message: string) =>
    issues.push({ file, line, category, type, message });
  const resolved = resolveArticleLabels(post, fileLines, labels);
  const resolvedQuotes = resolveQuoteLabels(post, fileLines, labels);
  const paragraph = paragraphIndex(fileLines);

  // Pasted articles: greedy 1:1 matching by the largest overlap of line ranges.
  const articleLabels = resolved.filter((r) => r.label.kind === 'article');
  const articlePreds = predicted.articles.filter((a) => a.kind === 'article');
  const pairs: { p: number; l: number; overlap: number; offset: number }[] = [];
  articlePreds.forEach((article, p) => {
    const start = articleStart(article);
    const end = articleEnd(article);
    if (start === null || end === null) return;
    articleLabels.forEach((label, l) => {
      const overlap = Math.min(end, label.end) - Math.max(start, label.start) + 1;
      if (overlap > 0) pairs.push({ p, l, overlap, offset: Math.abs(start - label.start) + Math.abs(end - label.end) });
    });
  });
  pairs.sort((a, b) => b.overlap - a.overlap || a.offset - b.offset || a.p - b.p || a.l - b.l);
  const predMatch = new Map<number, number>();
  const labelMatch = new Map<number, number>();
  for (const pair of pairs) {
    if (predMatch.has(pair.p) || labelMatch.has(pair.l)) continue;
    predMatch.set(pair.p, pair.l);
    labelMatch.set(pair.l, pair.p);
  }

  const articles: ArticleCounts = {
    tp: predMatch.size,
    predicted: articlePreds.length,
    labelled: articleLabels.length,
    boundaryOk: 0,
    sourceOk: 0,
    sourceKindOk: 0,
    titled: 0,
    titleOk: 0,
  };
  articleLabels.forEach((label, l) => {
    const p = labelMatch.get(l);
    const where = describeWhere(label.label.where);
    if (p === undefined) {
      issue(
        'article',
        'miss',
        label.start,
        `missed article (${describeSource(label.label.source, label.label.sourceKind)}, ${where}, lines ${label.start}–${label.end}) "${clip(label.label.first)}"`,
      );
      return;
    }
    const article = articlePreds[p]!;
    const start = articleStart(article)!;
    const end = articleEnd(article)!;
    const startOff = paragraph(start) - paragraph(label.start);
    const endOff = paragraph(end) - paragraph(label.end);
    if (Math.abs(startOff) <= 1 && Math.abs(endOff) <= 1) articles.boundaryOk++;
    else {
      const offs = [
        Math.abs(startOff) > 1 ? `start ${startOff > 0 ? 'late' : 'early'} by ${Math.abs(startOff)} paragraphs` : '',
        Math.abs(endOff) > 1 ? `end ${endOff > 0 ? 'late' : 'early'} by ${Math.abs(endOff)} paragraphs` : '',
      ].filter(Boolean);
      issue(
        'article',
        'boundary',
        label.start,
        `wrong bounds: predicted lines ${start}–${end}, labelled ${label.start}–${label.end} (${offs.join(', ')}) in ${where}`,
      );
    }
    if (sameSource(article.source.name, label.label.source, canonical)) articles.sourceOk++;
    else
      issue(
        'article',
        'source',
        label.start,
        `wrong source: predicted ${describeSource(article.source.name, article.source.kind)}, labelled ${describeSource(label.label.source, label.label.sourceKind)} ("${clip(label.label.first, 40)}")`,
      );
    if (article.source.kind === label.label.sourceKind) articles.sourceKindOk++;
    else
      issue(
        'article',
        'source-kind',
        label.start,
        `wrong source kind: predicted ${article.source.kind}, labelled ${label.label.sourceKind} for ${describeSource(label.label.source, label.label.sourceKind)}`,
      );
    if (label.label.title !== null) {
      articles.titled++;
      if (sameTitle(article.title, label.label.title)) articles.titleOk++;
      else
        issue(
          'article',
          'title',
          label.start,
          `wrong title: predicted ${article.title === null ? 'none' : `"${clip(article.title)}"`}, labelled "${clip(label.label.title)}"`,
        );
    }
  });
  articlePreds.forEach((article, p) => {
    if (predMatch.has(p)) return;
    const start = articleStart(article);
    const range = start === null ? 'no lines' : `lines ${start}–${articleEnd(article)}`;
    issue(
      'article',
      'false-positive',
      start,
      `false positive article (${describeSource(article.source.name, article.source.kind)}, ${range}) "${clip(article.text || article.title || '')}"`,
    );
  });

  // Links: 1:1 by URL as written, trimmed.
  const linkLabels = resolved.filter((r) => r.label.kind === 'link');
  const linkPreds = predicted.articles.filter((a) => a.kind === 'link');
  const unmatchedLinks = linkPreds.map((article, i) => ({ article, i, url: (article.url ?? '').trim() }));
  let linkTp = 0;
  for (const label of linkLabels) {
    const url = (label.label.url ?? label.label.first).trim();
    const at = unmatchedLinks.findIndex((candidate) => candidate.url === url);
    if (at >= 0) {
      unmatchedLinks.splice(at, 1);
      linkTp++;
    } else issue('link', 'miss', label.start, `missed link in ${describeWhere(label.label.where)}: ${url}`);
  }
  for (const { article } of unmatchedLinks) {
    issue('link', 'false-positive', linkLine(post, fileLines, article), `false positive link: ${article.url ?? '(no URL)'}`);
  }

  // Internal quotes: 1:1 by (quoting comment, quoted part).
  const unmatchedQuotes = predicted.quotes.map((quote) => ({ quote, key: `${quoteFrom(quote)}→${quoteTarget(quote)}` }));
  let quoteTp = 0;
  for (const { label, line } of resolvedQuotes) {
    const at = unmatchedQuotes.findIndex((candidate) => candidate.key === `${label.from}→${label.target}`);
    if (at >= 0) {
      unmatchedQuotes.splice(at, 1);
      quoteTp++;
    } else issue('quote', 'miss', line, `missed internal quote in comment ${label.from} quoting ${describeTarget(label.target)}: "${clip(label.first)}"`);
  }
  for (const { quote } of unmatchedQuotes) {
    issue(
      'quote',
      'false-positive',
      quote.span.line,
      `false positive internal quote in ${describeTarget(quoteFrom(quote))} quoting ${describeTarget(quoteTarget(quote))}: "${clip(quote.text)}"`,
    );
  }

  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    file,
    counts: {
      articles,
      links: { tp: linkTp, predicted: linkPreds.length, labelled: linkLabels.length },
      quotes: { tp: quoteTp, predicted: predicted.quotes.length, labelled: resolvedQuotes.length },
    },
    issues,
  };
}

function emptyCounts(): EvalCounts {
  return {
    articles: { tp: 0, predicted: 0, labelled: 0, boundaryOk: 0, sourceOk: 0, sourceKindOk: 0, titled: 0, titleOk: 0 },
    links: { tp: 0, predicted: 0, labelled: 0 },
    quotes: { tp: 0, predicted: 0, labelled: 0 },
  };
}

function addInto<T extends object>(total: T, part: T): void {
  const sum = total as Record<string, number>;
  for (const [key, value] of Object.entries(part as Record<string, number>)) sum[key] = (sum[key] ?? 0) + value;
}

/** Adds up several files' counts and concatenates their issues (micro-averaging: scores come from the sums). */
export function sumEvaluations(evaluations: FileEvaluation[], name = 'total'): FileEvaluation {
  const counts = emptyCounts();
  for (const evaluation of evaluations) {
    addInto(counts.articles, evaluation.counts.articles);
    addInto(counts.links, evaluation.counts.links);
    addInto(counts.quotes, evaluation.counts.quotes);
  }
  return { file: name, counts, issues: evaluations.flatMap((e) => e.issues) };
}

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

function detection(counts: Counts): DetectionScores {
  return { precision: ratio(counts.tp, counts.predicted), recall: ratio(counts.tp, counts.labelled) };
}

/**
 * Precision = tp / predicted, recall = tp / labelled; boundary, source and source-kind
 * accuracy are shares of matched articles; title accuracy is a share of matched articles whose
 * label has a title. Each is null when its denominator is zero.
 */
export function scores(counts: EvalCounts): Scores {
  const a = counts.articles;
  return {
    articles: {
      ...detection(a),
      boundary: ratio(a.boundaryOk, a.tp),
      source: ratio(a.sourceOk, a.tp),
      sourceKind: ratio(a.sourceKindOk, a.tp),
      title: ratio(a.titleOk, a.titled),
    },
    links: detection(counts.links),
    quotes: detection(counts.quotes),
  };
}
