import { describe, expect, it } from 'vitest';
import type { PostSummary, Problem } from '../../../preload/api';
import { parseSeed } from '../../../main/core/parse';
import { groupProblems, targetOfLine } from './problem-groups';

const warning = (file: string, line: number | null, message: string): Problem => ({
  file,
  line,
  severity: 'warning',
  message,
});
const summary = (id: string, file: string): PostSummary => ({
  id,
  title: id,
  lead: '',
  date: null,
  dateText: null,
  foundCommentCount: 0,
  declaredCommentCount: null,
  file,
  articleCount: 0,
  author: null,
  format: 'text',
  draft: false,
});

describe('the problems panel', () => {
  it('groups problems by file (unreadable files first) and by kind, with the post each file holds', () => {
    const problems: Problem[] = [
      warning('b.txt', 90, 'Comment 5 is numbered 7 in the file; it is shown as 5, by its place in the thread.'),
      warning('b.txt', 40, 'The post declares 30 comments but 2 were found; both are shown.'),
      warning('b.txt', 60, 'Comment 3 is numbered 4 in the file; it is shown as 3, by its place in the thread.'),
      { file: 'a.txt', line: null, severity: 'error', message: 'Reading the post failed: the file is empty.' },
      warning('c.txt', 1, 'The date line names Tuesday; the date is kept as written.'),
    ];
    const groups = groupProblems(problems, [summary('post-b', 'b.txt'), summary('post-c', 'c.txt')]);
    expect(groups.map((g) => [g.file, g.post?.id ?? null, g.errors])).toEqual([
      ['a.txt', null, 1],
      ['b.txt', 'post-b', 0],
      ['c.txt', 'post-c', 0],
    ]);
    expect(groups[1]!.kinds.map((k) => [k.message.slice(0, 24), k.problems.map((p) => p.line)])).toEqual([
      ['The post declares 30 com', [40]],
      ['Comment 3 is numbered 4 ', [60, 90]],
    ]);
  });

  it('finds the comment, reply or paragraph holding a line, and the first comment for the count line', () => {
    const text = [
      'Monday 20 May 2019', // 1
      '',
      'A Title', // 3
      '',
      'First paragraph.', // 5
      '',
      'Second paragraph.', // 7
      '',
      '2 comments:', // 9
      '',
      '  1. A comment', // 11
      '    ReplyDelete',
      '    Replies',
      '    1. A reply', // 14
      '      Delete',
      '  2. Another', // 16
      '    ReplyDelete',
    ].join('\n');
    const post = parseSeed(text, 'x.txt').post!;
    expect(targetOfLine(post, 1)).toBeNull();
    expect(targetOfLine(post, 5)).toEqual({ bodyLine: 5 });
    expect(targetOfLine(post, 6)).toEqual({ bodyLine: 5 });
    expect(targetOfLine(post, 7)).toEqual({ bodyLine: 7 });
    expect(targetOfLine(post, 9)).toEqual({ commentId: '1' });
    expect(targetOfLine(post, 11)).toEqual({ commentId: '1' });
    expect(targetOfLine(post, 14)).toEqual({ commentId: '1.1' });
    expect(targetOfLine(post, 16)).toEqual({ commentId: '2' });
  });
});
