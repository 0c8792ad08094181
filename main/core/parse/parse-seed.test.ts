import { describe, expect, it } from 'vitest';
import { parseSeed } from './parse-seed';
import { fnv1a, slugify } from './post-id';

const text = (...lines: string[]) => lines.join('\n') + '\n';

describe('the post header', () => {
  it('reads date, title and body paragraphs with their line ranges, keeping the text exactly', () => {
    const { post, problems } = parseSeed(
      text(
        'Monday 20 May 2019', //                 1
        '', //                                   2
        'Latest From Napo 188', //               3
        '', //                                   4
        'First paragraph, line one,', //         5
        '  indented line two with NBSP\u00a0 ', // 6
        '', //                                   7
        '', //                                   8
        'Second — “quoted” £5.', //              9
        '', //                                   10
        'No comments:', //                       11
      ),
      'posts/000.txt',
    );
    expect(problems).toEqual([]);
    expect(post).toEqual({
      id: '2019-05-20-latest-from-napo-188',
      date: '2019-05-20',
      dateText: 'Monday 20 May 2019',
      title: 'Latest From Napo 188',
      lead: '',
      body: [
        { text: 'First paragraph, line one,\n  indented line two with NBSP\u00a0 ', line: 5, endLine: 6 },
        { text: 'Second — “quoted” £5.', line: 9, endLine: 9 },
      ],
      declaredCommentCount: 0,
      comments: [],
      foundCommentCount: 0,
      file: 'posts/000.txt',
      line: 1,
      author: null,
      time: null,
      format: 'text',
      part: 0,
      labels: [],
      draft: false,
    });
  });

  it('skips blank lines before the date line and reports its real line number', () => {
    const { post, problems } = parseSeed('\n\n  \nMonday 20 May 2019\n\nA Title\n\nBody.\n', 'a.txt');
    expect(post?.line).toBe(4);
    expect(post?.title).toBe('A Title');
    expect(post?.body).toEqual([{ text: 'Body.', line: 8, endLine: 8 }]);
    expect(problems).toEqual([]);
  });

  it('takes a title that follows the date line with no blank line between', () => {
    const { post, problems } = parseSeed('Monday 20 May 2019\nA Title\n\nBody.\n', 'a.txt');
    expect(post?.title).toBe('A Title');
    expect(post?.body).toEqual([{ text: 'Body.', line: 4, endLine: 4 }]);
    expect(problems).toEqual([]);
  });

  it('gives an empty title and a warning when the date is followed by two blank lines', () => {
    const { post, problems } = parseSeed('Monday 20 May 2019\n\n\nBody starts here.\n', 'a.txt');
    expect(post?.title).toBe('');
    expect(post?.date).toBe('2019-05-20');
    expect(post?.body).toEqual([{ text: 'Body starts here.', line: 4, endLine: 4 }]);
    expect(problems).toEqual([
      { file: 'a.txt', line: 1, severity: 'warning', message: expect.stringContaining('no title') },
    ]);
  });

  it('gives an empty title when the date is followed only by the count line', () => {
    const { post, problems } = parseSeed('Monday 20 May 2019\n\nNo comments:\n', 'a.txt');
    expect(post?.title).toBe('');
    expect(post?.body).toEqual([]);
    expect(post?.declaredCommentCount).toBe(0);
    expect(problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('no title') })]);
  });

  it('gives an empty title when the file holds only a date line', () => {
    const { post, problems } = parseSeed('Monday 20 May 2019', 'a.txt');
    expect(post).toMatchObject({ title: '', date: '2019-05-20', body: [], comments: [], declaredCommentCount: null });
    expect(problems).toEqual([expect.objectContaining({ line: 1, severity: 'warning' })]);
  });

  it('uses the first line as the title, with a warning, when there is no date line', () => {
    const { post, problems } = parseSeed('\nLatest From Napo 188  \n\nBody.\n', 'a.txt');
    expect(post).toMatchObject({
      date: null,
      dateText: null,
      title: 'Latest From Napo 188',
      line: 2,
      id: 'undated-latest-from-napo-188',
    });
    expect(post?.body).toEqual([{ text: 'Body.', line: 4, endLine: 4 }]);
    expect(problems).toEqual([
      {
        file: 'a.txt',
        line: 2,
        severity: 'warning',
        message: expect.stringContaining('does not start with a date line'),
      },
    ]);
  });
});

describe('text that looks like structure inside the body', () => {
  it('does not start the comments at a count line quoted inside the body', () => {
    const { post, problems } = parseSeed(
      text(
        'Monday 20 May 2019', //          1
        '', //                            2
        'A Title', //                     3
        '', //                            4
        'The old post ended with', //     5
        '3 comments:', //                 6
        '', //                            7
        'and then the body goes on.', //  8
        '', //                            9
        '1 comment:', //                  10
        '', //                            11
        '  1. The real comment', //       12
        '    ReplyDelete', //             13
      ),
      'a.txt',
    );
    expect(post?.body).toEqual([
      { text: 'The old post ended with\n3 comments:', line: 5, endLine: 6 },
      { text: 'and then the body goes on.', line: 8, endLine: 8 },
    ]);
    expect(post?.declaredCommentCount).toBe(1);
    expect(post?.comments.map((c) => c.text)).toEqual(['The real comment']);
    expect(problems).toEqual([]);
  });

  it('keeps a quoted count line as body text when the post has no count line of its own', () => {
    const { post, problems } = parseSeed(
      text('Monday 20 May 2019', '', 'A Title', '', 'Intro.', '', '3 comments:', '', 'More body text.'),
      'a.txt',
    );
    expect(post?.body.map((b) => b.text)).toEqual(['Intro.', '3 comments:', 'More body text.']);
    expect(post?.declaredCommentCount).toBeNull();
    expect(post?.comments).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('keeps a quoted date and title pair inside the body as body text, not a new post', () => {
    const { post, problems } = parseSeed(
      text(
        'Monday 20 May 2019', //       1
        '', //                         2
        'Real Title', //               3
        '', //                         4
        'As I wrote before:', //       5
        '', //                         6
        'Wednesday, 7 May 2014', //    7
        '', //                         8
        'Omnishambles Update 48', //   9
        '', //                         10
        'Back to today.', //           11
        '', //                         12
        'No comments:', //             13
      ),
      'a.txt',
    );
    expect(post).toMatchObject({
      id: '2019-05-20-real-title',
      date: '2019-05-20',
      title: 'Real Title',
      declaredCommentCount: 0,
    });
    expect(post?.body).toEqual([
      { text: 'As I wrote before:', line: 5, endLine: 5 },
      { text: 'Wednesday, 7 May 2014', line: 7, endLine: 7 },
      { text: 'Omnishambles Update 48', line: 9, endLine: 9 },
      { text: 'Back to today.', line: 11, endLine: 11 },
    ]);
    expect(problems).toEqual([]);
  });

  it('keeps a numbered list in the body as body text when unindented text follows it', () => {
    const { post } = parseSeed(
      text('Monday 20 May 2019', '', 'A Title', '', 'Points:', '  1. one', '  2. two', '', 'Signed, Jim'),
      'a.txt',
    );
    expect(post?.body.map((b) => b.text)).toEqual(['Points:\n  1. one\n  2. two', 'Signed, Jim']);
    expect(post?.comments).toEqual([]);
  });
});

describe('post ids', () => {
  const seed = text('Monday 20 May 2019', '', 'Latest From Napo 188', '', 'Body.', '', 'No comments:');

  it('makes the id from the date and a slug of the title', () => {
    expect(parseSeed(seed, 'a.txt').post?.id).toBe('2019-05-20-latest-from-napo-188');
    expect(
      parseSeed(text('Wednesday, 7 May 2014', '', 'Café — “Grayling’s” Update #48!', '', 'Body.'), 'a.txt').post?.id,
    ).toBe('2014-05-07-cafe-grayling-s-update-48');
  });

  it('keeps the same id when the file name changes', () => {
    const a = parseSeed(seed, '000_edcf6b3ca6297939.txt').post!;
    const b = parseSeed(seed, 'renamed/copy of post.txt').post!;
    expect(a.id).toBe(b.id);
    expect(a.file).toBe('000_edcf6b3ca6297939.txt');
    expect(b.file).toBe('renamed/copy of post.txt');
  });

  it('keeps the same id when comments are added to the post', () => {
    const later = seed.replace('No comments:', '1 comment:\n\n  1. New comment\n    ReplyDelete');
    expect(parseSeed(later, 'a.txt').post?.id).toBe(parseSeed(seed, 'a.txt').post?.id);
  });

  it('gives an untitled post a stable id from its date and first paragraph', () => {
    const untitled = 'Monday 20 May 2019\n\n\nFirst paragraph.\n\nSecond.\n';
    const a = parseSeed(untitled, 'a.txt').post!;
    const b = parseSeed(untitled.replace(/\n/g, '\r\n'), 'other-name.txt').post!;
    expect(a.id).toBe(`2019-05-20-untitled-${fnv1a('First paragraph.')}`);
    expect(a.id).toMatch(/^2019-05-20-untitled-[0-9a-f]{8}$/);
    expect(b.id).toBe(a.id);
    expect(parseSeed(untitled.replace('First', 'Another'), 'a.txt').post!.id).not.toBe(a.id);
  });

  it('shows an untitled post by the first words of its first paragraph, cut at sixteen words', () => {
    const short = parseSeed('Monday 20 May 2019\n\n\nThe regional\n  office\u00a0wrote.\n\nSecond.\n', 'a.txt').post!;
    expect(short).toMatchObject({ title: '', lead: 'The regional office wrote.' });
    const words = Array.from({ length: 20 }, (_, i) => `w${i + 1}`).join(' ');
    const long = parseSeed(`Monday 20 May 2019\n\n\n${words}\n`, 'b.txt').post!;
    expect(long.lead).toBe(`${words.split(' ').slice(0, 16).join(' ')}…`);
    expect(parseSeed('Monday 20 May 2019\n\nA Title\n\nBody.\n', 'c.txt').post!.lead).toBe('');
  });

  it('gives a post whose title has no letters or digits an untitled id', () => {
    const { post } = parseSeed('Monday 20 May 2019\n\n“…”\n\nBody.\n', 'a.txt');
    expect(post?.title).toBe('“…”');
    expect(post?.id).toBe(`2019-05-20-untitled-${fnv1a('Body.')}`);
  });

  it('slugifies by folding accents and dropping punctuation', () => {
    expect(slugify('  Ysgol Gymraeg — Côr’s “Newyddion”  ')).toBe('ysgol-gymraeg-cor-s-newyddion');
    expect(slugify('a'.repeat(100)).length).toBe(80);
    expect(slugify('—')).toBe('');
  });
});

describe('large inputs', () => {
  // These check that huge files parse (the test would time out if parsing were quadratic);
  // they assert on the result only, never on how long it took.
  const HEAD = ['Monday 20 May 2019', '', 'A Title', '', 'Body.', ''];

  it('parses a post with 200,000 lines of comments', () => {
    const count = 66_667;
    const lines = [...HEAD, `${count} comments:`, ''];
    for (let n = 1; n <= count; n++) lines.push(`  ${n}. Comment number ${n}`, '', '    ReplyDelete');
    expect(lines.length).toBeGreaterThan(200_000);
    const { post, problems } = parseSeed(lines.join('\n'), 'big.txt');
    expect(post?.declaredCommentCount).toBe(count);
    expect(post?.foundCommentCount).toBe(count);
    expect(post?.comments[count - 1]).toMatchObject({
      id: String(count),
      text: `Comment number ${count}`,
      line: lines.length - 2,
      endLine: lines.length,
    });
    expect(problems).toEqual([]);
  });

  it('parses a comment with 100,000 replies', () => {
    const lines = [...HEAD, '100001 comments:', '', '  1. Top', '    ReplyDelete', '    Replies'];
    for (let n = 1; n <= 100_000; n++) lines.push(`    ${n}. Reply ${n}`, '      Delete');
    const { post, problems } = parseSeed(lines.join('\n'), 'big.txt');
    expect(post?.foundCommentCount).toBe(100_001);
    expect(post?.comments[0]!.replies).toHaveLength(100_000);
    expect(post?.comments[0]!.replies[99_999]).toMatchObject({ id: '1.100000', text: 'Reply 100000' });
    expect(problems).toEqual([]);
  });

  it('parses 200,000 lines that all look like count lines', () => {
    const lines = [...HEAD];
    for (let n = 0; n < 100_000; n++) lines.push('3 comments:', '');
    const { post, problems } = parseSeed(lines.join('\n'), 'counts.txt');
    expect(post?.declaredCommentCount).toBe(3);
    expect(post?.foundCommentCount).toBe(0);
    expect(post?.body).toHaveLength(100_000);
    expect(problems).toEqual([
      expect.objectContaining({
        line: lines.length - 1,
        message: expect.stringContaining('declares 3 comments but 0 were found'),
      }),
    ]);
  });

  it('parses 200,000 count lines each followed by body text', () => {
    const lines = [...HEAD];
    for (let n = 0; n < 100_000; n++) lines.push('16 comments:', 'not a comment');
    const { post, problems } = parseSeed(lines.join('\n'), 'counts.txt');
    expect(post?.declaredCommentCount).toBeNull();
    expect(post?.body).toHaveLength(2);
    expect(problems).toEqual([]);
  });

  it('parses 200,000 numbered lines with no count line', () => {
    const lines = [...HEAD];
    for (let n = 0; n < 200_000; n++) lines.push('  1. again');
    const { post, problems } = parseSeed(lines.join('\n'), 'list.txt');
    expect(post?.declaredCommentCount).toBeNull();
    expect(post?.foundCommentCount).toBe(200_000);
    expect(post?.comments[199_999]).toMatchObject({ id: '200000', writtenNumber: 1, text: 'again' });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems).toContainEqual(
      expect.objectContaining({ line: lines.length, message: expect.stringContaining('Comment 200000 is numbered 1') }),
    );
  });

  it('parses very long lines, including ones that nearly look like "Name said..." headers', () => {
    const long = 'said... '.repeat(50_000);
    const { post } = parseSeed(
      text(
        'Monday 20 May 2019',
        '',
        'A Title',
        '',
        long,
        '',
        '1 comment:',
        '',
        'Jim said...',
        long,
        'x said...' + ' '.repeat(200_000) + 'x',
      ),
      'long.txt',
    );
    expect(post?.body[0]!.text).toBe(long);
    expect(post?.comments).toHaveLength(1);
    expect(post?.comments[0]!.author).toBe('Jim');
  });
});
