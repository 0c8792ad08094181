import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { companionFeedsOf, parseFeed, parseFeedFile, readFeed } from './feed';
import { parsePage, sniff } from './page';
import { parseTextPage } from './text-page';
import type { Comment, PageResult, Post } from './types';

const FIXTURES = join(import.meta.dirname, 'fixtures/feeds');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const bytes = (text: string) => new TextEncoder().encode(text);
const ids = (comments: Comment[]) => comments.map((c) => [c.id, c.replies.map((r) => r.id)]);
const errors = (result: PageResult) => result.problems.filter((p) => p.severity === 'error');

/** The parts of a post that annotations anchor on, and that every form of it must agree on. */
const anchors = (post: Post) => ({
  id: post.id,
  date: post.date,
  title: post.title,
  body: post.body.map((block) => block.text),
  comments: post.comments.map((c) => ({ id: c.id, text: c.text, replies: c.replies.map((r) => [r.id, r.text]) })),
});

describe('a classic Blogger export ("Back up content")', () => {
  const { result, counts } = readFeed(fixture('export.xml'), 'export.xml');
  const [post, draft] = result.posts;

  it('is sniffed as XML and read through parsePage as the same posts', () => {
    expect(sniff(fixture('export.xml'))).toBe('xml');
    expect(parsePage(fixture('export.xml'), 'export.xml')).toEqual(result);
  });

  it('skips the settings, template and page entries, counting them', () => {
    expect(counts).toMatchObject({ post: 2, comment: 6, settings: 2, template: 1, page: 1 });
    expect(result.format).toBe('blogger-export');
    expect(result.header).toBe('Probation Matters');
    expect(result.posts.map((p) => p.title)).toEqual([
      'Branch Calls For A Pause On Contracts',
      "Notes for Friday's meeting",
    ]);
  });

  it('reads the post: date as published, author, time with its zone, labels, part', () => {
    expect(post).toMatchObject({
      id: '2014-05-07-branch-calls-for-a-pause-on-contracts',
      date: '2014-05-07',
      author: 'Probation Matters',
      time: '2014-05-07T09:12:00.000+01:00',
      labels: ['Napo', 'contracts'],
      draft: false,
      part: 0,
      line: 44,
      format: 'blogger-export',
      file: 'export.xml',
    });
    expect(post!.body[0]).toEqual({
      text: expect.stringMatching(/^Members of the East Riverside/),
      line: 52,
      endLine: 52,
    });
  });

  it('marks the draft as a draft', () => {
    expect(draft).toMatchObject({ part: 1, draft: true, date: '2014-05-09', comments: [] });
    expect(draft!.body.map((b) => b.text)).toEqual([
      'Agenda items so far:',
      // Lines in <div>s are lines of one paragraph, as a browser copies them (the saved-page reader's rule).
      '1) caseload weighting\n2) the office move',
    ]);
  });

  it('threads comments in published order, replies (even to replies) under their top-level comment', () => {
    expect(ids(post!.comments)).toEqual([
      ['1', ['1.1', '1.2']],
      ['2', ['2.1']],
    ]);
    expect(post!.foundCommentCount).toBe(5);
    const [first, second] = post!.comments;
    expect(first).toMatchObject({
      author: 'Kestrel PO',
      time: '2014-05-07T10:47:00.000+01:00',
      line: 89,
      textLine: 95,
    });
    expect(first!.text).toBe(
      'Well done East Riverside. Our office was told the handover forms are "optional" until June.\n\nOptional for whom?',
    );
    // 1.2 answers 1.1's parent through a related link written before it in the file.
    expect(first!.replies.map((r) => [r.author, r.time])).toEqual([
      ['Anonymous', '2014-05-07T11:30:00.000+01:00'],
      ['Anonymous', '2014-05-07T21:04:00.000+01:00'],
    ]);
    expect(second!.replies[0]).toMatchObject({ author: 'Probation Matters', writtenNumber: null });
  });

  it('warns, at its line, about a comment whose post is not in the file', () => {
    expect(result.problems).toEqual([
      {
        file: 'export.xml',
        line: 136,
        severity: 'warning',
        message: expect.stringMatching(/^1 comment answers a post that is not in this file/),
      },
    ]);
  });

  it('reads the same export written on one line, as Blogger writes it', () => {
    const oneLine = fixture('export.xml').toString('utf8').replace(/>\n</g, '><');
    const again = parseFeed(bytes(oneLine), 'export.xml');
    expect(again.posts.map(anchors)).toEqual(result.posts.map(anchors));
    expect(again.posts[0]!.body[0]!.line).toBe(1);
  });
});

describe('the same post in every form', () => {
  const text = parseTextPage(fixture('branch-calls-for-pause.txt'), 'branch-calls-for-pause.txt');
  const fromText = text.posts[0]!;

  it('gets the same id, paragraphs and comment ids from the export as from its text copy', () => {
    expect(text.problems).toEqual([]);
    const fromExport = parseFeed(fixture('export.xml'), 'export.xml').posts[0]!;
    expect(anchors(fromExport)).toEqual(anchors(fromText));
  });

  it('gets the same id and paragraphs from the posts feed', () => {
    const fromFeed = parseFeed(fixture('posts-feed.xml'), 'posts-feed.xml').posts.find((p) => p.id === fromText.id)!;
    expect(fromFeed.body.map((b) => b.text)).toEqual(fromText.body.map((b) => b.text));
  });
});

describe('the lines of a feed post', () => {
  it('gives each paragraph of an entry lines of its own, in order', () => {
    for (const post of parseFeed(fixture('export.xml'), 'export.xml').posts) {
      const lines = post.body.map((b) => [b.line, b.endLine] as const);
      for (let k = 1; k < lines.length; k++) expect(lines[k]![0]).toBeGreaterThan(lines[k - 1]![1]);
      for (const block of post.body)
        expect(block.endLine - block.line).toBeGreaterThanOrEqual(block.text.split('\n').length - 1);
    }
  });
});

describe('Blogger posts and comments feeds', () => {
  it('reads a posts feed in file order, each post numbered by its part', () => {
    const result = parseFeed(fixture('posts-feed.xml'), 'posts-feed.xml');
    expect(result.format).toBe('atom');
    expect(result.problems).toEqual([]);
    expect(result.posts.map((p) => [p.part, p.id, p.labels])).toEqual([
      [0, '2014-05-12-caseloads-after-the-split', ['TR']],
      [1, '2014-05-07-branch-calls-for-a-pause-on-contracts', ['Napo', 'contracts']],
      [2, '2014-04-30-ballot-update', ['Napo']],
    ]);
    expect(result.posts[0]!.body.map((b) => b.text)).toEqual([
      'A reader sends in the figures for her team since the split, with names taken out:',
      'NPS: 41 cases each on average\nCRC: 63 cases each on average',
      'If your team keeps its own count, send it in and we will put them side by side.',
    ]);
    expect(result.posts[2]!.body[0]!.text).toContain('ring the office — a duplicate');
  });

  it('gives a comments feed alone one warning that says to put the posts feed beside it', () => {
    const result = parseFeed(fixture('comments-feed.xml'), 'comments-feed.xml');
    expect(result.posts).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: 'comments-feed.xml',
        line: null,
        severity: 'warning',
        message: expect.stringMatching(/holds 3 comments and no posts .*posts feed is in the same folder/),
      },
    ]);
  });

  it('threads the comments of a comments feed saved beside the posts feed, and none twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-feeds-'));
    try {
      for (const name of ['posts-feed.xml', 'comments-feed.xml', 'export.xml'])
        writeFileSync(join(dir, name), fixture(name));
      const companions = companionFeedsOf(join(dir, 'posts-feed.xml'), fixture('posts-feed.xml'));
      expect(companions).toEqual([join(dir, 'comments-feed.xml')]);
      // A comments feed's companions are the feeds beside it, which read its comments: no warning then.
      const beside = companionFeedsOf(join(dir, 'comments-feed.xml'), fixture('comments-feed.xml'));
      expect(beside).toEqual([join(dir, 'export.xml'), join(dir, 'posts-feed.xml')]);
      expect(parseFeed(fixture('comments-feed.xml'), 'comments-feed.xml', beside).problems).toEqual([]);
      const alone = parseFeed(fixture('posts-feed.xml'), 'posts-feed.xml');
      const joined = parseFeedFile(join(dir, 'posts-feed.xml'), 'posts-feed.xml', 4096, companions);
      expect(alone.posts.map((p) => p.foundCommentCount)).toEqual([0, 0, 0]);
      expect(joined.posts.map((p) => p.foundCommentCount)).toEqual([0, 2, 1]);
      const pause = joined.posts[1]!;
      expect(ids(pause.comments)).toEqual([['1', ['1.1']]]);
      expect(pause.comments[0]!.replies[0]!.author).toBe('Probation Matters');
      expect(joined.problems).toEqual([]);
      // The export already holds those comments: the companion's copies are not added again.
      const exported = parseFeed(fixture('export.xml'), 'export.xml');
      const withCompanion = parseFeed(fixture('export.xml'), 'export.xml', companions);
      expect(withCompanion.posts.map((p) => p.foundCommentCount)).toEqual(
        exported.posts.map((p) => p.foundCommentCount),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the newer Blogger export (blogger:type)', () => {
  const { result, counts } = readFeed(fixture('export-2018.xml'), 'export-2018.xml');

  it('reads posts and drafts, and skips pages, trashed posts and spam', () => {
    expect(counts).toMatchObject({ post: 2, comment: 2, page: 1, discarded: 2 });
    expect(result.format).toBe('blogger-export');
    expect(result.posts.map((p) => [p.title, p.draft, p.labels])).toEqual([
      ['Handover Notes Go Digital', false, ['hostel']],
      ['Rota questions', true, []],
    ]);
  });

  it('threads a comment whose parent is a comment under that comment', () => {
    const post = result.posts[0]!;
    expect(ids(post.comments)).toEqual([['1', ['1.1']]]);
    expect(post.comments[0]).toMatchObject({ author: 'Anonymous', time: '2019-03-04T07:12:00Z' });
    expect(post.comments[0]!.replies[0]).toMatchObject({ author: 'Night Worker', text: 'It does, slowly.' });
  });
});

/** A small feed of posts written here, for the cases below. */
function feedOf(entries: string[], head = "<?xml version='1.0' encoding='UTF-8'?>\n"): string {
  return `${head}<feed xmlns='http://www.w3.org/2005/Atom' xmlns:thr='http://purl.org/syndication/thread/1.0'>\n<title>Test Blog</title>\n${entries.join('\n')}\n</feed>\n`;
}
const postEntry = (n: number, title: string, html: string) =>
  `<entry>\n<id>tag:blogger.com,1999:blog-1.post-${1000000 + n}</id>\n<published>2015-02-0${(n % 9) + 1}T10:00:00.000Z</published>\n<title type='text'>${title}</title>\n<content type='html'>${html}</content>\n<author><name>Writer ${n}</name></author>\n</entry>`;
const commentEntry = (n: number, post: number, html: string, repliesTo?: number, time = '2015-03-01T10:00:00Z') =>
  `<entry>\n<id>tag:blogger.com,1999:blog-1.post-${2000000 + n}</id>\n<published>${time}</published>\n<content type='html'>${html}</content>\n${
    repliesTo === undefined
      ? ''
      : `<link rel='related' href='https://www.blogger.com/feeds/1/${1000000 + post}/comments/default/${2000000 + repliesTo}'/>\n`
  }<thr:in-reply-to ref='tag:blogger.com,1999:blog-1.post-${1000000 + post}'/>\n</entry>`;

describe('adversarial feeds', () => {
  it('gives a billion-laughs entity bomb one located error and nothing else', () => {
    const levels = Array.from({ length: 9 }, (_, k) =>
      k === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${k} "${`&lol${k - 1};`.repeat(10)}">`,
    );
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE feed [\n${levels.join('\n')}\n]>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol8;</title><content>&lol8;</content></entry></feed>\n`;
    for (const result of [parseFeed(bytes(bomb), 'bomb.xml'), parsePage(bytes(bomb), 'bomb.xml')]) {
      expect(result.posts).toEqual([]);
      expect(result.problems).toEqual([
        {
          file: 'bomb.xml',
          line: 12,
          severity: 'error',
          message: expect.stringMatching(/declares its own XML entities/),
        },
      ]);
    }
  });

  it('keeps the complete entries before a cut, with a warning where it broke', () => {
    const whole = feedOf([postEntry(1, 'First', 'one'), postEntry(2, 'Second', 'two'), commentEntry(1, 1, 'late')]);
    const cut = whole.slice(0, whole.indexOf('two'));
    const result = parseFeed(bytes(cut), 'cut.xml');
    expect(result.posts.map((p) => p.title)).toEqual(['First']);
    expect(result.problems).toEqual([
      {
        file: 'cut.xml',
        line: 15,
        severity: 'warning',
        message:
          'The feed breaks off at line 15: the file ends inside <content>. The 1 post before it was read; anything after is missing. Save the feed or export again to read it all.',
      },
    ]);
  });

  it('is an error when the cut comes before any complete post', () => {
    const whole = feedOf([postEntry(1, 'First', 'one')]);
    const result = parseFeed(bytes(whole.slice(0, whole.indexOf('one'))), 'cut.xml');
    expect(result.posts).toEqual([]);
    expect(errors(result)).toEqual([
      expect.objectContaining({ line: 8, message: expect.stringMatching(/No complete post came before it/) }),
    ]);
  });

  it('reads bytes that are not UTF-8 as Windows-1252, with a warning at their line', () => {
    const text = feedOf([postEntry(1, 'Fees of \u0000', 'Costs rose by \u0000 40 a week.')]);
    const parts = text.split('\u0000');
    const withPound = Buffer.concat([
      Buffer.from(parts[0]!),
      Buffer.from([0xa3]),
      Buffer.from(parts[1]!),
      Buffer.from([0xa3]),
      Buffer.from(parts[2]!),
    ]);
    const result = parseFeed(withPound, 'latin.xml');
    expect(result.posts[0]!.title).toBe('Fees of £');
    expect(result.posts[0]!.body[0]!.text).toBe('Costs rose by £ 40 a week.');
    expect(result.problems).toEqual([
      {
        file: 'latin.xml',
        line: 7,
        severity: 'warning',
        message: expect.stringMatching(/not valid UTF-8 from this line on/),
      },
    ]);
  });

  it('reads a file that declares a single-byte encoding, and a UTF-16 one', () => {
    const latin = feedOf(
      [postEntry(1, 'Caf\u00e9 notes', 'Caf\u00e9 \u00a3 \u2019')],
      "<?xml version='1.0' encoding='windows-1252'?>\n",
    );
    const encoded = Buffer.from(latin, 'latin1');
    encoded[encoded.lastIndexOf(0x19)] = 0x92; // U+2019 as Windows-1252 writes it
    expect(parseFeed(encoded, 'w.xml').posts[0]!.body[0]!.text).toBe('Caf\u00e9 \u00a3 \u2019');
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(feedOf([postEntry(1, 'Wide', 'text \u2013 here')]), 'utf16le'),
    ]);
    const result = parsePage(utf16, 'wide.xml');
    expect(result.problems).toEqual([]);
    expect(result.posts[0]!.body[0]!.text).toBe('text \u2013 here');
  });

  it('says what is wrong with a file that is not a feed: text, binary, RSS, empty', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['text.xml', bytes('Monday 20 May 2019\n\nA title\n'), /not an XML feed/],
      ['binary.xml', Uint8Array.from({ length: 4096 }, (_, k) => (k * 7919) % 251), /not an XML feed/],
      [
        'rss.xml',
        bytes('<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>x</title></item></channel></rss>'),
        /root element is <rss>, not an Atom <feed>/,
      ],
      ['empty.xml', new Uint8Array(0), /not an XML feed/],
    ];
    for (const [file, input, message] of cases) {
      const result = parseFeed(input, file);
      expect(result.posts).toEqual([]);
      expect(result.problems).toEqual([
        expect.objectContaining({ file, severity: 'error', message: expect.stringMatching(message) }),
      ]);
    }
  });

  it('reports a file that ends deep inside nested elements once, at the innermost', () => {
    const deep = `<feed>\n<entry><title>t</title>${'<div>'.repeat(50_000)}`;
    const result = parseFeed(bytes(deep), 'deep.xml');
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 2,
        severity: 'error',
        message: expect.stringMatching(/the file ends inside <div>/),
      }),
    ]);
  });

  it('stops after 10,000 entities XML does not define', () => {
    const result = parseFeed(bytes(feedOf([postEntry(1, 'x', '&nbsp;'.repeat(20_000))])), 'nbsp.xml');
    expect(result.posts).toEqual([]);
    expect(errors(result)).toEqual([
      expect.objectContaining({
        line: 8,
        message: expect.stringMatching(/more than 10,000 entities that XML does not define/),
      }),
    ]);
  });

  it('warns about a post with no title and lists it by its first words', () => {
    const result = parseFeed(bytes(feedOf([postEntry(1, '', 'Just a quick note tonight.')])), 'untitled.xml');
    expect(result.posts[0]).toMatchObject({
      title: '',
      lead: 'Just a quick note tonight.',
      id: expect.stringMatching(/^2015-02-02-untitled-/),
    });
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 4, severity: 'warning', message: expect.stringMatching(/no title/) }),
    ]);
  });

  it('keeps an entity XML does not define as written, with one warning', () => {
    const result = parseFeed(bytes(feedOf([postEntry(1, 'A&nbsp;B', 'text')])), 'entity.xml');
    expect(result.posts[0]!.title).toBe('A&nbsp;B');
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 7,
        severity: 'warning',
        message: expect.stringMatching(/entity XML does not define/),
      }),
    ]);
  });

  it('finds the comment a reply answers when its related link carries a query', () => {
    const withQuery = commentEntry(2, 1, 'reply', 1).replace(
      `/comments/default/${2000001}'`,
      `/comments/default/${2000001}?v=2'`,
    );
    expect(withQuery).toContain('?v=2');
    const post = parseFeed(bytes(feedOf([postEntry(1, 'Q', 'body'), commentEntry(1, 1, 'first'), withQuery])), 'q.xml')
      .posts[0]!;
    expect(post.comments.map((c) => [c.text, c.replies.map((r) => r.text)])).toEqual([['first', ['reply']]]);
  });

  it('shows every comment of a reply loop, once', () => {
    const loop = feedOf([
      postEntry(1, 'Loop', 'body'),
      commentEntry(1, 1, 'a', 2, '2015-03-01T10:00:00Z'),
      commentEntry(2, 1, 'b', 1, '2015-03-01T11:00:00Z'),
      commentEntry(3, 1, 'c', 3),
    ]);
    const post = parseFeed(bytes(loop), 'loop.xml').posts[0]!;
    expect(post.comments.map((c) => [c.text, c.replies.map((r) => r.text)])).toEqual([
      ['a', ['b']],
      ['c', []],
    ]);
  });

  it('reads an Atom entry document (a lone <entry>) as one post', () => {
    const entry = postEntry(3, 'Alone', 'Just one entry.').replace(
      '<entry>',
      "<entry xmlns='http://www.w3.org/2005/Atom'>",
    );
    const result = parseFeed(bytes(`<?xml version='1.0'?>\n${entry}\n`), 'entry.xml');
    expect(result.problems).toEqual([]);
    expect(result.posts.map((p) => [p.title, p.author, p.body[0]!.text])).toEqual([
      ['Alone', 'Writer 3', 'Just one entry.'],
    ]);
  });

  it('rebuilds xhtml content and reads plain-text content by blank lines', () => {
    const xhtml = `<entry><id>x-1</id><published>2015-01-01T00:00:00Z</published><title>X</title><content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>One &amp; two</p><p>Three<br/>four</p></div></content></entry>`;
    const text = `<entry><id>x-2</id><published>2015-01-02T00:00:00Z</published><title>T</title><content type='text'>Line one\nline two\n\nNext &lt;b&gt; para</content></entry>`;
    const [a, b] = parseFeed(bytes(feedOf([xhtml, text])), 'mixed.xml').posts;
    expect(a!.body.map((x) => x.text)).toEqual(['One & two', 'Three\nfour']);
    expect(b!.body.map((x) => x.text)).toEqual(['Line one\nline two', 'Next <b> para']);
  });
});

describe('reading in chunks', () => {
  const text = feedOf([
    postEntry(1, 'Pounds £ and dashes –', 'Emoji 🙂 and accents é across <br /><br />chunks'),
    commentEntry(1, 1, 'Reply with “quotes”'),
  ]);
  const whole = readFeed(bytes(text), 'chunks.xml', 1 << 20).result;

  it('gives the same result whatever the chunk size, even inside a character', () => {
    for (const size of [1, 2, 3, 5, 64]) expect(readFeed(bytes(text), 'chunks.xml', size).result).toEqual(whole);
    expect(whole.posts[0]!.body.map((b) => b.text)).toEqual(['Emoji 🙂 and accents é across', 'chunks']);
  });

  describe('parseFeedFile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-feed-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('streams a file larger than its chunk size and hashes it', () => {
      const entries: string[] = [];
      for (let n = 1; n <= 200; n++) {
        entries.push(
          postEntry(n, `Post number ${n} – £${n}`, `Paragraph one of ${n}.<br /><br />Paragraph two 🙂 of ${n}.`),
        );
        entries.push(commentEntry(n, n, `Comment on ${n}`));
      }
      const content = feedOf(entries);
      const path = join(dir, 'big.xml');
      writeFileSync(path, content);
      const size = statSync(path).size;
      const chunk = 4093; // a prime, so characters and tags straddle chunk ends
      expect(size).toBeGreaterThan(chunk * 10);
      const result = parseFeedFile(path, 'big.xml', chunk);
      expect(result.size).toBe(size);
      expect(result.mtimeMs).toBe(statSync(path).mtimeMs);
      expect(result.hash).toBe(createHash('sha1').update(readFileSync(path)).digest('hex'));
      const page: PageResult = {
        format: result.format,
        posts: result.posts,
        problems: result.problems,
        header: result.header,
      };
      expect(page).toEqual(parseFeed(readFileSync(path), 'big.xml'));
      expect(result.posts).toHaveLength(200);
      expect(result.posts[199]!.title).toBe('Post number 200 – £200');
      expect(result.posts[199]!.comments[0]!.text).toBe('Comment on 200');
    });

    it('hashes the whole file even when reading stops at an entity bomb', () => {
      const path = join(dir, 'bomb.xml');
      const content = `<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "aaaa">]>\n<feed>${'<entry><title>&a;</title></entry>'.repeat(500)}</feed>`;
      writeFileSync(path, content);
      const result = parseFeedFile(path, 'bomb.xml', 1024);
      expect(result.hash).toBe(createHash('sha1').update(content).digest('hex'));
      expect(result.problems).toEqual([expect.objectContaining({ severity: 'error', line: 2 })]);
    });

    it('reports a file it cannot read as an error, not an exception', () => {
      const result = parseFeedFile(join(dir, 'missing.xml'), 'missing.xml');
      expect(result.posts).toEqual([]);
      expect(result.problems).toEqual([
        expect.objectContaining({
          file: 'missing.xml',
          severity: 'error',
          message: expect.stringMatching(/^Reading the file failed: .*ENOENT/),
        }),
      ]);
    });
  });
});
