import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHtmlPage } from './html';
import { TopFirstStack } from './html/parser';
import type { Comment, PageResult } from './types';

const FILE = 'fuzz.html';
const flatten = (comments: Comment[]): Comment[] => comments.flatMap((c) => [c, ...flatten(c.replies)]);

const TAGS = [
  'div',
  'p',
  'span',
  'a',
  'br',
  'b',
  'li',
  'ol',
  'ul',
  'dl',
  'dt',
  'dd',
  'h2',
  'h3',
  'h4',
  'abbr',
  'time',
  'cite',
  'script',
  'style',
  'pre',
  'table',
  'td',
  'tr',
  'svg',
  'article',
  'section',
  'iframe',
];
const CLASSES = [
  'post',
  'post-outer',
  'post-outer-container',
  'hentry',
  'date-header',
  'post-title',
  'entry-title',
  'post-body',
  'entry-content',
  'post-footer',
  'post-author',
  'post-timestamp',
  'post-labels',
  'published',
  'comments',
  'comments-content',
  'comment-thread',
  'inline-thread',
  'comment',
  'comment-block',
  'comment-header',
  'user',
  'icon',
  'datetime',
  'comment-content',
  'comment-replies',
  'comment-author',
  'comment-body',
  'comment-footer',
  'widget',
  'Blog',
  'sidebar',
  'fn',
  'jump-link',
];
const TEXTS = [
  'Monday, 20 May 2019',
  'May 20, 2019',
  '3 comments:',
  'No comments:',
  'Anonymous said...',
  'posted by Jo at 7:00 PM',
  '20 May 2019 at 08:15',
  'Hello',
  ' ',
  '\n',
  '&amp;',
  '&nbsp;',
  '£',
  '<',
  '>',
  '"',
  "'",
  '2019-05-20T07:00:00+01:00',
  'https://example.org/x',
  '',
];

/** Soup: open and close tags (often unbalanced), attributes, text and stray markup, in any order. */
const token = fc.oneof(
  fc
    .record({
      tag: fc.constantFrom(...TAGS),
      classes: fc.subarray(CLASSES, { maxLength: 3 }),
      attr: fc.constantFrom(
        '',
        ' title="2019-05-20T07:00:00Z"',
        ' datetime="2019-05-20"',
        ' href="https://example.org/?showComment=1558336500000#c1"',
        ' id="comments"',
        ' href="javascript:x()"',
      ),
    })
    .map(({ tag, classes, attr }) => `<${tag}${classes.length ? ` class="${classes.join(' ')}"` : ''}${attr}>`),
  fc.constantFrom(...TAGS).map((tag) => `</${tag}>`),
  fc.constantFrom(...TEXTS),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('<!--', '-->', '<!DOCTYPE html>', '<![CDATA[', '<', '</', '="', '<br/>', '<p', '\r\n'),
);
const soup = fc.array(token, { maxLength: 120 }).map((parts) => parts.join(''));

function check(result: PageResult, text: string): void {
  const lines = text.split(/\r\n|\n|\r/).length;
  expect(result.format).toBe('html');
  const errors = result.problems.filter((p) => p.severity === 'error');
  expect(errors.length > 0).toBe(result.posts.length === 0);
  for (const problem of result.problems) {
    expect(problem.file).toBe(FILE);
    if (problem.line !== null) {
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.line).toBeLessThanOrEqual(lines);
    }
  }
  result.posts.forEach((post, part) => {
    expect(post.part).toBe(part);
    expect(post.format).toBe('html');
    expect(post.id.length).toBeGreaterThan(0);
    expect(post.foundCommentCount).toBe(flatten(post.comments).length);
    post.comments.forEach((top, i) => {
      expect(top.id).toBe(String(i + 1));
      top.replies.forEach((reply, j) => {
        expect(reply.id).toBe(`${i + 1}.${j + 1}`);
        expect(reply.replies).toEqual([]);
      });
    });
    // Numbered as a text copy's paragraphs: line k of a block is line + k, a blank line between blocks.
    let floor = 1;
    for (const block of post.body) {
      expect(block.text.trim()).not.toBe('');
      expect(block.text).not.toMatch(/\n[ \t]*\n/);
      expect(block.line).toBeGreaterThanOrEqual(floor);
      expect(block.endLine).toBeGreaterThanOrEqual(block.line + block.text.split('\n').length - 1);
      floor = block.endLine + 2;
    }
    for (const comment of flatten(post.comments))
      expect(comment.endLine).toBeGreaterThanOrEqual(comment.textLine + comment.text.split('\n').length - 1);
  });
}

describe('random HTML', () => {
  it('never throws, and what it reads is well formed', () => {
    fc.assert(
      fc.property(soup, (text) => check(parseHtmlPage(text, FILE), text)),
      { numRuns: 400 },
    );
  });

  it('never throws on random bytes after an HTML start', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (tail) => {
        const head = new TextEncoder().encode('<!DOCTYPE html><html><body><div class="post"><div class="post-body">');
        const bytes = new Uint8Array(head.length + tail.length);
        bytes.set(head);
        bytes.set(tail, head.length);
        const result = parseHtmlPage(bytes, FILE);
        expect(Array.isArray(result.posts)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the parser stack', () => {
  it('behaves as the top-first array htmlparser2 expects', () => {
    const op = fc.oneof(
      fc.constantFrom('a', 'b', 'c').map((name) => ({ kind: 'unshift' as const, name })),
      fc.constant({ kind: 'shift' as const, name: '' }),
      fc.constantFrom('a', 'b', 'c', 'd').map((name) => ({ kind: 'indexOf' as const, name })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const model: string[] = [];
        const stack = new TopFirstStack<string>();
        for (const { kind, name } of ops) {
          if (kind === 'unshift') expect(stack.unshift(name)).toBe(model.unshift(name));
          else if (kind === 'shift') expect(stack.shift()).toBe(model.shift());
          else expect(stack.indexOf(name)).toBe(model.indexOf(name));
          expect(stack.length).toBe(model.length);
          expect(stack[0]).toBe(model[0]);
        }
        expect(stack.toArray()).toEqual(model);
        stack.length = 0;
        expect(stack.length).toBe(0);
      }),
    );
  });
});
