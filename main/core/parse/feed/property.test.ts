import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFeed } from '../feed';
import type { Comment, PageResult } from '../types';

const FILE = 'fuzz.xml';
const EXPORT = readFileSync(join(import.meta.dirname, '../fixtures/feeds/export.xml'));
const encoder = new TextEncoder();
const flatten = (comments: Comment[]): Comment[] => comments.flatMap((c) => [c, ...flatten(c.replies)]);

/** What must hold for any input: posts or an error (never both), sane locations, well-formed threads. */
function check(result: PageResult, lineCount: number): void {
  const hasError = result.problems.some((p) => p.severity === 'error');
  expect(result.posts.length === 0).toBe(hasError);
  for (const problem of result.problems) {
    expect(problem.file).toBe(FILE);
    expect(problem.message.length).toBeGreaterThan(0);
    if (problem.line !== null) {
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.line).toBeLessThanOrEqual(lineCount);
    }
  }
  result.posts.forEach((post, part) => {
    expect(post.part).toBe(part);
    expect(post.id.length).toBeGreaterThan(0);
    expect(post.foundCommentCount).toBe(flatten(post.comments).length);
    post.comments.forEach((top, i) => {
      expect(top.id).toBe(String(i + 1));
      top.replies.forEach((reply, j) => {
        expect(reply.id).toBe(`${i + 1}.${j + 1}`);
        expect(reply.replies).toEqual([]);
      });
    });
    for (const block of post.body) expect(block.text.trim()).not.toBe('');
  });
}

/** Lines as XML counts them: CRLF, LF and a lone CR each end one. */
const lines = (bytes: Uint8Array) =>
  bytes.reduce((count, byte, at) => count + (byte === 10 ? (bytes[at - 1] === 13 ? 0 : 1) : byte === 13 ? 1 : 0), 1);

/** Pieces of a Blogger feed, broken and whole, for random documents. */
const piece = fc.oneof(
  fc.constantFrom(
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:thr='http://purl.org/syndication/thread/1.0'>",
    '</feed>',
    '<entry>',
    '</entry>',
    '<id>tag:blogger.com,1999:blog-1.post-1234567</id>',
    '<id>tag:blogger.com,1999:blog-1.post-7654321</id>',
    '<published>2014-05-07T09:12:00.000+01:00</published>',
    '<published>not a date</published>',
    "<title type='text'>A title</title>",
    '<title></title>',
    "<content type='html'>one&lt;br /&gt;&lt;br /&gt;two</content>",
    "<content type='xhtml'><div><p>x</p><br/></div></content>",
    "<content type='html'>&lt;p&gt;unclosed",
    '<content>',
    '</content>',
    "<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#comment'/>",
    "<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#settings'/>",
    "<category scheme='http://www.blogger.com/atom/ns#' term='label'/>",
    "<thr:in-reply-to ref='tag:blogger.com,1999:blog-1.post-1234567'/>",
    "<link rel='related' href='https://www.blogger.com/feeds/1/1234567/comments/default/7654321'/>",
    '<author><name>Anonymous</name><email>noreply@blogger.com</email></author>',
    '<app:control><app:draft>yes</app:draft></app:control>',
    '<blogger:type>COMMENT</blogger:type>',
    '<blogger:parent>tag:blogger.com,1999:blog-1.post-7654321</blogger:parent>',
    '<!DOCTYPE feed [<!ENTITY a "&b;&b;"><!ENTITY b "x">]>',
    '<!DOCTYPE feed>',
    '<![CDATA[<p>cdata</p>]]>',
    '<!-- comment -->',
    '&amp;',
    '&nbsp;',
    '&#0;',
    '<',
    '>',
    '\n',
    '\r\n',
  ),
  fc.string({ maxLength: 12 }),
);
const document = fc.array(piece, { maxLength: 80 }).map((pieces) => pieces.join(''));

describe('the feed reader on random input', () => {
  it('never throws on random feed-like XML, and gives posts or an error', () => {
    fc.assert(
      fc.property(document, fc.integer({ min: 1, max: 64 }), (text, chunk) => {
        const input = encoder.encode(text);
        check(readFeed(input, FILE, chunk).result, lines(input));
      }),
      { numRuns: 600 },
    );
  });

  it('reads a random document the same whatever the chunk size', () => {
    fc.assert(
      fc.property(document, fc.integer({ min: 1, max: 40 }), (text, chunk) => {
        const input = encoder.encode(text);
        expect(readFeed(input, FILE, chunk).result).toEqual(readFeed(input, FILE, 1 << 20).result);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on random bytes after an XML declaration', () => {
    const head = encoder.encode("<?xml version='1.0'?><feed>");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (tail) => {
        const input = new Uint8Array(head.length + tail.length);
        input.set(head);
        input.set(tail, head.length);
        check(readFeed(input, FILE, 97).result, lines(input));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a cut or damaged export readable: never throws, never more posts than the whole', () => {
    fc.assert(
      fc.property(fc.nat(EXPORT.length), fc.uint8Array({ maxLength: 8 }), fc.boolean(), (at, noise, cut) => {
        const damaged = cut
          ? EXPORT.subarray(0, at)
          : Buffer.concat([EXPORT.subarray(0, at), Buffer.from(noise), EXPORT.subarray(at)]);
        const result = readFeed(damaged, FILE, 4096).result;
        check(result, lines(damaged));
        expect(result.posts.length).toBeLessThanOrEqual(2 + (cut ? 0 : 1));
      }),
      { numRuns: 300 },
    );
  });
});
