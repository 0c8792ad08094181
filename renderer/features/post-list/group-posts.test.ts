import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../../preload/api';
import { copiesOf, groupPosts, postLabel, postRows, sumCounts } from './group-posts';

const post = (id: string, date: string | null, more: Partial<PostSummary> = {}): PostSummary => ({
  id,
  title: id,
  lead: '',
  date,
  dateText: null,
  foundCommentCount: 0,
  declaredCommentCount: null,
  file: `${id}.txt`,
  articleCount: 0,
  author: null,
  format: 'text',
  draft: false,
  ...more,
});

describe('groupPosts', () => {
  it('groups newest-first posts by year, then month, keeping order, undated last', () => {
    const groups = groupPosts([
      post('a', '2019-05-20'),
      post('b', '2019-05-01'),
      post('c', '2019-03-02'),
      post('d', '2014-05-07'),
      post('e', null),
    ]);
    expect(groups.map((g) => [g.year, g.months.map((m) => [m.label, m.posts.map((p) => p.id)])])).toEqual([
      [
        '2019',
        [
          ['May 2019', ['a', 'b']],
          ['March 2019', ['c']],
        ],
      ],
      ['2014', [['May 2014', ['d']]]],
      ['Undated', [['Undated', ['e']]]],
    ]);
  });
});

describe('postRows', () => {
  it('makes one group per year whose rows are its month headings and posts, with each post row found by id', () => {
    const posts = [
      post('a', '2019-05-20'),
      post('b', '2019-05-01'),
      post('c', '2019-03-02'),
      post('d', '2014-05-07'),
      post('e', '2014-04-07'),
    ];
    const { headings, groupCounts, rows, rowOf } = postRows(groupPosts(posts));
    expect(headings).toEqual(['2019', '2014']);
    expect(groupCounts).toEqual([5, 4]);
    expect(rows.map((r) => (r.kind === 'month' ? r.label : `${r.post.id}#${r.order}`))).toEqual([
      'May 2019',
      'a#0',
      'b#1',
      'March 2019',
      'c#2',
      'May 2014',
      'd#3',
      'April 2014',
      'e#4',
    ]);
    expect([...rowOf]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 4],
      ['d', 6],
      ['e', 8],
    ]);
  });

  it('shows no month heading in a year whose posts are all in one month, nor for undated posts: the year heading names the month', () => {
    const posts = [post('a', '2019-05-20'), post('b', '2019-05-01'), post('d', '2014-05-07'), post('u', null)];
    const { headings, groupCounts, rows } = postRows(groupPosts(posts));
    expect(headings).toEqual(['May 2019', 'May 2014', 'Undated']);
    expect(groupCounts).toEqual([2, 1, 1]);
    expect(rows.every((r) => r.kind === 'post')).toBe(true);
  });
});

describe('postLabel', () => {
  it('is the title, or for an untitled post its first words, marked as such', () => {
    expect(postLabel({ title: 'Latest From Napo 188', lead: '' })).toEqual({
      text: 'Latest From Napo 188',
      untitled: false,
    });
    expect(postLabel({ title: '', lead: 'The regional office wrote…' })).toEqual({
      text: 'The regional office wrote…',
      untitled: true,
    });
    expect(postLabel({ title: '', lead: '' })).toEqual({ text: 'No title and no text', untitled: true });
  });
});

describe('copiesOf', () => {
  it('marks each later copy of a post (same date, title and first words, another file) with its own file', () => {
    const posts = [
      post('x~b', '2019-05-20', { title: 'Napo News', file: 'b/napo.txt' }),
      post('x', '2019-05-20', { title: 'Napo News', file: 'a/napo.txt' }),
      post('x~c', '2019-05-20', { title: 'Napo News', file: 'c.txt' }),
      post('y', '2019-05-20', { title: 'Another' }),
      post('z', '2018-05-20', { title: 'Napo News' }),
      post('u1', null, { title: '', lead: 'One text' }),
      post('u2', null, { title: '', lead: 'Other text' }),
    ];
    expect([...copiesOf(posts)]).toEqual([
      ['x~b', 'b/napo.txt'],
      ['x~c', 'c.txt'],
    ]);
  });
});

describe('sumCounts', () => {
  it('adds unread and New counts over posts, counting a post without counts all unread', () => {
    const posts = [post('a', '2019-05-20'), post('b', '2019-05-01'), { ...post('c', null), foundCommentCount: 4 }];
    expect(sumCounts(posts, { a: { unread: 3, fresh: 1 }, b: { unread: 0, fresh: 0 } })).toEqual({
      unread: 8,
      fresh: 1,
    });
  });

  it('gives each month row its month key and posts', () => {
    const { rows, yearPosts } = postRows(
      groupPosts([post('a', '2019-05-20'), post('b', '2019-04-02'), post('c', '2019-04-01'), post('e', null)]),
    );
    // A year of one month, and the undated posts, have no month rows: the year's heading says it all.
    expect(rows.filter((r) => r.kind === 'month').map((r) => r.kind === 'month' && [r.month, r.posts.length])).toEqual([
      ['2019-05', 1],
      ['2019-04', 2],
    ]);
    expect(yearPosts.map((p) => p.map((x) => x.id))).toEqual([['a', 'b', 'c'], ['e']]);
  });
});
