import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prng } from '../../../test-support/prng';
import { readSeedBytes } from '../library/load';
import { parseSeed } from './parse-seed';
import { scanTextPage, summaryOf } from './structure';
import { parseTextPage } from './text-page';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const page = (...lines: string[]) => parseTextPage(lines.join('\n') + '\n', 'page.txt');
const encode = (text: string) => new TextEncoder().encode(text);

/** The scan gives exactly the full parse's posts (without body and comments) and header. */
function expectScanAgrees(bytes: Uint8Array) {
  const full = parseTextPage(bytes, 'page.txt');
  const scan = scanTextPage(bytes, 'page.txt');
  expect(scan.posts).toEqual(full.posts.map(summaryOf));
  expect(scan.header).toEqual(full.header);
  for (const problem of scan.problems) expect(full.problems).toContainEqual(problem);
}

/** Random bytes, the same on every run. */
function randomBytes(length: number, seed: number): Uint8Array {
  const next = prng(seed);
  return Uint8Array.from({ length }, () => Math.floor(next() * 256));
}

describe('a page with its blog chrome and several posts (archive, label, home pages)', () => {
  const result = parseTextPage(fixture('archive-page.txt'), 'archive-page.txt');

  it('keeps the blog title, description and gadgets before the first date line as the header, not a post', () => {
    expect(result.header).toBe(
      'Probation Matters\nNotes from a probation office in the north, written by staff for staff.\n\nTotal Pageviews\n48,213\n\nComment moderation is on: your comment will appear once it has been read.',
    );
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('text');
  });

  it('splits the posts, each with its own id and part; a post after a footer shares the day’s date line', () => {
    expect(result.posts.map((p) => [p.part, p.id, p.date, p.dateText, p.title, p.line])).toEqual([
      [0, '2013-03-04-caseloads-again', '2013-03-04', 'Monday, 4 March 2013', 'Caseloads Again', 9],
      [1, '2013-03-04-a-note-on-the-ballot', '2013-03-04', 'Monday, 4 March 2013', 'A Note on the Ballot', 22],
      [2, '2013-03-01-training-day', '2013-03-01', 'Friday, 1 March 2013', 'Training Day', 30],
    ]);
  });

  it('reads "Posted by NAME at TIME" and "Labels:" into author, time and labels, and keeps them out of the body', () => {
    expect(result.posts.map((p) => [p.author, p.time, p.labels])).toEqual([
      ['Ellen Marsh', '2013-03-04T10:15', ['caseloads', 'workload']],
      ['Ellen Marsh', '2013-03-04T16:40', ['union']],
      ['Tom Reyes', '2013-03-01T09:05', ['training']],
    ]);
    expect(result.posts[0]!.body.map((b) => b.text)).toEqual([
      'The allocation meeting this morning gave every officer in the team another four cases.',
      'Nobody asked how many we already hold. The answer, for the record, is too many.',
    ]);
    // The body's own numbered list stays body text, and the closing links are not read.
    expect(result.posts[2]!.body.map((b) => b.text)).toEqual([
      'The new risk tool arrived with a two-hour course and a forty-page manual.',
      '  1. Read the manual.\n  2. Forget the manual.',
    ]);
  });

  it('keeps the counts a list page shows (as links) without warning that no comments were found', () => {
    expect(result.posts.map((p) => [p.declaredCommentCount, p.foundCommentCount])).toEqual([
      [3, 0],
      [0, 0],
      [1, 0],
    ]);
  });

  it('gives the same posts and header from the fast scan', () => {
    expectScanAgrees(fixture('archive-page.txt'));
  });

  it('gives parseSeed the first post', () => {
    expect(parseSeed(fixture('archive-page.txt'), 'archive-page.txt').post).toEqual(result.posts[0]);
  });
});

describe('nested date and title lines', () => {
  it('keeps a date and title quoted inside a body as body text: one post (the trap)', () => {
    const result = parseTextPage(fixture('quoted-post.txt'), 'quoted-post.txt');
    expect(result.problems).toEqual([]);
    expect(result.posts).toHaveLength(1);
    const post = result.posts[0]!;
    expect(post.title).toBe('Six Years On');
    expect(post.body.map((b) => b.text)).toContain('Saturday, 2 June 2007');
    expect(post.body.map((b) => b.text)).toContain('Change Is Coming');
    expect(post.foundCommentCount).toBe(3);
    expectScanAgrees(fixture('quoted-post.txt'));
  });

  it('starts a new post at a date line after a footer (the split case)', () => {
    const text = [
      'Wednesday 12 June 2013',
      '',
      'Six Years On',
      '',
      'A reader asked about the old post.',
      '',
      'Posted by Ellen Marsh at 18:00',
      'Labels: history',
      '',
      'Saturday, 2 June 2007',
      '',
      'Change Is Coming',
      '',
      'The letter from headquarters says the service will be "reshaped".',
    ].join('\n');
    const result = parseTextPage(text, 'page.txt');
    expect(result.posts.map((p) => [p.part, p.date, p.title, p.author, p.labels])).toEqual([
      [0, '2013-06-12', 'Six Years On', 'Ellen Marsh', ['history']],
      [1, '2007-06-02', 'Change Is Coming', null, []],
    ]);
    expectScanAgrees(encode(text));
  });

  it('starts a new post at a date line after the last comment’s ReplyDelete', () => {
    const result = page(
      'Monday 4 March 2013',
      'First',
      '',
      'Body one.',
      '',
      '1 comment:',
      '  1. A comment.',
      '    ReplyDelete',
      'Tuesday 5 March 2013',
      'Second',
      '',
      'Body two.',
    );
    expect(result.posts.map((p) => [p.title, p.foundCommentCount])).toEqual([
      ['First', 1],
      ['Second', 0],
    ]);
  });

  it('does not split at a plain line after a count line when the post had no Posted by, share or labels line', () => {
    const result = page('Monday 4 March 2013', 'Title', '', 'Body quoting', 'No comments:', 'and going on.');
    expect(result.posts).toHaveLength(1);
  });
});

describe('page chrome', () => {
  it('reads a page whose first 40 non-blank lines hold no date line as one undated post, as before', () => {
    const chrome = Array.from({ length: 40 }, (_, i) => `Gadget line ${i + 1}`);
    const result = page(...chrome, 'Monday 4 March 2013', 'Title', 'Body.');
    expect(result.header).toBeNull();
    expect(result.posts).toHaveLength(1);
    expect(result.posts[0]!.title).toBe('Gadget line 1');
    expect(result.posts[0]!.date).toBeNull();
    expect(result.problems[0]!.message).toContain('does not start with a date line');
  });

  it('takes 39 lines of chrome as the header', () => {
    const chrome = Array.from({ length: 39 }, (_, i) => `Gadget line ${i + 1}`);
    const result = page(...chrome, 'Monday 4 March 2013', 'Title', 'Body.');
    expect(result.header?.split('\n')).toHaveLength(39);
    expect(result.posts.map((p) => [p.date, p.title, p.line])).toEqual([['2013-03-04', 'Title', 40]]);
    expect(result.problems).toEqual([]);
  });
});

describe('old "Name said..." comments', () => {
  const result = parseTextPage(fixture('old-comments.txt'), 'old-comments.txt');
  const post = result.posts[0]!;

  it('reads a US date line, the post footer and the count', () => {
    expect(result.posts).toHaveLength(1);
    expect([post.date, post.title, post.author, post.time, post.labels]).toEqual([
      '2013-03-14',
      'Hostel Places',
      'Ellen Marsh',
      '2013-03-14T20:05',
      ['hostels'],
    ]);
    expect(post.declaredCommentCount).toBe(3);
    expect(result.problems).toEqual([]);
  });

  it('gives each comment its author and the time from its time line, which leaves the text', () => {
    expect(post.comments.map((c) => [c.id, c.author, c.time, c.text, c.line, c.textLine, c.endLine])).toEqual([
      ['1', 'Anonymous', '2013-03-14T21:12', 'Forty miles, with no car and a curfew at eleven.', 12, 14, 16],
      ['2', 'Jim Brown', '2013-03-15T07:30', 'We wrote to the area manager in January.\nNo reply yet.', 17, 19, 22],
      // A time of day with no date gives no date to keep: it stays in the text.
      ['3', 'Ellen Marsh', null, 'Jim, send me a copy and I will take it to the branch.\n\n10:02 AM', 23, 25, 27],
    ]);
  });

  it('stops at "Post a Comment": the closing links are no comment', () => {
    expect(post.comments[2]!.endLine).toBe(27);
    expectScanAgrees(fixture('old-comments.txt'));
  });
});

describe('names and times in numbered comments', () => {
  it('reads "Name date at time" on the item line, and a name line over a time line', () => {
    const post = parseTextPage(fixture('quoted-post.txt'), 'quoted-post.txt').posts[0]!;
    expect(post.comments.map((c) => [c.id, c.author, c.time, c.text, c.textLine])).toEqual([
      [
        '1',
        'Jim Brown',
        '2013-06-12T18:20',
        'I remember that letter. It was pinned up in the kitchen for a month.',
        17,
      ],
      ['2', null, null, 'Still waiting for the reshape to finish.', 26],
    ]);
    expect(post.comments[0]!.replies.map((r) => [r.id, r.author, r.time, r.text, r.textLine])).toEqual([
      ['1.1', 'Anonymous', '2013-06-12T19:02', 'So do I, and the cake at the leaving do.', 23],
    ]);
  });

  it('reads a name run into its US timestamp, and leaves a sentence that ends in a time alone', () => {
    const post = page(
      'Monday 4 March 2013',
      'Title',
      '',
      'Body.',
      '',
      '3 comments:',
      '  1. Jim BrownMarch 4, 2013 at 10:15 PM',
      '    First.',
      '    ReplyDelete',
      '  2. We met on 4 March 2013 at 10:15.',
      '    ReplyDelete',
      '  3. I left at 10:15',
      '    ReplyDelete',
    ).posts[0]!;
    expect(post.comments.map((c) => [c.author, c.time, c.text])).toEqual([
      ['Jim Brown', '2013-03-04T22:15', 'First.'],
      [null, null, 'We met on 4 March 2013 at 10:15.'],
      [null, null, 'I left at 10:15'],
    ]);
  });

  it('keeps a numbered list with no count line after the footer as the comments', () => {
    const result = page(
      'Monday 4 March 2013',
      'Title',
      '',
      'Body.',
      '',
      'Posted by Ellen Marsh at 10:15',
      '',
      '  1. First.',
      '    ReplyDelete',
      '  2. Second.',
      '    ReplyDelete',
    );
    const post = result.posts[0]!;
    expect([post.author, post.declaredCommentCount, post.foundCommentCount]).toEqual(['Ellen Marsh', null, 2]);
    expect(post.body.map((b) => b.text)).toEqual(['Body.']);
    expect(result.problems).toEqual([]);
  });
});

describe('files that are not text copies', () => {
  it('refuses 64 KiB of random bytes as binary data: a located error and no post, in the scan too', () => {
    const bytes = randomBytes(65536, 19);
    const result = parseTextPage(bytes, 'page.txt');
    expect(result.posts).toEqual([]);
    expect(result.problems).toEqual([
      { file: 'page.txt', line: null, severity: 'error', message: expect.stringContaining('binary data') },
    ]);
    const scan = scanTextPage(bytes, 'page.txt');
    expect(scan.posts).toEqual([]);
    expect(scan.problems).toEqual(result.problems);
  });

  it('refuses random bytes with no NUL byte at all', () => {
    const bytes = randomBytes(65536, 7).map((b) => (b === 0 ? 0x41 : b));
    expect(parseTextPage(bytes, 'page.txt').problems[0]!.message).toContain('binary data');
    expect(scanTextPage(bytes, 'page.txt').problems[0]!.message).toContain('binary data');
  });

  it('reads a text with a few control characters (a form feed, an escape, a DOS end-of-file mark)', () => {
    const result = page('Monday 4 March 2013', 'Title', '', 'Body\f with \u001b a few \u001a marks.');
    expect(result.posts).toHaveLength(1);
  });

  it('refuses a file whose text is one line of 12 MB: an error at line 1, not a post with a 12 MB title', () => {
    const line = 'word '.repeat(12 * 1024 * 200);
    for (const input of [line, encode(line)]) {
      const result = parseTextPage(input, 'page.txt');
      expect(result.posts).toEqual([]);
      expect(result.problems).toEqual([
        { file: 'page.txt', line: 1, severity: 'error', message: expect.stringContaining('first line is 12,288,000') },
      ]);
    }
    expect(scanTextPage(encode(line), 'page.txt').problems).toEqual(parseTextPage(line, 'page.txt').problems);
  });

  it('reads a first line of 10,000 characters, the most a first line may be', () => {
    const result = page('x'.repeat(10_000), '', 'Body.');
    expect(result.posts).toHaveLength(1);
    expectScanAgrees(encode(`${'é'.repeat(10_000)}\n\nBody.\n`));
    expect(scanTextPage(encode(`${'é'.repeat(10_001)}\n`), 'page.txt').problems[0]!.severity).toBe('error');
  });

  it('has a 100 MB file refused as too big before it is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-big-'));
    try {
      writeFileSync(join(dir, 'big.txt'), '');
      truncateSync(join(dir, 'big.txt'), 100 * 1024 * 1024);
      const read = await readSeedBytes(dir, 'big.txt');
      expect(read.bytes).toBeNull();
      expect(read.problem).toMatchObject({ line: null, severity: 'error', message: expect.stringContaining('100 MB') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('post footers in other forms', () => {
  const footer = (line: string) => page('Monday 4 March 2013', 'Title', '', 'Body.', '', line).posts[0]!;

  it('reads the author and time from the forms Blogger prints', () => {
    expect(
      [
        'Posted by Ellen Marsh at 10:15',
        'Posted by Ellen Marsh at 8:05 PM',
        'posted by Ellen Marsh @ 10:15',
        'Posted by Ellen Marsh at 10:15 3 comments:',
        'Posted by Ellen Marsh on Monday, March 4, 2013 at 10:15 AM',
        'Posted by Ellen Marsh on Monday, March 4, 2013',
        'Posted by Ellen Marsh',
      ].map((line) => [footer(line).author, footer(line).time]),
    ).toEqual([
      ['Ellen Marsh', '2013-03-04T10:15'],
      ['Ellen Marsh', '2013-03-04T20:05'],
      ['Ellen Marsh', '2013-03-04T10:15'],
      ['Ellen Marsh', '2013-03-04T10:15'],
      ['Ellen Marsh', '2013-03-04T10:15'],
      ['Ellen Marsh', null],
      ['Ellen Marsh', null],
    ]);
    expect(footer('Posted by Ellen Marsh at 10:15 3 comments:').declaredCommentCount).toBe(3);
  });

  it('gives an undated post its author but no time', () => {
    const post = page('Notes', '', 'Body.', '', 'Posted by Ellen Marsh at 10:15', 'Labels: a,  b ,,c').posts[0]!;
    expect([post.date, post.author, post.time, post.labels]).toEqual([null, 'Ellen Marsh', null, ['a', 'b', 'c']]);
  });
});

describe('old comments with no count line', () => {
  it('starts the comments at a said line right after the footer', () => {
    const text = [
      'Monday 4 March 2013',
      'Title',
      '',
      'Body.',
      '',
      'Posted by Ellen Marsh at 10:15',
      'Jim Brown said...',
      '    First.',
      '    4 March 2013 at 11:00',
      'Anonymous said...',
      '    Second.',
    ].join('\n');
    const result = parseTextPage(text, 'page.txt');
    const post = result.posts[0]!;
    expect(post.body.map((b) => b.text)).toEqual(['Body.']);
    expect(post.author).toBe('Ellen Marsh');
    expect(post.comments.map((c) => [c.author, c.time, c.text])).toEqual([
      ['Jim Brown', '2013-03-04T11:00', 'First.'],
      ['Anonymous', null, 'Second.'],
    ]);
    expect(result.problems).toEqual([]);
    expectScanAgrees(encode(text));
  });

  it('keeps a said line inside the body as body text', () => {
    const post = page('Monday 4 March 2013', 'Title', '', 'The minister said...', 'nothing new.').posts[0]!;
    expect(post.body.map((b) => b.text)).toEqual(['The minister said...\nnothing new.']);
    expect(post.comments).toEqual([]);
  });
});

describe('a very long page', () => {
  it('splits 20,000 posts, each with a footer, in one pass, and the scan agrees', () => {
    const lines: string[] = [];
    for (let n = 0; n < 20_000; n++)
      lines.push(n % 2 ? 'Labels: x' : 'Monday 4 March 2013', `Post ${n}`, '', 'Body.', 'Posted by Ann at 10:15');
    const text = lines.join('\n');
    const result = parseTextPage(text, 'page.txt');
    expect(result.posts).toHaveLength(20_000);
    expect(result.posts[19_999]).toMatchObject({ part: 19_999, title: 'Post 19999', date: '2013-03-04' });
    expectScanAgrees(encode(text));
  });
});
