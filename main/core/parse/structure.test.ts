import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../scripts/corpus.ts';
import { parseSeed } from './parse-seed';
import { scanStructure } from './structure';

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
}

const encode = (text: string) => new TextEncoder().encode(text);

describe('scanStructure reads the post list facts from bytes exactly as parseSeed does', () => {
  it('on the seeds', () => {
    for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) expectSameAsParse(readFileSync(join(SEEDS, file)), file);
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

  it('on random seed-like files, as UTF-8 bytes', () => {
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
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => expectSameAsParse(bytes)),
      { numRuns: 300 },
    );
  });
});
