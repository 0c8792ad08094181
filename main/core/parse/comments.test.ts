import { describe, expect, it } from 'vitest';
import { parseSeed } from './parse-seed';
import type { Comment } from './types';

/** Lines 1–6 are a post header and a one-line body; line 7 is the first line given. */
const HEAD = ['Monday 20 May 2019', '', 'A Title', '', 'Body.', ''];
const parse = (...lines: string[]) => parseSeed([...HEAD, ...lines].join('\n') + '\n', 'post.txt');
const ids = (comments: Comment[]): string[] => comments.flatMap((c) => [c.id, ...ids(c.replies)]);

describe('the comment thread', () => {
  it('builds top-level comments and their replies with path ids, text and line ranges', () => {
    const result = parse(
      '3 comments:', //            7
      '', //                       8
      '  1. First comment', //     9
      '    goes on here.', //      10
      '', //                       11
      '    ReplyDelete', //        12
      '    Replies', //            13
      '    1. A reply', //         14
      '      with more.', //       15
      '', //                       16
      '      Delete', //           17
      '  2. Second comment', //    18
      '', //                       19
      '    ReplyDelete', //        20
    );
    expect(result.problems).toEqual([]);
    const post = result.post!;
    expect(post.declaredCommentCount).toBe(3);
    expect(post.foundCommentCount).toBe(3);
    expect(post.comments).toEqual([
      {
        id: '1',
        writtenNumber: 1,
        author: null,
        text: 'First comment\ngoes on here.',
        line: 9,
        textLine: 9,
        endLine: 17,
        time: null,
        replies: [
          {
            id: '1.1',
            writtenNumber: 1,
            author: null,
            text: 'A reply\nwith more.',
            line: 14,
            textLine: 14,
            endLine: 17,
            time: null,
            replies: [],
          },
        ],
      },
      {
        id: '2',
        writtenNumber: 2,
        author: null,
        text: 'Second comment',
        line: 18,
        textLine: 18,
        endLine: 20,
        time: null,
        replies: [],
      },
    ]);
    expect(post.body).toEqual([{ text: 'Body.', line: 5, endLine: 5 }]);
  });

  it('reads "No comments:" as a declared count of 0', () => {
    const { post, problems } = parse('No comments:');
    expect(post?.declaredCommentCount).toBe(0);
    expect(post?.foundCommentCount).toBe(0);
    expect(post?.comments).toEqual([]);
    expect(post?.body).toEqual([{ text: 'Body.', line: 5, endLine: 5 }]);
    expect(problems).toEqual([]);
  });

  it('reads "1 comment:" as a declared count of 1', () => {
    const { post, problems } = parse('1 comment:', '', '  1. Only one', '', '    ReplyDelete');
    expect(post?.declaredCommentCount).toBe(1);
    expect(post?.foundCommentCount).toBe(1);
    expect(post?.comments.map((c) => c.text)).toEqual(['Only one']);
    expect(problems).toEqual([]);
  });

  it('finds a comment list with no count line, leaving the declared count null', () => {
    const { post, problems } = parse(
      'Posted by Jim',
      '',
      '  1. Hello',
      '',
      '    ReplyDelete',
      '  2. Again',
      '',
      '    ReplyDelete',
    );
    expect(post?.declaredCommentCount).toBeNull();
    expect(post?.foundCommentCount).toBe(2);
    expect(post?.comments.map((c) => [c.id, c.text, c.line])).toEqual([
      ['1', 'Hello', 9],
      ['2', 'Again', 12],
    ]);
    // "Posted by Jim" is the post's footer: its author, not body text.
    expect(post?.body.map((b) => b.text)).toEqual(['Body.']);
    expect(post?.author).toBe('Jim');
    expect(problems).toEqual([]);
  });

  it('warns on the count line when the declared count differs from the comments found, and shows both', () => {
    const { post, problems } = parse(
      '5 comments:',
      '',
      '  1. One',
      '',
      '    ReplyDelete',
      '  2. Two',
      '',
      '    ReplyDelete',
    );
    expect(post?.declaredCommentCount).toBe(5);
    expect(post?.foundCommentCount).toBe(2);
    expect(post?.comments).toHaveLength(2);
    expect(problems).toEqual([
      {
        file: 'post.txt',
        line: 7,
        severity: 'warning',
        message: expect.stringContaining('declares 5 comments but 2 were found'),
      },
    ]);
  });

  it('warns when "No comments:" is followed by a comment anyway', () => {
    const { post, problems } = parse('No comments:', '', '  1. Surprise', '', '    ReplyDelete');
    expect(post?.declaredCommentCount).toBe(0);
    expect(post?.foundCommentCount).toBe(1);
    expect(problems).toEqual([
      expect.objectContaining({ line: 7, message: expect.stringContaining('declares 0 comments but 1 was found') }),
    ]);
  });

  it('counts replies in the comments found', () => {
    const { post, problems } = parse(
      '2 comments:',
      '',
      '  1. Top',
      '    ReplyDelete',
      '    Replies',
      '    1. Reply',
      '      Delete',
    );
    expect(post?.foundCommentCount).toBe(2);
    expect(ids(post!.comments)).toEqual(['1', '1.1']);
    expect(problems).toEqual([]);
  });
});

describe('old-style "Name said..." comments', () => {
  it('keeps the author of an old unindented "Anonymous said..." comment', () => {
    const { post } = parse(
      '2 comments:',
      '',
      'Anonymous said...',
      'Great post.',
      '',
      'Jim Brown said...',
      'I agree',
      'with that.',
    );
    expect(post?.declaredCommentCount).toBe(2);
    expect(post?.comments).toEqual([
      {
        id: '1',
        writtenNumber: null,
        author: 'Anonymous',
        text: 'Great post.',
        line: 9,
        textLine: 10,
        endLine: 10,
        time: null,
        replies: [],
      },
      {
        id: '2',
        writtenNumber: null,
        author: 'Jim Brown',
        text: 'I agree\nwith that.',
        line: 12,
        textLine: 13,
        endLine: 14,
        time: null,
        replies: [],
      },
    ]);
    expect(post?.body.map((b) => b.text)).toEqual(['Body.']);
  });

  it('keeps the author of a "Name said…" header written with an ellipsis character and a colon', () => {
    const { post } = parse('1 comment:', '', 'Jim Brown said…:', '    Indented text.');
    expect(post?.comments).toEqual([expect.objectContaining({ author: 'Jim Brown', text: 'Indented text.' })]);
  });

  it('keeps the author of a numbered "1. Anonymous said..." comment and of a numbered reply', () => {
    const { post, problems } = parse(
      '2 comments:', //              7
      '', //                         8
      '  1. Anonymous said...', //   9
      '    Hello there.', //         10
      '    ReplyDelete', //          11
      '    Replies', //              12
      '    1. Jim Brown said...', // 13
      '      Hi back.', //           14
      '      Delete', //             15
    );
    expect(problems).toEqual([]);
    expect(post?.comments[0]).toMatchObject({
      id: '1',
      writtenNumber: 1,
      author: 'Anonymous',
      text: 'Hello there.',
      line: 9,
    });
    expect(post?.comments[0]!.replies[0]).toMatchObject({
      id: '1.1',
      writtenNumber: 1,
      author: 'Jim Brown',
      text: 'Hi back.',
      line: 13,
      textLine: 14,
      endLine: 15,
    });
  });

  it('does not take a sentence that merely contains "said" as an author', () => {
    const { post } = parse('1 comment:', '', '  1. He said that it was fine.', '    ReplyDelete');
    expect(post?.comments[0]).toMatchObject({ author: null, text: 'He said that it was fine.' });
  });
});

describe('odd comment structure', () => {
  it('warns, naming the comment id, when a comment has no ReplyDelete line', () => {
    const { post, problems } = parse('2 comments:', '', '  1. Cut short', '', '  2. Fine', '', '    ReplyDelete');
    expect(post?.comments.map((c) => c.text)).toEqual(['Cut short', 'Fine']);
    expect(problems).toEqual([
      {
        file: 'post.txt',
        line: 9,
        severity: 'warning',
        message: expect.stringContaining('Comment 1 has no "ReplyDelete"'),
      },
    ]);
  });

  it('warns when the last comment of the file has no ReplyDelete line', () => {
    const { post, problems } = parse('1 comment:', '', '  1. Truncated file', '    and more');
    expect(post?.comments[0]).toMatchObject({ text: 'Truncated file\nand more', line: 9, textLine: 9, endLine: 10 });
    expect(problems).toEqual([
      expect.objectContaining({ line: 9, message: expect.stringContaining('Comment 1 has no "ReplyDelete"') }),
    ]);
  });

  it('warns when a reply has no Delete line after it', () => {
    const { post, problems } = parse(
      '3 comments:', //          7
      '', //                     8
      '  1. Top', //             9
      '    ReplyDelete', //      10
      '    Replies', //          11
      '    1. First reply', //   12
      '', //                     13
      '    2. Second reply', //  14
      '      Delete', //         15
    );
    expect(ids(post!.comments)).toEqual(['1', '1.1', '1.2']);
    expect(post?.comments[0]!.replies.map((r) => r.text)).toEqual(['First reply', 'Second reply']);
    expect(problems).toEqual([
      {
        file: 'post.txt',
        line: 12,
        severity: 'warning',
        message: expect.stringContaining('Comment 1.1 has no "Delete"'),
      },
    ]);
  });

  it('keeps a numbered list inside a top-level comment as its text, not as replies', () => {
    const { post, problems } = parse(
      '1 comment:',
      '',
      '  1. My points:',
      '',
      '    1. first item',
      '    2. second item',
      '',
      '    ReplyDelete',
    );
    expect(post?.foundCommentCount).toBe(1);
    expect(post?.comments[0]!.replies).toEqual([]);
    expect(post?.comments[0]!.text).toBe('My points:\n\n1. first item\n2. second item');
    expect(problems).toEqual([]);
  });

  it('keeps a numbered list inside a reply as the reply text', () => {
    const { post, problems } = parse(
      '2 comments:',
      '',
      '  1. Top',
      '    ReplyDelete',
      '    Replies',
      '    1. List:',
      '      1. a',
      '      2. b',
      '      Delete',
    );
    expect(ids(post!.comments)).toEqual(['1', '1.1']);
    expect(post?.comments[0]!.replies[0]!.text).toBe('List:\n1. a\n2. b');
    expect(problems).toEqual([]);
  });

  it('gives a comment numbered out of order its id by position, with a warning', () => {
    const { post, problems } = parse('2 comments:', '', '  1. One', '    ReplyDelete', '  5. Next', '    ReplyDelete');
    expect(post?.comments.map((c) => [c.id, c.writtenNumber])).toEqual([
      ['1', 1],
      ['2', 5],
    ]);
    expect(problems).toEqual([
      { file: 'post.txt', line: 11, severity: 'warning', message: expect.stringContaining('numbered 5') },
    ]);
  });

  it('gives repeated comment numbers unique positional ids', () => {
    const { post, problems } = parse('2 comments:', '', '  1. One', '    ReplyDelete', '  1. Again', '    ReplyDelete');
    expect(post?.comments.map((c) => c.id)).toEqual(['1', '2']);
    expect(problems).toEqual([expect.objectContaining({ line: 11, severity: 'warning' })]);
  });

  it('keeps text found after a ReplyDelete as part of that comment, with a warning', () => {
    const { post, problems } = parse('1 comment:', '', '  1. One', '    ReplyDelete', '    stray text');
    expect(post?.comments[0]!.text).toBe('One\nstray text');
    expect(post?.comments[0]!.endLine).toBe(11);
    expect(problems).toContainEqual(
      expect.objectContaining({ line: 11, message: expect.stringContaining('after the end of comment 1') }),
    );
  });

  it('accepts trailing spaces and tabs after ReplyDelete, Replies and Delete', () => {
    const { post, problems } = parse(
      '2 comments:  ',
      '',
      '  1. Top',
      '    ReplyDelete  ',
      '    Replies \t',
      '    1. Reply',
      '      Delete   ',
    );
    expect(ids(post!.comments)).toEqual(['1', '1.1']);
    expect(post?.declaredCommentCount).toBe(2);
    expect(post?.comments[0]).toMatchObject({ text: 'Top', endLine: 13 });
    expect(problems).toEqual([]);
  });

  it('ends an unterminated comment at its last line of text, not at the blank line before the next one', () => {
    const { post } = parse(
      '3 comments:', //          7
      '', //                     8
      '  1. Top', //             9
      '    ReplyDelete', //      10
      '    Replies', //          11
      '    1. Reply', //         12
      '      no Delete', //      13
      '', //                     14
      '  2. Cut short', //       15
      '', //                     16
      '  3. Last', //            17
      '    ReplyDelete', //      18
    );
    const [one, two] = post!.comments;
    expect(one!.replies[0]).toMatchObject({ line: 12, textLine: 12, endLine: 13 });
    expect(one).toMatchObject({ line: 9, textLine: 9, endLine: 13 });
    expect(two).toMatchObject({ line: 15, textLine: 15, endLine: 15 });
  });

  it('extends a comment to cover its last reply even when that reply is a single cut-short line', () => {
    const { post } = parse('2 comments:', '', '  1. Top', '    ReplyDelete', '    Replies', '    1. One-line reply');
    expect(post?.comments[0]).toMatchObject({ line: 9, textLine: 9, endLine: 12 });
    expect(post?.comments[0]!.replies[0]).toMatchObject({ line: 12, textLine: 12, endLine: 12 });
  });
});

describe('comment text and indentation', () => {
  it('removes the indentation but keeps inner blank lines, deeper indentation and non-breaking spaces', () => {
    const { post, problems } = parse(
      '1 comment:',
      '',
      '  1. “Quoted\u00a0text” — £5',
      '',
      '',
      '    Second\u00a0paragraph ',
      '      indented deeper',
      '    \u00a0starts with NBSP',
      '',
      '    ReplyDelete',
    );
    expect(post?.comments[0]!.text).toBe(
      '“Quoted\u00a0text” — £5\n\n\nSecond\u00a0paragraph \n  indented deeper\n\u00a0starts with NBSP',
    );
    expect(problems).toEqual([]);
  });

  it('counts a tab as two columns: "\\t1." is a top-level comment and "\\t\\t" lines are its continuation', () => {
    const { post, problems } = parse(
      '2 comments:', //              7
      '', //                         8
      '\t1. Tabbed comment', //      9
      '\t\tmore text', //            10
      '\t\tReplyDelete', //          11
      '\t\tReplies', //              12
      '\t\t1. Tabbed reply', //      13
      '\t\t\treply text', //         14
      '\t\t\tDelete', //             15
    );
    expect(problems).toEqual([]);
    expect(post?.comments).toEqual([
      {
        id: '1',
        writtenNumber: 1,
        author: null,
        text: 'Tabbed comment\nmore text',
        line: 9,
        textLine: 9,
        endLine: 15,
        time: null,
        replies: [
          {
            id: '1.1',
            writtenNumber: 1,
            author: null,
            text: 'Tabbed reply\nreply text',
            line: 13,
            textLine: 13,
            endLine: 15,
            time: null,
            replies: [],
          },
        ],
      },
    ]);
  });

  it('reads a comment section with CRLF line ends and trailing spaces', () => {
    const text =
      [...HEAD, '1 comment: ', '', '  1. Hello  ', '    world', '', '    ReplyDelete  '].join('\r\n') + '\r\n';
    const { post, problems } = parseSeed(text, 'crlf.txt');
    expect(post?.declaredCommentCount).toBe(1);
    expect(post?.comments).toEqual([
      {
        id: '1',
        writtenNumber: 1,
        author: null,
        text: 'Hello  \nworld',
        line: 9,
        textLine: 9,
        endLine: 12,
        time: null,
        replies: [],
      },
    ]);
    expect(problems).toEqual([]);
  });
});

describe('old unnumbered comments', () => {
  it('does not warn about a missing ReplyDelete on "Name said..." comments, which never had one', async () => {
    const { parseSeed } = await import('./parse-seed');
    const { problems } = parseSeed(
      'Monday 20 May 2019\n\nT\n\nBody.\n\n2 comments:\n\nAnonymous said...\nGreat post.\n\nJim Brown said...\nI agree.\n',
      'said.txt',
    );
    expect(problems).toEqual([]);
  });
});

describe('textLine', () => {
  it('maps each line of a comment text to its file line, also when the text starts below the number', () => {
    const { post } = parse(
      '2 comments:',
      '',
      '  1.',
      '',
      '    First line',
      '',
      '    Third line',
      '',
      '    ReplyDelete',
      '  2. Inline start',
      '    next',
      '    ReplyDelete',
    );
    const [first, second] = post!.comments;
    expect(first!.text).toBe('First line\n\nThird line');
    expect(first!.textLine).toBe(first!.line + 2);
    expect(second!.textLine).toBe(second!.line);
  });
});
