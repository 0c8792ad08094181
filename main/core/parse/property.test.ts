import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSeed } from './decode';
import { parseSeed } from './parse-seed';
import { pageLine } from '../../../test-support/page-lines';
import { parseTextPage } from './text-page';
import type { Comment, PageResult, ParseResult } from './types';

const FILE = 'fuzz.txt';

const splitText = (text: string) => {
  const lines = text.split(/\r\n|\n|\r/);
  return lines.length > 1 && lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
};
const isBlank = (line: string | undefined) => line === undefined || /^[\s\u00a0]*$/.test(line);
const flatten = (comments: Comment[]): Comment[] => comments.flatMap((c) => [c, ...flatten(c.replies)]);

/** What must hold for any input at all: a post or an error, never both, and sane locations. */
function checkResult(result: ParseResult, source: string[]): void {
  const lines = source.length;
  const errors = result.problems.filter((p) => p.severity === 'error');
  expect(result.post === null).toBe(errors.length > 0);
  for (const problem of result.problems) {
    expect(problem.file).toBe(FILE);
    expect(['warning', 'error']).toContain(problem.severity);
    expect(problem.message.length).toBeGreaterThan(0);
    if (problem.line !== null) {
      expect(Number.isInteger(problem.line)).toBe(true);
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.line).toBeLessThanOrEqual(lines);
    }
  }
  const post = result.post;
  if (!post) return;
  expect(post.file).toBe(FILE);
  expect(post.line).toBeGreaterThanOrEqual(1);
  expect(post.id.length).toBeGreaterThan(0);
  const all = flatten(post.comments);
  expect(post.foundCommentCount).toBe(all.length);
  post.comments.forEach((top, i) => {
    expect(top.id).toBe(String(i + 1));
    top.replies.forEach((reply, j) => {
      expect(reply.id).toBe(`${top.id}.${j + 1}`);
      expect(reply.replies).toEqual([]);
      expect(reply.line).toBeGreaterThan(top.line);
      expect(reply.endLine).toBeLessThanOrEqual(top.endLine);
    });
  });
  for (const c of all) {
    expect(c.line).toBeGreaterThanOrEqual(1);
    expect(c.endLine).toBeGreaterThanOrEqual(c.line);
    expect(c.endLine).toBeLessThanOrEqual(lines);
    // A comment starts and ends on lines of its own, never on a blank line around it.
    expect(isBlank(source[c.line - 1])).toBe(false);
    expect(isBlank(source[c.endLine - 1])).toBe(false);
  }
  for (const block of post.body) {
    expect(block.line).toBeGreaterThanOrEqual(1);
    expect(block.endLine).toBeGreaterThanOrEqual(block.line);
    expect(block.endLine).toBeLessThanOrEqual(lines);
    expect(block.text).toBe(source.slice(block.line - 1, block.endLine).join('\n'));
  }
}

function checkBytes(bytes: Uint8Array): void {
  let result: ParseResult | undefined;
  expect(() => {
    result = parseSeed(bytes, FILE);
  }).not.toThrow();
  const decoded = decodeSeed(bytes, FILE).text;
  checkResult(result!, decoded === null ? [] : splitText(decoded));
}

function checkText(text: string): void {
  let result: ParseResult | undefined;
  expect(() => {
    result = parseSeed(text, FILE);
  }).not.toThrow();
  checkResult(result!, splitText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
}

/** Pieces of the seed grammar, so random files reach deep into the parser. */
const fragment = fc.oneof(
  fc.constantFrom(
    'Monday 20 May 2019',
    'Wednesday, 7 May 2014',
    'Thursday, September 16, 2010',
    'Sunday, 31 February 2019',
    'Latest From Napo 188',
    '',
    '   ',
    '\u00a0',
    '16 comments:',
    '1 comment:',
    'No comments:  ',
    '  1. First comment',
    '  2. Second',
    '  7.',
    '\t1. tabbed',
    '\t\tmore',
    '    continued',
    '    1. reply or list item',
    '      reply text',
    '    ReplyDelete',
    '    ReplyDelete  ',
    '    Replies',
    '      Delete',
    'Delete',
    'ReplyDelete',
    'Anonymous said...',
    '  1. Jim Brown said…',
    '    2. Anonymous said...:',
    '“Quoted” — £5 \u00a0',
    '\uFEFF',
    '\u0000',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
/** Lines that only occur in a comment thread, to stress the comment tree on its own. */
const threadLine = fc.oneof(
  fc.constantFrom(
    '',
    '  1. Comment',
    '  3. Comment',
    '\t2. Tabbed',
    '  1. Anonymous said...',
    'Jim Brown said...',
    '    text',
    '\t\ttext',
    '      deeper text',
    '    1. Reply or list',
    '    2. Reply or list',
    '    ReplyDelete',
    '    Replies',
    '      Delete',
    '        Delete',
  ),
  fc.string({ maxLength: 8 }).map((text) => '    ' + text),
);
const thread = fc
  .tuple(fc.constantFrom('3 comments:', '1 comment:', 'No comments:', ''), fc.array(threadLine, { maxLength: 40 }))
  .map(([count, lines]) => ['Monday 20 May 2019', '', 'A Title', '', 'Body.', '', count, '', ...lines].join('\n'));
const lineEnd = fc.constantFrom('\n', '\r\n', '\r', '\n\n');
const seedLike = fc
  .array(fc.tuple(fragment, lineEnd), { maxLength: 60 })
  .map((parts) => parts.map(([text, end]) => text + end).join(''));

describe('parseSeed never throws', () => {
  it('returns a post with a consistent comment tree for random comment threads', () => {
    fc.assert(fc.property(thread, checkText), { numRuns: 1000 });
  });

  it('returns a post or an error problem for random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), checkBytes), { numRuns: 500 });
  });

  it('returns a post or an error problem for random bytes after a BOM', () => {
    const bom = fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], []);
    fc.assert(
      fc.property(bom, fc.uint8Array({ maxLength: 500 }), (head, rest) =>
        checkBytes(new Uint8Array([...head, ...rest])),
      ),
      { numRuns: 300 },
    );
  });

  it('returns a post or an error problem for random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 500 }), checkText), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 500 }), checkText), { numRuns: 300 });
  });

  it('returns a post or an error problem for random seed-like text, as a string and as bytes', () => {
    fc.assert(
      fc.property(seedLike, (text) => {
        checkText(text);
        checkBytes(new TextEncoder().encode(text));
      }),
      { numRuns: 1000 },
    );
  });
});

/** What must hold for any page: posts or an error, parts in order, each post's parts within the file and after the last. */
function checkPage(result: PageResult, source: string[]): void {
  const errors = result.problems.filter((p) => p.severity === 'error');
  expect(result.posts.length === 0).toBe(errors.length > 0);
  let after = 0;
  result.posts.forEach((post, i) => {
    expect(post.part).toBe(i);
    expect(post.format).toBe('text');
    expect(post.line).toBeGreaterThan(after);
    checkResult({ post, problems: result.problems.filter((p) => p.severity === 'warning') }, source);
    const last = Math.max(
      post.line,
      ...post.body.map((b) => b.endLine),
      ...flatten(post.comments).map((c) => c.endLine),
    );
    for (const block of post.body) expect(block.line).toBeGreaterThan(post.line - 1);
    if (post.time !== null) expect(post.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/);
    for (const c of flatten(post.comments))
      if (c.time !== null) expect(c.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/);
    after = last;
  });
  if (result.header !== null) expect(result.header.trim()).not.toBe('');
}

describe('parseTextPage never throws', () => {
  const soup = fc
    .array(
      fc.tuple(
        fc.oneof({ weight: 4, arbitrary: pageLine }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }),
        lineEnd,
      ),
      {
        maxLength: 80,
      },
    )
    .map((parts) => parts.map(([text, end]) => text + end).join(''));

  it('splits random line soups of date lines, titles, footers and comments into ordered, consistent posts', () => {
    fc.assert(
      fc.property(soup, (text) => {
        let result: PageResult | undefined;
        expect(() => {
          result = parseTextPage(text, FILE);
        }).not.toThrow();
        checkPage(result!, splitText(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('returns posts or an error for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const result = parseTextPage(bytes, FILE);
        const decoded = decodeSeed(bytes, FILE).text;
        checkPage(result, decoded === null ? [] : splitText(decoded));
      }),
      { numRuns: 500 },
    );
  });
});
