import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../scripts/corpus.ts';
import { parseSeed } from './parse-seed';
import { scanStructure, scanTextPage, summaryOf } from './structure';
import { parseTextPage } from './text-page';
import { pageLine } from '../../../test-support/page-lines';

const SEEDS = join(import.meta.dirname, '../../../seeds');

/** What scanStructure must give: parseSeed's post without body and comments, and its head and count problems. */
function expectSameAsParse(bytes: Uint8Array, file = 'x.txt') {
  const full = parseSeed(bytes, file);
  const scanned = scanStructure(bytes, file);
  if (!full.post) {
    expect(scanned.post).toBeNull();
    expect(scanned.problems).toEqual(full.problems);
    return;
  }
  const { body: _body, comments: _comments, ...summary } = full.post;
  void _body;
  void _comments;
  expect(scanned.post).toEqual(summary);
  // Every problem it reports is one parseSeed reports (the comments' own warnings come later, with the full parse).
  for (const problem of scanned.problems) expect(full.problems).toContainEqual(problem);
  const headOrCount = full.problems.filter((p) => /date line|no title line|declares/.test(p.message));
  for (const problem of headOrCount) expect(scanned.problems).toContainEqual(problem);
  expectSamePage(bytes, file);
}

/** What scanTextPage must give: every post of parseTextPage without body and comments, its header, and its head and count problems. */
function expectSamePage(bytes: Uint8Array, file = 'x.txt') {
  const full = parseTextPage(bytes, file);
  const scanned = scanTextPage(bytes, file);
  expect(scanned.posts).toEqual(full.posts.map(summaryOf));
  expect(scanned.header).toEqual(full.header);
  for (const problem of scanned.problems) expect(full.problems).toContainEqual(problem);
  const headOrCount = full.problems.filter((p) =>
    /date line|no title line|declares|binary|first line is/.test(p.message),
  );
  for (const problem of headOrCount) expect(scanned.problems).toContainEqual(problem);
}

const encode = (text: string) => new TextEncoder().encode(text);

describe('scanStructure reads the post list facts from bytes exactly as parseSeed does', () => {
  it('on the seeds', () => {
    for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')))
      expectSameAsParse(readFileSync(join(SEEDS, file)), file);
  });

  it('on a generated corpus: CRLF, Windows-1252, broken files and a long thread', () => {
    let files = 0;
    for (const file of generateCorpus({ posts: 150, seed: 7, longThread: 400, problems: 6 })) {
      expectSameAsParse(file.bytes, file.path);
      files++;
    }
    expect(files).toBeGreaterThan(150);
  });

  it('on the grammar’s hard cases', () => {
    const cases = [
      '',
      '\n\n',
      '16 comments:\n  1. A comment\n',
      'Monday 20 May 2019\n\n16 comments:\n  1. x\n',
      'Monday 20 May 2019\nTitle\n\nBody with a list:\n  1. one\n  2. two\n\n2 comments:\n  1. First\n    ReplyDelete\n    Replies\n    1. Reply\n      1. a list in a reply\n      Delete\n  2. Second\n    ReplyDelete\n',
      'Monday 20 May 2019\nTitle\r\n\r\nBody\r\n\r\n1 comment:\r\n  1.\u00a0nbsp after the number\r\n    ReplyDelete  \r\n',
      'Monday 20 May 2019\rTitle\r\rBody\r\r3 comments:\r  1. a\r  7. numbered oddly\r\u00a0\r  3.\r',
      'Title only\n\nAnonymous said...\nHello\nJim Brown said…:\nHi\n',
      'Monday 20 May 2019\nTitle\n\nBody quoting "16 comments:"\n16 comments:\nnot a comment\n\nNo comments:\n',
      '\ufeffMonday 20 May 2019\nTitle\n\n\u2003\n  1234567. not an item\n  123456. an item\n',
      'Monday 20 May 2019\n\tTitle\n\n\t1. tabbed\n\t\tReplyDelete\n',
      'Monday 20 May 2019\nTitle\n\n2 comments:\n  1. a\n    ReplyDelete\n  2.\u00a0b\n    ReplyDelete\n    Replies\n    1.\u00a0reply\n      Delete\n',
    ];
    for (const text of cases) expectSameAsParse(encode(text));
  });

  it('on random seed-like files, as UTF-8 and as Windows-1252 bytes', () => {
    const line = fc.oneof(
      fc.constantFrom(
        'Monday 20 May 2019',
        'A Title',
        '',
        '\u00a0',
        '16 comments:',
        'No comments:',
        '  1. First',
        '  2. Second',
        '\t1. tabbed',
        '    1. reply or list',
        '    ReplyDelete',
        '    Replies',
        '      Delete',
        // Markers with trailing white space, ASCII or not, and words that only start like one.
        '    ReplyDelete \t',
        '    ReplyDelete\u00a0',
        '    Replies\u2003',
        '      Delete\u000b',
        '    ReplyDeleted',
        '      Deleteé',
        'Anonymous said...',
        '“Quoted” £5',
      ),
      fc.string({ maxLength: 10 }),
    );
    const end = fc.constantFrom('\n', '\r\n', '\r');
    const file = fc.array(fc.tuple(line, end), { maxLength: 40 }).map((parts) => parts.map(([l, e]) => l + e).join(''));
    fc.assert(
      fc.property(file, (text) => expectSameAsParse(encode(text))),
      { numRuns: 1500 },
    );
    // The same files saved as Windows-1252 (scanned with its decoder, as parseSeed reads them).
    let windows1252 = 0;
    fc.assert(
      fc.property(file, (text) => {
        const bytes = encode1252(text);
        if (!isUtf8(bytes)) windows1252++;
        expectSameAsParse(bytes);
      }),
      { numRuns: 1500 },
    );
    // About a third of them hold a byte that is not UTF-8.
    expect(windows1252).toBeGreaterThan(300);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => expectSameAsParse(bytes)),
      { numRuns: 300 },
    );
  });

  it('on pages of several posts: chrome, shared date lines, footers, said-style comments, US dates', () => {
    // The text pages here and the text copies beside the HTML and feed fixtures.
    const fixtures = readdirSync(join(import.meta.dirname, 'fixtures'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.txt'),
    );
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    for (const file of fixtures) expectSamePage(readFileSync(join(import.meta.dirname, 'fixtures', file)), file);
    const cases = [
      'Blog Title\nA blog about work.\n\nMonday, March 4, 2013\nFirst\n\nBody.\nPosted by Ann at 10:15 AM 2 comments:\nEmail ThisBlogThis!Share to Twitter\nSecond\n\nBody two.\nPosted by Ann at 11:00\nLabels: a, b\nMarch 1, 2013\nThird\nBody three.\n',
      'Monday 4 March 2013\nTitle\n\nBody\n\nPosted by Ann at 10:15\n3 comments:\nAnonymous said...\n    Hello.\n    4 March 2013 at 10:20\nJim said...\n    Hi.\n    10:30 am\nTuesday 5 March 2013\nNext\nPost a Comment\n',
      'Monday 4 March 2013\nTitle\n\nBody\nPosted by Ann\n\n  1. Jim Brown 4 March 2013 at 10:15\n    text\n    ReplyDelete\nWednesday, 6 March 2013\n\nTitle Two\n\n  1. a list\nLabels: x\nNewer Posts Older Posts Home\nleft out\n',
      'Wednesday 12 June 2013\n\nQuoting\n\nSaturday, 2 June 2007\n\nOld Title\n\nOld body.\n\nNo comments:\n',
      'Header\r\n\r\nMonday, 4th of March, 2013\r\nTitle\r\nPosted by Ann at 10.15 p.m.\r\nLabels:\u00a0a\r\nNext\r\n',
      'Monday 4 March 2013\nTitle\n\n1 comment:\n  1. a\n    ReplyDelete\nMonday 4 March 2013\nTitle\n',
    ];
    for (const text of cases) {
      expectSamePage(encode(text));
      expectSamePage(encode1252(text));
    }
  });

  it('on random page-like files: chrome, date lines, titles, footers, comments in both styles', () => {
    const line = fc.oneof({ weight: 4, arbitrary: pageLine }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
    const end = fc.constantFrom('\n', '\r\n', '\n\n');
    const file = fc.array(fc.tuple(line, end), { maxLength: 60 }).map((parts) => parts.map(([l, e]) => l + e).join(''));
    fc.assert(
      fc.property(file, (text) => {
        expectSamePage(encode(text));
        expectSamePage(encode1252(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('on a Windows-1252 file: its facts, and the warning where its first byte that is not UTF-8 sits', () => {
    const bytes = encode1252(
      'Monday 20 May 2019\nCaf\u00e9 \u201cTitle\u201d\n\nBody \u00a35\n\n1 comment:\n  1. First \u2013 said\n    ReplyDelete\n',
    );
    const { post, problems } = scanStructure(bytes, 'w.txt');
    expect(post).toMatchObject({ title: 'Café “Title”', declaredCommentCount: 1, foundCommentCount: 1 });
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, severity: 'warning', message: expect.stringContaining('Windows-1252') }),
    ]);
    expectSameAsParse(bytes, 'w.txt');
  });
});

/** Text as Windows-1252 bytes; a character it cannot hold becomes "?". */
function encode1252(text: string): Uint8Array {
  const c1 = [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
    0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e,
    0x178,
  ];
  return Uint8Array.from([...text], (char) => {
    const code = char.codePointAt(0)!;
    const high = c1.indexOf(code);
    if (high >= 0) return 0x80 + high;
    return code < 0x100 && (code < 0x80 || code > 0x9f) ? code : 0x3f;
  });
}
