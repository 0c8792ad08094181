import { describe, expect, it } from 'vitest';
import type { Article } from '../articles/types';
import type { Annotation } from '../annotations/types';
import type { Comment, Post } from '../parse/types';
import { buildLink } from '../shared/links';
import { threadDoc, type ThreadInput } from './thread';
import { escapeHtml, threadHtml } from './thread-html';
import { escapeMarkdown, threadMarkdown } from './thread-markdown';

const comment = (id: string, text: string, replies: Comment[] = [], author: string | null = null): Comment => ({
  id,
  writtenNumber: null,
  author,
  text,
  line: 10,
  textLine: 10,
  endLine: 12,
  time: null,
  replies,
});

const post: Post = {
  id: '2021-03-02-ferry-timetable-changes',
  date: '2021-03-02',
  dateText: 'Tuesday 2 March 2021',
  title: 'Ferry timetable <changes> & fares',
  lead: 'The winter timetable starts next week.',
  body: [
    { text: 'The winter timetable starts next week.', line: 3, endLine: 3 },
    { text: 'The harbour board wrote:-', line: 5, endLine: 5 },
    { text: 'Sailings at 07:10 will move to 07:40.\nThe late boat is withdrawn.', line: 7, endLine: 8 },
    { text: 'Fares rise by 4% from April.', line: 10, endLine: 10 },
  ],
  declaredCommentCount: 3,
  comments: [
    comment('1', 'Another cut to the late boat.\n\nWho decided this? <script>alert(1)</script>', [
      comment('1.1', 'The board, at the January meeting.', [], 'Harbour watcher'),
    ]),
    comment('2', 'Four per cent is *more* than inflation.'),
  ],
  foundCommentCount: 3,
  file: '001_timetable.txt',
  line: 1,
  author: null,
  time: null,
  format: 'text',
  part: 0,
  labels: [],
  draft: false,
};

const article: Article = {
  id: `${post.id}#a1`,
  kind: 'article',
  source: { name: 'Island Harbour Board', kind: 'organisation', site: 'harbour.example.org' },
  title: 'Winter sailings',
  url: 'https://harbour.example.org/winter',
  intro: { text: 'The harbour board wrote:-', line: 5 },
  location: { part: 'body', line: 7, endLine: 10 },
  spans: [{ part: 'body', line: 7, endLine: 10 }],
  text: '',
  confidence: 0.9,
  evidence: [],
};

const highlight = (id: string, part: string, start: number, end: number, note: string, exact: string): Annotation => ({
  id,
  library: '/home/reader/Island',
  postId: post.id,
  postTitle: post.title,
  postDate: post.date,
  part,
  kind: 'highlight',
  quote: { exact, prefix: '', suffix: '' },
  position: { start, end },
  colour: 'green',
  note,
  tags: [],
  created: '2026-12-01T10:00:00.000Z',
  updated: '2026-12-01T10:00:00.000Z',
  deleted: null,
  anchor: { state: 'exact', part, start, end },
});

const A1 = '0f8fad5b-d9cb-469f-a165-70867728950e';
const A2 = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const A3 = '16fd2706-8baf-433b-82eb-8c7fada847da';
// "The late boat is withdrawn." in the body's third paragraph; "Four per cent" in comment 2.
const bodyText = post.body.map((b) => b.text).join('\n\n');
const lateBoat = bodyText.indexOf('The late boat');
const annotations: Annotation[] = [
  highlight(A1, 'body', lateBoat, lateBoat + 'The late boat is withdrawn.'.length, 'Check the <old> timetable', 'x'),
  highlight(A2, 'comment:2', 0, 'Four per cent'.length, '', 'Four per cent'),
  {
    ...highlight(A3, 'comment:9', 0, 4, 'Lost note', 'gone'),
    anchor: { state: 'orphan', part: null, start: null, end: null },
  },
];

const input = (over: Partial<ThreadInput> = {}): ThreadInput => ({
  post,
  articles: [article],
  annotations: [],
  collapsed: null,
  linkTo: (place) => buildLink({ library: 'seeds', postId: post.id, ...place }),
  ...over,
});

describe('the thread as Markdown', () => {
  it('keeps comment numbers, nests replies a heading deeper and marks the quoted article with its source', () => {
    const md = threadMarkdown(threadDoc(input()));
    expect(md).toMatch(/^# Ferry timetable \\<changes\\> \\& fares\n/);
    expect(md).toContain('## 3 comments');
    expect(md).toContain('### Comment 1\n');
    expect(md).toContain('#### Reply 1.1 — Harbour watcher');
    expect(md).toContain('### Comment 2\n');
    expect(md.indexOf('Reply 1.1')).toBeLessThan(md.indexOf('Comment 2'));
    expect(md).toContain(
      '> **Quoted article 1 — from Island Harbour Board: “Winter sailings”** <https://harbour.example.org/winter>',
    );
    expect(md).toContain('> Sailings at 07:10 will move to 07:40.\n> The late boat is withdrawn.\n>\n> Fares rise');
    expect(md).toContain('\nThe winter timetable starts next week.\n');
    expect(md).toContain(`[Open in Threadline](threadline://seeds/${post.id}#c1.1)`);
  });

  it('escapes what Markdown would read as markup', () => {
    const md = threadMarkdown(threadDoc(input()));
    expect(md).toContain('Four per cent is \\*more\\* than inflation.');
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(escapeMarkdown('# not a heading\n1. not a list\n- nor this')).toBe(
      '\\# not a heading\n1\\. not a list\n\\- nor this',
    );
  });

  it('marks highlights and gives notes as footnotes linking back to each annotation', () => {
    const md = threadMarkdown(threadDoc(input({ annotations })));
    expect(md).toContain('> <mark>The late boat is withdrawn.</mark>[^1]');
    expect(md).toContain(`[^1]: Check the \\<old\\> timetable ([open](threadline://seeds/${post.id}#a${A1}))`);
    expect(md).toContain('<mark>Four per cent</mark> is');
    expect(md).toContain('## Notes not placed in the text');
    expect(md).toContain('comment 9: “gone” — Lost note');
  });

  it('without annotations has no marks and no notes', () => {
    const md = threadMarkdown(threadDoc(input()));
    expect(md).not.toContain('<mark>');
    expect(md).not.toContain('[^');
  });

  it('leaves out the replies of collapsed comments, saying so', () => {
    const md = threadMarkdown(threadDoc(input({ collapsed: new Set(['1']) })));
    expect(md).not.toContain('Reply 1.1');
    expect(md).toContain('*1 reply not included (collapsed).*');
    expect(md).toContain('### Comment 2');
  });
});

describe('the thread as one self-contained HTML file', () => {
  const html = threadHtml(threadDoc(input({ annotations })));

  it('has no scripts and fetches nothing: its policy forbids both and every text is escaped', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<(link|img|iframe|object)\b/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain('<title>Ferry timetable &lt;changes&gt; &amp; fares</title>');
  });

  it('keeps numbers and nesting, and marks the quoted article as a quote with its source', () => {
    expect(html).toMatch(
      /<section class="comment" id="c1" aria-label="Comment 1">[\s\S]*<div class="replies"[\s\S]*id="c1.1"/,
    );
    expect(html).toContain(`<a class="number" href="threadline://seeds/${post.id}#c2">2</a>`);
    expect(html).toMatch(
      /<blockquote class="quoted" cite="https:\/\/harbour.example.org\/winter">\n<p class="caption">Quoted article 1 — from Island Harbour Board: “Winter sailings”/,
    );
    expect(html).toContain('@media print');
  });

  it('marks highlights and lists notes, linked both ways', () => {
    expect(html).toContain(
      '<mark class="green">The late boat is withdrawn.</mark><sup class="note"><a href="#note-1" id="ref-1"',
    );
    expect(html).toContain('<li id="note-1"><p class="quote">“x”</p><p>Check the &lt;old&gt; timetable');
    expect(html).toContain('<mark class="green">Four per cent</mark> is *more*');
  });

  it('makes links only of web and threadline addresses', () => {
    const odd = threadHtml(
      threadDoc(input({ articles: [{ ...article, url: 'javascript:alert(1)' }], linkTo: undefined })),
    );
    expect(odd).not.toContain('href="javascript');
    expect(odd).toContain('javascript:alert(1)');
    expect(odd).not.toContain('threadline://');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });
});
