/**
 * Test helpers for the article rules: build a tiny seed file in the blog's format, parse it,
 * and check what the extractor returns against the lines that were built.
 */
import { expect } from 'vitest';
import { parseSeed, type Comment, type Post } from '../main/core/parse';
import { articlesOf, extractArticles } from '../main/core/articles/extract';
import type { Article, PostArticles, TextSpan } from '../main/core/articles/types';

/** A comment: its lines (no indentation; "" for a blank line) and, optionally, its replies' lines. */
export interface CommentSpec {
  lines: string[];
  replies?: string[][];
}
export type CommentInput = string[] | CommentSpec;

/** A seed built in a test: the file text, the parsed post, and where each line went. */
export interface Seed {
  text: string;
  post: Post;
  /** 1-based file line → the line's text as given to `post()` (without comment indentation). */
  content: Map<number, string>;
  /** The file line of the one line whose given text contains `needle` (throws unless exactly one). */
  lineOf(needle: string): number;
  /** The comment or reply with this path id ("2", "2.1"). */
  comment(id: string): Comment;
}

const DATE = 'Tuesday 4 June 2019';
const TITLE = 'A Test Post';

/**
 * Assembles a valid seed file: date line, blank, title, blank, the body lines, then (when there
 * are comments) "N comments:", blank, and each comment numbered at indent 2 with its text at 4,
 * a blank and "ReplyDelete", then "Replies" and each reply numbered at 4, text at 6, "Delete".
 */
export function post(body: string[], comments: CommentInput[] = []): Seed {
  const lines: string[] = [];
  const content = new Map<number, string>();
  const push = (raw: string, given: string | null) => {
    lines.push(raw);
    if (given !== null) content.set(lines.length, given);
  };
  push(DATE, null);
  push('', null);
  push(TITLE, null);
  push('', null);
  for (const line of body) push(line, line);
  if (comments.length) {
    const replyCount = comments.reduce((n, c) => n + (Array.isArray(c) ? 0 : (c.replies?.length ?? 0)), 0);
    push('', null);
    push(`${comments.length + replyCount} comments:`, null);
    push('', null);
    const item = (text: string[], number: number, itemIndent: number, textIndent: number) => {
      text.forEach((line, k) => {
        if (k === 0) push(`${' '.repeat(itemIndent)}${number}. ${line}`, line);
        else push(line === '' ? '' : `${' '.repeat(textIndent)}${line}`, line);
      });
      push('', null);
    };
    comments.forEach((c, n) => {
      const spec: CommentSpec = Array.isArray(c) ? { lines: c } : c;
      item(spec.lines, n + 1, 2, 4);
      push('    ReplyDelete', null);
      if (spec.replies?.length) {
        push('    Replies', null);
        spec.replies.forEach((reply, r) => {
          item(reply, r + 1, 4, 6);
          push('      Delete', null);
        });
      }
    });
  }
  const text = lines.join('\n') + '\n';
  const parsed = parseSeed(text, 'test.txt');
  if (!parsed.post) throw new Error(`test seed did not parse: ${JSON.stringify(parsed.problems)}`);
  if (parsed.problems.length) throw new Error(`test seed has problems: ${JSON.stringify(parsed.problems)}`);
  const postValue = parsed.post;
  const all = postValue.comments.flatMap((c) => [c, ...c.replies]);
  return {
    text,
    post: postValue,
    content,
    lineOf(needle: string) {
      const found = [...content].filter(([, given]) => given.includes(needle)).map(([line]) => line);
      if (found.length !== 1) throw new Error(`"${needle}" is on ${found.length} lines of the test seed`);
      return found[0]!;
    },
    comment(id: string) {
      const found = all.find((c) => c.id === id);
      if (!found) throw new Error(`no comment ${id}`);
      return found;
    },
  };
}

/** The text a span covers, from the lines as built (comment indentation removed). */
export function builtText(seed: Seed, span: TextSpan): string {
  const out: string[] = [];
  for (let line = span.line; line <= span.endLine; line++) out.push(seed.content.get(line) ?? '');
  return out.join('\n');
}

/** Checks what every article must satisfy: spans inside the file, text equal to those lines, confidence in (0, 1], evidence given. */
export function expectWellFormed(seed: Seed, article: Article): void {
  const label = `${article.id} (${article.kind}, ${article.source.name ?? 'unknown'})`;
  expect(article.confidence, label).toBeGreaterThan(0);
  expect(article.confidence, label).toBeLessThanOrEqual(1);
  expect(article.evidence.length, label).toBeGreaterThan(0);
  if (article.kind === 'link') {
    expect(article.spans, label).toEqual([]);
    expect(article.text, label).toBe('');
    expect(article.url, label).not.toBeNull();
    return;
  }
  expect(article.spans.length, label).toBeGreaterThan(0);
  for (const span of article.spans) {
    expect(span.line, label).toBeLessThanOrEqual(span.endLine);
    expect(seed.content.has(span.line), `${label}: span starts on a built line`).toBe(true);
    expect(seed.content.has(span.endLine), `${label}: span ends on a built line`).toBe(true);
    expect((seed.content.get(span.line) ?? '').trim(), `${label}: span starts on a non-blank line`).not.toBe('');
    expect((seed.content.get(span.endLine) ?? '').trim(), `${label}: span ends on a non-blank line`).not.toBe('');
    if (span.part === 'comment') {
      const comment = seed.comment(span.commentId);
      expect(comment.textLine + span.from, `${label}: span.from`).toBe(span.line);
      expect(comment.textLine + span.to, `${label}: span.to`).toBe(span.endLine);
    }
  }
  expect(article.text, label).toBe(article.spans.map((s) => builtText(seed, s)).join('\n\n'));
}

/** Extracts from a built seed, checking every article is well formed. */
export function extract(seed: Seed): PostArticles {
  const result = extractArticles(seed.post);
  result.articles.forEach((a) => expectWellFormed(seed, a));
  // The library index extracts without the internal quotes: the articles must be the same.
  expect(articlesOf(seed.post), 'articlesOf() against extractArticles()').toEqual(result.articles);
  return result;
}

/** Only the pasted articles (not bare links). */
export const pasted = (result: PostArticles): Article[] => result.articles.filter((a) => a.kind === 'article');
/** Only the bare links. */
export const links = (result: PostArticles): Article[] => result.articles.filter((a) => a.kind === 'link');

/**
 * Third-person prose paragraphs, each 140–200 characters and naming no outlet or body the
 * source table knows, to stand in for pasted outside writing.
 */
export const PROSE = [
  'Three more approved premises in the north of the county are to close by the autumn, according to figures released by the regional authority this week.',
  'The closures follow a review that found occupancy had fallen below sixty per cent at several sites, although staff groups dispute how the figures were calculated.',
  'Local councillors have written to the minister asking for the decision to be paused until an independent assessment of the impact on public protection has been carried out.',
  'A spokesperson for the department said that residents would be moved to alternative accommodation and that no one would be released without a suitable address.',
  'Campaigners argue that the savings, estimated at just over four million pounds a year, will be swallowed up by the cost of recalls and emergency placements elsewhere.',
  'Officials conceded that the timetable was ambitious but insisted the contracts for the remaining sites would be renegotiated before the end of the financial year.',
  'Trainee officers who qualified last summer have been told their placements will be reallocated, with some facing journeys of more than an hour to their new offices.',
  'The review panel is expected to publish its final recommendations in the new year, after a consultation period during which employers and unions may submit evidence.',
] as const;
