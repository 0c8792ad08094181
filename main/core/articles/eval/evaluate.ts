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
  articles: DetectionScores & {
    boundary: number | null;
    source: number | null;
    sourceKind: number | null;
    title: number | null;
  };
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
function rangesOf(
  post: Post,
  fileLines: string[],
  where: ArticleLabel['where'],
  fail: (why: string) => never,
): LineRange[] {
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
    if (end === null)
      fail(`its last words "${clip(label.last)}" are not in ${rangeText(ranges)} at or after line ${start}`);
    return { label, index, start: start!, end: end! };
  });
}

/** Finds the line of each quote label's passage in the comment it is from; throws a LabelError when absent. */
export function resolveQuoteLabels(
  post: Post,
  fileLines: string[],
  labels: FileLabels,
): { label: QuoteLabel; line: number }[] {
  return labels.quotes.map((label, index) => {
    const fail = (why: string): never => {
      throw new LabelError(
        `${labels.file}: quote label #${index + 1} (from comment ${label.from}, first "${clip(label.first)}"): ${why}.`,
      );
    };
    if (label.target !== 'body' && !findComment(post.comments, label.target))
      fail(`the post has no comment ${label.target} to quote`);
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

/** A case found while scoring one kind of thing, before it is given its file. */
type Finding = Omit<EvalIssue, 'file'>;

function finding(category: EvalIssue['category'], type: IssueType, line: number | null, message: string): Finding {
  return { line, category, type, message };
}

/** The counts for one kind of thing and the cases behind them. */
interface Scored<C extends Counts> {
  counts: C;
  findings: Finding[];
}

/**
 * Pairs predicted and labelled articles 1:1, greedily: the largest overlap of line ranges first,
 * then the closest ends. Returns the predicted article (index) matched to each labelled one.
 */
function pairArticles(preds: Article[], labels: ResolvedArticleLabel[]): Map<number, number> {
  const pairs: { p: number; l: number; overlap: number; offset: number }[] = [];
  preds.forEach((article, p) => {
    const start = articleStart(article);
    const end = articleEnd(article);
    if (start === null || end === null) return;
    labels.forEach((label, l) => {
      const overlap = Math.min(end, label.end) - Math.max(start, label.start) + 1;
      if (overlap > 0) pairs.push({ p, l, overlap, offset: Math.abs(start - label.start) + Math.abs(end - label.end) });
    });
  });
  pairs.sort((a, b) => b.overlap - a.overlap || a.offset - b.offset || a.p - b.p || a.l - b.l);
  const pairedPreds = new Set<number>();
  const predOfLabel = new Map<number, number>();
  for (const pair of pairs) {
    if (pairedPreds.has(pair.p) || predOfLabel.has(pair.l)) continue;
    pairedPreds.add(pair.p);
    predOfLabel.set(pair.l, pair.p);
  }
  return predOfLabel;
}

/** A wrong-bounds finding when the predicted start or end is more than one paragraph from the label's, else null. */
function boundsFinding(
  article: Article,
  label: ResolvedArticleLabel,
  paragraph: (line: number) => number,
): Finding | null {
  const start = articleStart(article)!;
  const end = articleEnd(article)!;
  const startOff = paragraph(start) - paragraph(label.start);
  const endOff = paragraph(end) - paragraph(label.end);
  if (Math.abs(startOff) <= 1 && Math.abs(endOff) <= 1) return null;
  const offs = [
    Math.abs(startOff) > 1 ? `start ${startOff > 0 ? 'late' : 'early'} by ${Math.abs(startOff)} paragraphs` : '',
    Math.abs(endOff) > 1 ? `end ${endOff > 0 ? 'late' : 'early'} by ${Math.abs(endOff)} paragraphs` : '',
  ].filter(Boolean);
  return finding(
    'article',
    'boundary',
    label.start,
    `wrong bounds: predicted lines ${start}–${end}, labelled ${label.start}–${label.end} (${offs.join(', ')}) in ${describeWhere(label.label.where)}`,
  );
}

/**
 * Checks a matched pair's bounds, source name, source kind and (when labelled) title, counting
 * each that is right into `counts` and returning a finding for each that is wrong.
 */
function checkMatchedArticle(
  article: Article,
  label: ResolvedArticleLabel,
  paragraph: (line: number) => number,
  canonical: CanonicalSource,
  counts: ArticleCounts,
): Finding[] {
  const findings: Finding[] = [];
  const bounds = boundsFinding(article, label, paragraph);
  if (bounds) findings.push(bounds);
  else counts.boundaryOk++;
  if (sameSource(article.source.name, label.label.source, canonical)) counts.sourceOk++;
  else
    findings.push(
      finding(
        'article',
        'source',
        label.start,
        `wrong source: predicted ${describeSource(article.source.name, article.source.kind)}, labelled ${describeSource(label.label.source, label.label.sourceKind)} ("${clip(label.label.first, 40)}")`,
      ),
    );
  if (article.source.kind === label.label.sourceKind) counts.sourceKindOk++;
  else
    findings.push(
      finding(
        'article',
        'source-kind',
        label.start,
        `wrong source kind: predicted ${article.source.kind}, labelled ${label.label.sourceKind} for ${describeSource(label.label.source, label.label.sourceKind)}`,
      ),
    );
  if (label.label.title !== null) {
    counts.titled++;
    if (sameTitle(article.title, label.label.title)) counts.titleOk++;
    else
      findings.push(
        finding(
          'article',
          'title',
          label.start,
          `wrong title: predicted ${article.title === null ? 'none' : `"${clip(article.title)}"`}, labelled "${clip(label.label.title)}"`,
        ),
      );
  }
  return findings;
}

/** Pasted articles: paired by overlap, each labelled one missed or checked, each unpaired prediction a false positive. */
function scoreArticles(
  predicted: Article[],
  resolved: ResolvedArticleLabel[],
  paragraph: (line: number) => number,
  canonical: CanonicalSource,
): Scored<ArticleCounts> {
  const labels = resolved.filter((r) => r.label.kind === 'article');
  const preds = predicted.filter((a) => a.kind === 'article');
  const predOfLabel = pairArticles(preds, labels);
  const counts: ArticleCounts = {
    tp: predOfLabel.size,
    predicted: preds.length,
    labelled: labels.length,
    boundaryOk: 0,
    sourceOk: 0,
    sourceKindOk: 0,
    titled: 0,
    titleOk: 0,
  };
  const findings: Finding[] = [];
  labels.forEach((label, l) => {
    const p = predOfLabel.get(l);
    if (p !== undefined) findings.push(...checkMatchedArticle(preds[p]!, label, paragraph, canonical, counts));
    else
      findings.push(
        finding(
          'article',
          'miss',
          label.start,
          `missed article (${describeSource(label.label.source, label.label.sourceKind)}, ${describeWhere(label.label.where)}, lines ${label.start}–${label.end}) "${clip(label.label.first)}"`,
        ),
      );
  });
  const pairedPreds = new Set(predOfLabel.values());
  preds.forEach((article, p) => {
    if (pairedPreds.has(p)) return;
    const start = articleStart(article);
    const range = start === null ? 'no lines' : `lines ${start}–${articleEnd(article)}`;
    findings.push(
      finding(
        'article',
        'false-positive',
        start,
        `false positive article (${describeSource(article.source.name, article.source.kind)}, ${range}) "${clip(article.text || article.title || '')}"`,
      ),
    );
  });
  return { counts, findings };
}

/** Links: matched 1:1 by URL as written, trimmed. */
function scoreLinks(
  post: Post,
  fileLines: string[],
  predicted: Article[],
  resolved: ResolvedArticleLabel[],
): Scored<Counts> {
  const labels = resolved.filter((r) => r.label.kind === 'link');
  const preds = predicted.filter((a) => a.kind === 'link');
  const unmatched = preds.map((article, i) => ({ article, i, url: (article.url ?? '').trim() }));
  const findings: Finding[] = [];
  let tp = 0;
  for (const label of labels) {
    const url = (label.label.url ?? label.label.first).trim();
    const at = unmatched.findIndex((candidate) => candidate.url === url);
    if (at >= 0) {
      unmatched.splice(at, 1);
      tp++;
    } else
      findings.push(finding('link', 'miss', label.start, `missed link in ${describeWhere(label.label.where)}: ${url}`));
  }
  for (const { article } of unmatched) {
    findings.push(
      finding(
        'link',
        'false-positive',
        linkLine(post, fileLines, article),
        `false positive link: ${article.url ?? '(no URL)'}`,
      ),
    );
  }
  return { counts: { tp, predicted: preds.length, labelled: labels.length }, findings };
}

/** Internal quotes: matched 1:1 by (quoting comment, quoted part). */
function scoreQuotes(predicted: InternalQuote[], resolved: { label: QuoteLabel; line: number }[]): Scored<Counts> {
  const unmatched = predicted.map((quote) => ({ quote, key: `${quoteFrom(quote)}→${quoteTarget(quote)}` }));
  const findings: Finding[] = [];
  let tp = 0;
  for (const { label, line } of resolved) {
    const at = unmatched.findIndex((candidate) => candidate.key === `${label.from}→${label.target}`);
    if (at >= 0) {
      unmatched.splice(at, 1);
      tp++;
    } else
      findings.push(
        finding(
          'quote',
          'miss',
          line,
          `missed internal quote in comment ${label.from} quoting ${describeTarget(label.target)}: "${clip(label.first)}"`,
        ),
      );
  }
  for (const { quote } of unmatched) {
    findings.push(
      finding(
        'quote',
        'false-positive',
        quote.span.line,
        `false positive internal quote in ${describeTarget(quoteFrom(quote))} quoting ${describeTarget(quoteTarget(quote))}: "${clip(quote.text)}"`,
      ),
    );
  }
  return { counts: { tp, predicted: predicted.length, labelled: resolved.length }, findings };
}

/**
 * Scores one file. Articles are matched 1:1 by overlapping line ranges (largest overlap first),
 * links by URL as written, internal quotes by (quoting comment, quoted part) pairs.
 * `fileLines` are the decoded file's lines (index 0 is line 1), as the parser numbers them.
 * `canonical` maps source aliases to one name before comparing; it defaults to identity.
 * Throws a LabelError when a label's words cannot be found where it says.
 */
export function evaluate(
  post: Post,
  fileLines: string[],
  predicted: PostArticles,
  labels: FileLabels,
  canonical: CanonicalSource = identity,
): FileEvaluation {
  const file = labels.file;
  const resolved = resolveArticleLabels(post, fileLines, labels);
  const resolvedQuotes = resolveQuoteLabels(post, fileLines, labels);
  const articles = scoreArticles(predicted.articles, resolved, paragraphIndex(fileLines), canonical);
  const links = scoreLinks(post, fileLines, predicted.articles, resolved);
  const quotes = scoreQuotes(predicted.quotes, resolvedQuotes);
  const issues: EvalIssue[] = [...articles.findings, ...links.findings, ...quotes.findings].map((found) => ({
    file,
    ...found,
  }));
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { file, counts: { articles: articles.counts, links: links.counts, quotes: quotes.counts }, issues };
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
