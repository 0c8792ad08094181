import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_POST_MESSAGE, parseHtmlPage } from './html';
import { parsePage, sniff } from './page';
import { parseTextPage } from './text-page';
import type { Comment, PageResult, Post } from './types';

const FIXTURES = join(import.meta.dirname, 'fixtures/html');
const bytes = (name: string) => readFileSync(join(FIXTURES, name));
const read = (name: string): PageResult => parseHtmlPage(bytes(name), name);
const only = (result: PageResult): Post => {
  expect(result.posts).toHaveLength(1);
  return result.posts[0]!;
};
/** The comment tree as ids, authors and texts: what must agree between two readings. */
const tree = (comments: Comment[]): unknown =>
  comments.map((c) => ({ id: c.id, text: c.text, replies: tree(c.replies) }));
const errors = (result: PageResult) => result.problems.filter((p) => p.severity === 'error');

describe('a threaded Layouts page (threaded.html)', () => {
  const result = read('threaded.html');
  const post = only(result);

  it('reads date, title, author, time, labels and the blog name, with no problems', () => {
    expect(result.format).toBe('html');
    expect(result.problems).toEqual([]);
    expect(result.header).toBe('Probation Notebook');
    expect(post).toMatchObject({
      id: '2023-03-14-caseloads-and-the-summer-review',
      date: '2023-03-14',
      dateText: 'Tuesday, 14 March 2023',
      title: 'Caseloads And The Summer Review',
      author: 'Ruth Pennington',
      time: '2023-03-14T07:30:00Z',
      labels: ['caseloads', 'inspection'],
      format: 'html',
      part: 0,
      draft: false,
      declaredCommentCount: 6,
      foundCommentCount: 6,
    });
  });

  it('splits the body on <br><br>, divs and paragraphs, a single <br> ending a line', () => {
    expect(post.body.map((b) => b.text)).toEqual([
      "A reader in the North West writes about the caseload figures that were finally shared at last week's team meeting:-",
      '"We were told the average is 62 cases per officer. Nobody in the room recognised that number, and the senior said as much."',
      'The full picture is in this inspectorate report, which is worth reading to the end.\nPage 14 has the table everyone is talking about.',
      'The regional office says the summer review will\u00a0reset the figures.',
      'We shall see.',
      'Comments are open as usual — be kind to each other.',
    ]);
  });

  it('gives each paragraph the source lines it came from', () => {
    expect(post.body.map((b) => [b.line, b.endLine])).toEqual([
      [37, 37],
      [39, 40],
      [42, 44],
      [46, 46],
      [48, 48],
      [50, 50], // on source line 49, right after the last: numbered on so a blank line parts them
    ]);
    expect(post.line).toBe(25); // the date heading
  });

  it('numbers paragraphs packed on one source line as a text copy would be numbered', () => {
    const packed = parseHtmlPage(
      '<html><body><h2 class="date-header">Monday, 20 May 2019</h2><div class="post"><h3 class="post-title">Packed</h3><div class="post-body"><p>One.</p><p>Two,<br>and three.</p><p>Four.</p></div></div></body></html>',
      'packed.html',
    ).posts[0]!;
    expect(packed.body.map((b) => [b.text, b.line, b.endLine])).toEqual([
      ['One.', 1, 1],
      ['Two,\nand three.', 3, 4],
      ['Four.', 6, 6],
    ]);
  });

  it('keeps link targets beside the text, which stays as shown', () => {
    expect(post.body[2]!.links).toEqual([
      {
        text: 'this inspectorate report',
        href: 'https://www.justiceinspectorates.gov.uk/hmiprobation/inspections/caseload-review-2023/',
        line: 42,
      },
    ]);
    expect(post.body[0]!.links).toBeUndefined();
    expect(post.comments[1]!.links).toEqual([
      { text: "the union's workload page", href: 'http://www.napo.org.uk/workloads', line: 103 },
    ]);
  });

  it('threads the comments one level deep, a reply to a reply under its top-level comment', () => {
    expect(post.comments.map((c) => [c.id, c.author, c.replies.map((r) => [r.id, r.author])])).toEqual([
      [
        '1',
        'Anonymous',
        [
          ['1.1', 'Dee Marsh'],
          ['1.2', 'Anonymous'],
        ],
      ],
      ['2', 'Tom Ashby', []],
      ['3', 'Anonymous', [['3.1', 'Ruth Pennington']]],
    ]);
    expect(post.comments[0]!.text).toBe(
      'Sixty-two? Mine is eighty and two of those are high risk transfers nobody has read yet.\n\nI stopped counting in January.',
    );
    expect(post.comments[2]!.text).toBe('Reset the figures, or reset the work?\nThose are different things.');
  });

  it('times comments from their permalinks, in UTC', () => {
    expect(post.comments[0]!.time).toBe('2023-03-14T09:30:00.000Z');
    expect(post.comments[2]!.replies[0]!.time).toBe('2023-03-15T09:00:00.000Z');
    expect(post.comments[0]!).toMatchObject({ line: 85, textLine: 87, writtenNumber: null });
  });

  it('leaves out scripts, styles, the comment form and the sidebar (a Popular Posts teaser is not a post)', () => {
    const all = JSON.stringify(result);
    for (const text of [
      'not a post',
      'Popular Older Post',
      'Teaser text',
      'Total Pageviews',
      'Post a Comment',
      'Email This',
      'Reply',
    ])
      expect(all).not.toContain(text);
  });
});

describe('the same post as an HTML page and as a text copy', () => {
  const html = only(read('threaded.html'));
  const text = parseTextPage(bytes('threaded.txt'), 'threaded.txt');
  const copy = text.posts[0]!;

  it('gets the same id, date, title and paragraphs', () => {
    expect(text.problems).toEqual([]);
    expect(html.id).toBe(copy.id);
    expect(html.date).toBe(copy.date);
    expect(html.dateText).toBe(copy.dateText);
    expect(html.title).toBe(copy.title);
    expect(html.body.map((b) => b.text)).toEqual(copy.body.map((b) => b.text));
  });

  it('gets the same comment ids and texts, and the same count', () => {
    expect(tree(html.comments)).toEqual(tree(copy.comments));
    expect(html.foundCommentCount).toBe(copy.foundCommentCount);
    expect(html.declaredCommentCount).toBe(copy.declaredCommentCount);
  });
});

describe('a classic-template page in Windows-1252 (classic.html)', () => {
  const result = read('classic.html');
  const post = only(result);

  it('decodes the declared Windows-1252 (curly quotes, £) with no warning', () => {
    expect(result.problems).toEqual([]);
    expect(post.body[1]!.text).toContain('– and which costs the area £180 a licence.');
    expect(post.comments[0]!.text).toContain('doesn’t fit on A3');
  });

  it('reads the post, the author and time from "posted by … at …", and the date heading', () => {
    expect(post).toMatchObject({
      id: '2010-09-16-whose-risk-is-it-anyway',
      dateText: 'Thursday, September 16, 2010',
      author: 'Colin Hartley',
      time: '2010-09-16T19:12',
      declaredCommentCount: 3,
    });
    expect(post.body.map((b) => b.text)).toEqual([
      'The new assessment tool arrived on Monday with a twelve-page guide and a half-day course in a room with no windows.',
      'Nobody objects to assessing risk. What we object to is a form that takes longer to fill in than the interview it records – and which costs the area £180 a licence.',
      'Thoughts welcome, as always.\nNames changed, as always.',
    ]);
  });

  it('reads "Name said..." comments with their authors and local times', () => {
    expect(post.comments.map((c) => [c.id, c.author, c.time])).toEqual([
      ['1', 'Jean Okafor', '2010-09-16T20:01'],
      ['2', 'Anonymous', '2010-09-17T09:15'],
      ['3', 'old hand', '2010-09-17T11:40'],
    ]);
    expect(post.comments[1]!.text).toBe(
      'The course was the best part. There were biscuits.\n\nEverything after the biscuits was downhill.',
    );
    expect(post.comments[2]!.links?.[0]?.href).toBe('http://www.probationmatters.example.org/risk-tools-history');
  });
});

describe('a Contempo page (contempo.html)', () => {
  const result = read('contempo.html');
  const post = only(result);

  it('dates the post from its <time datetime>, zone kept, with no date heading', () => {
    expect(result.problems).toEqual([]);
    expect(post).toMatchObject({
      id: '2024-02-09-hybrid-working-one-year-on',
      date: '2024-02-09',
      dateText: 'February 09, 2024',
      time: '2024-02-09T18:45:00+00:00',
      author: 'Priya Nandra',
      labels: ['hybrid working', 'team'],
      declaredCommentCount: null, // the heading says only "Comments"
    });
    expect(result.header).toBe('The Duty Desk');
  });

  it('keeps headings and list items as their own paragraphs and lines, and leaves out the Featured Post', () => {
    expect(post.body.map((b) => b.text)).toEqual([
      'A year ago the office went to three days in, two days home. This is how it has gone for the team on the duty desk.',
      'What worked',
      'Report writing at home is quicker. Nobody misses the printer queue.',
      'What did not',
      'Handovers by video lose the detail.\nNew starters learn less when the desk is half empty.',
      'More on the national picture at GOV.UK.',
    ]);
    expect(JSON.stringify(result)).not.toContain('Featured');
  });

  it('threads the comments, a removed comment kept as its notice', () => {
    expect(post.comments.map((c) => [c.id, c.author, c.text, c.replies.map((r) => r.id)])).toEqual([
      ['1', 'Sam Whitlock', 'The handover point is spot on. We now do them in person on Tuesdays.', ['1.1']],
      ['2', 'Anonymous', 'This comment has been removed by the author.', []],
    ]);
    expect(post.comments[0]!.replies[0]!.author).toBe('Priya Nandra');
  });
});

describe('an archive page with three posts (archive.html)', () => {
  const result = read('archive.html');

  it('reads three posts in page order, numbered by part', () => {
    expect(result.posts.map((p) => [p.part, p.id, p.date])).toEqual([
      [0, '2013-03-04-the-share-sale', '2013-03-04'],
      [1, '2013-03-04-evening-update', '2013-03-04'],
      [2, expect.stringMatching(/^2013-03-01-untitled-[0-9a-f]{8}$/), '2013-03-01'],
    ]);
  });

  it('shares one date heading between two posts: the first starts at the heading, the second at itself', () => {
    const [first, second] = result.posts;
    expect(first!.line).toBe(17);
    expect(first!.dateText).toBe('Monday, 4 March 2013');
    expect(second!.dateText).toBe('Monday, 4 March 2013');
    expect(second!.line).toBe(41);
  });

  it('leaves out "Read more" links and comment-count links; an untitled post has a lead and a warning', () => {
    const [first, , third] = result.posts;
    expect(first!.body.map((b) => b.text)).toEqual([
      'Word reaches us that staff in two trusts have been offered a briefing on the future of the service.',
      'It lasts forty minutes. Questions are to be submitted in advance.',
    ]);
    expect(first!.declaredCommentCount).toBeNull();
    expect(third!.title).toBe('');
    expect(third!.lead).toMatch(/^Just a note to say thank you/);
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 60, severity: 'warning', message: expect.stringContaining('no title') }),
    ]);
  });
});

describe('"Web page, complete" and "HTML only" saves of one page', () => {
  const complete = read('complete.html');
  const htmlOnly = read('html-only.html');

  it('give the same post, comments, authors and times', () => {
    const strip = (post: Post) => ({
      ...post,
      file: '',
      line: 0,
      body: post.body.map((b) => b.text),
      comments: post.comments.map((c) => [c.id, c.author, c.time, c.text]),
    });
    expect(complete.problems).toEqual([]);
    expect(strip(only(complete))).toEqual(strip(only(htmlOnly)));
    expect(only(complete).comments.map((c) => [c.author, c.time])).toEqual([
      ['Anonymous', '2014-05-07T12:40:00.000Z'],
      ['M. Kaye', '2014-05-07T13:40:00.000Z'],
    ]);
    expect(only(complete).time).toBe('2014-05-07T12:30:00+01:00');
  });

  it('are told from text by their first bytes, a "saved from" comment included', () => {
    expect(sniff(bytes('complete.html'))).toBe('html');
    expect(parsePage(bytes('complete.html'), 'complete.html').format).toBe('html');
  });
});

describe('odd and hostile pages', () => {
  const page = (html: string) => parseHtmlPage(Buffer.from(html, 'utf8'), 'odd.html');
  const post = (title: string, body: string) =>
    `<h2 class="date-header">Monday, 20 May 2019</h2><div class="post"><h3 class="post-title">${title}</h3><div class="post-body">${body}</div></div>`;

  it('reports a page with no Blogger post as an error that says what to do', () => {
    const result = page('<!DOCTYPE html><html><body><h1>Some other site</h1><p>Hello.</p></body></html>');
    expect(result.posts).toEqual([]);
    expect(errors(result)).toEqual([{ file: 'odd.html', line: null, severity: 'error', message: NO_POST_MESSAGE }]);
  });

  it('reports empty and binary files as errors', () => {
    expect(errors(parseHtmlPage(new Uint8Array(), 'e.html'))).toHaveLength(1);
    const binary = new Uint8Array(4096).map((_, i) => (i % 8 === 0 ? 0 : (i * 7919) % 256));
    expect(errors(parseHtmlPage(binary, 'b.html'))[0]!.message).toMatch(/binary data/);
  });

  it('reads a page cut short, with a warning at its last line', () => {
    const whole = `<html><body>${post('Cut Short', 'First paragraph.<br><br>Second paragraph, cut')}</body></html>`;
    const result = page(whole.slice(0, whole.indexOf(', cut')));
    expect(result.posts[0]!.body.map((b) => b.text)).toEqual(['First paragraph.', 'Second paragraph']);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'warning', line: 1, message: expect.stringContaining('closing </html>') }),
    ]);
  });

  it('reads invalid UTF-8 as Windows-1252 with a located warning', () => {
    const head = Buffer.from(`<html><body>\n${post('Pounds', 'It cost ')}`.replace('</div></div>', ''), 'utf8');
    const bad = Buffer.concat([head, Buffer.from([0xa3, 0x35, 0x30]), Buffer.from('.</div></div></body></html>')]);
    const result = parseHtmlPage(bad, 'bad.html');
    expect(result.posts[0]!.body[0]!.text).toBe('It cost £50.');
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'warning', line: 2, message: expect.stringContaining('Windows-1252') }),
    ]);
  });

  it('walks 100,000 nested divs without overflowing the stack', () => {
    const depth = 100_000;
    const nested = '<div>'.repeat(depth) + 'Deep text.' + '</div>'.repeat(depth);
    const result = page(`<html><body>${post('Deep', nested)}${'<div class="x">'.repeat(depth)}</body></html>`);
    expect(result.posts[0]!.body.map((b) => b.text)).toEqual(['Deep text.']);
  });

  it('reads deeply nested replies into one level and unclosed nesting without a crash', () => {
    const replies =
      '<li class="comment"><div class="comment-block"><p class="comment-content">r</p></div><div class="comment-replies"><ol>'.repeat(
        20_000,
      );
    const result = page(`<html><body>${post('Replies', 'Body.')}<div id="comments"><ol>${replies}</body></html>`);
    const top = result.posts[0]!.comments;
    expect(top).toHaveLength(1);
    expect(top[0]!.replies).toHaveLength(19_999);
    expect(top[0]!.replies[19_998]!.id).toBe('1.19999');
  });

  it('reads a 10 MB page on one line', () => {
    const words = 'word '.repeat(2_000_000);
    const result = page(`<html><body>${post('Long', words)}</body></html>`);
    expect(result.posts[0]!.body[0]!.text.length).toBe(words.length - 1);
    expect(result.posts[0]!.body[0]!.line).toBe(1);
  });

  it('runs nothing and fetches nothing: scripts and event handlers stay inert text of the file', () => {
    const calls: unknown[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = ((...args: unknown[]) => {
      calls.push(args);
      return Promise.reject(new Error('no network'));
    }) as typeof fetch;
    try {
      const marker = '__threadlineHtmlRan';
      const result = page(
        `<html><head><link rel="stylesheet" href="https://example.invalid/s.css"><script>globalThis.${marker} = 1; fetch('https://example.invalid/');</script></head><body>` +
          post(
            'Inert',
            `<img src="https://example.invalid/i.png" onerror="globalThis.${marker} = 2">Text.<iframe src="https://example.invalid/"></iframe>`,
          ) +
          `<script src="./Page_files/x.js"></script></body></html>`,
      );
      expect(result.posts[0]!.body.map((b) => b.text)).toEqual(['Text.']);
      expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
      expect(calls).toEqual([]);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('imports no I/O: the HTML reader modules use only the parser and pure code', () => {
    const sources = [
      'html.ts',
      'html/blogger.ts',
      'html/comments.ts',
      'html/decode-html.ts',
      'html/dom.ts',
      'html/rich-text.ts',
      'html/times.ts',
    ];
    for (const source of sources) {
      const text = readFileSync(join(import.meta.dirname, source), 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const name of imports)
        expect(name, `${source} imports ${name}`).toMatch(/^(?:\.{1,2}\/|htmlparser2$|domhandler$)/);
    }
  });
});

describe('XHTML declarations and unloaded comments', () => {
  it('reads the encoding an <?xml …?> declaration gives, and sniffs such a page as HTML', () => {
    const head = Buffer.from(
      '<?xml version="1.0" encoding="windows-1252"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n' +
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><h2 class="date-header">Monday, 20 May 2019</h2><div class="post"><h3 class="post-title">Quotes</h3><div class="post-body">',
      'latin1',
    );
    const bytes = Buffer.concat([
      head,
      Buffer.from([0x93, 0x4f, 0x4b, 0x94]),
      Buffer.from('</div></div></body></html>'),
    ]);
    expect(sniff(bytes)).toBe('html');
    const result = parsePage(bytes, 'x.html');
    expect(result.problems).toEqual([]);
    expect(result.posts[0]!.body[0]!.text).toBe('“OK”');
  });

  it('warns, at its line, when Blogger had not loaded every comment', () => {
    const result = parseHtmlPage(
      '<html><body><h2 class="date-header">Monday, 20 May 2019</h2><div class="post-outer"><div class="post"><h3 class="post-title">Busy</h3><div class="post-body">Text.</div></div>\n' +
        '<div class="comments" id="comments"><h4>250 comments:</h4><div class="comments-content"><div class="comment-thread toplevel-thread"><ol><li class="comment"><div class="comment-block"><p class="comment-content">One.</p></div></li></ol>\n' +
        '<div class="loadmore" data-post-id="1"><a>Load more...</a></div></div></div></div></body></html>',
      'busy.html',
    );
    expect(result.problems.map((p) => [p.line, p.message.slice(0, 40)])).toEqual([
      [2, 'The post declares 250 comments but 1 was'],
      [3, 'Blogger had not loaded every comment whe'],
    ]);
  });
});
