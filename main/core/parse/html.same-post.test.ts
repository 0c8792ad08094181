import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHtmlPage } from './html';
import { parseTextPage } from './text-page';
import type { Comment } from './types';

/** A line of prose: words of letters, a capital first, a full stop last (no grammar markers). */
const line = fc
  .array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 9 })
  .map((words) => `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
/** A paragraph: one to three lines. */
const paragraph = fc.array(line, { minLength: 1, maxLength: 3 });
/** A comment: one or two paragraphs. */
const commentText = fc.array(paragraph, { minLength: 1, maxLength: 2 });
const comment = fc.record({ text: commentText, replies: fc.array(commentText, { maxLength: 3 }) });
const post = fc.record({
  title: line.map((l) => l.slice(0, -1)),
  body: fc.array(paragraph, { minLength: 1, maxLength: 5 }),
  comments: fc.array(comment, { maxLength: 4 }),
  /** How the body's paragraphs are marked up: <br><br>, <p>, or a <div> per line. */
  style: fc.constantFrom('br', 'p', 'div'),
});
type Generated = typeof post extends fc.Arbitrary<infer T> ? T : never;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const total = (p: Generated) => p.comments.reduce((n, c) => n + 1 + c.replies.length, 0);

function asText(p: Generated): string {
  const out = ['Monday 20 May 2019', '', p.title, ''];
  for (const para of p.body) out.push(...para, '');
  out.push(`${total(p)} comments:`, '');
  const body = (paras: string[][], indent: string) =>
    paras.flatMap((para, k) => [...(k ? [''] : []), ...para.map((l) => indent + l)]);
  p.comments.forEach((c, i) => {
    const [first, ...rest] = body(c.text, '    ');
    out.push(`  ${i + 1}. ${first!.trimStart()}`, ...rest, '', '    ReplyDelete');
    if (c.replies.length) {
      out.push('    Replies');
      c.replies.forEach((r, j) => {
        const [rFirst, ...rRest] = body(r, '      ');
        out.push(`    ${j + 1}. ${rFirst!.trimStart()}`, ...rRest, '', '      Delete');
      });
    }
  });
  return out.join('\n') + '\n';
}

function asHtml(p: Generated): string {
  const markBody = (paras: string[][]) => {
    if (p.style === 'p') return paras.map((para) => `<p>${para.map(escape).join('<br />\n')}</p>`).join('\n');
    if (p.style === 'div')
      return paras.map((para) => para.map((l) => `<div>${escape(l)}</div>`).join('\n')).join('\n<div><br /></div>\n');
    return paras.map((para) => para.map(escape).join('<br />\n')).join('<br />\n<br />\n');
  };
  const markComment = (paras: string[][]) => paras.map((para) => para.map(escape).join('<br />')).join('<br /><br />');
  const item = (paras: string[][], replies: string[][][]): string =>
    `<li class="comment"><div class="comment-block"><div class="comment-header"><cite class="user">Anonymous</cite></div>` +
    `<p class="comment-content">${markComment(paras)}</p><span class="comment-actions secondary-text"><a>Reply</a><a>Delete</a></span></div>` +
    `<div class="comment-replies">${replies.length ? `<div class="comment-thread inline-thread"><span class="thread-toggle">Replies</span><ol>${replies.map((r) => item(r, [])).join('\n')}</ol></div>` : ''}</div></li>`;
  return [
    '<!DOCTYPE html><html><head><title>x</title><script>var x = "<div class=post>";</script></head><body>',
    '<div class="widget Blog" id="Blog1"><div class="date-outer"><h2 class="date-header"><span>Monday 20 May 2019</span></h2>',
    `<div class="post-outer"><div class="post hentry"><h3 class="post-title entry-title">\n${escape(p.title)}\n</h3>`,
    `<div class="post-body entry-content">\n${markBody(p.body)}\n<div style="clear: both;"></div></div>`,
    `<div class="post-footer"><span class="post-author vcard">Posted by <span class="fn">Kim</span></span></div></div>`,
    `<div class="comments" id="comments"><h4>${total(p)} comments:</h4><div class="comments-content"><div class="comment-thread toplevel-thread"><ol>`,
    p.comments.map((c) => item(c.text, c.replies)).join('\n'),
    '</ol></div></div></div></div></div></div></body></html>',
  ].join('\n');
}

const shape = (comments: Comment[]): unknown =>
  comments.map((c) => ({ id: c.id, text: c.text, replies: shape(c.replies) }));

describe('the same post as an HTML page and as a text copy', () => {
  it('reads to the same id, paragraphs and comment ids and texts, whatever the markup style', () => {
    fc.assert(
      fc.property(post, (p) => {
        const text = parseTextPage(asText(p), 'post.txt');
        const html = parseHtmlPage(asHtml(p), 'post.html');
        expect(html.problems).toEqual([]);
        const [fromText] = text.posts;
        const [fromHtml] = html.posts;
        expect(fromHtml!.id).toBe(fromText!.id);
        expect(fromHtml!.body.map((b) => b.text)).toEqual(fromText!.body.map((b) => b.text));
        expect(shape(fromHtml!.comments)).toEqual(shape(fromText!.comments));
        expect(fromHtml!.declaredCommentCount).toBe(fromText!.declaredCommentCount);
      }),
      { numRuns: 150 },
    );
  });
});
