import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../../preload/api';
import { groupPosts, postRows, sumCounts } from './group-posts';

const post = (id: string, date: string | null): PostSummary => ({
  id,
  title: id,
  date,
  dateText: null,
  foundCommentCount: 0,
  declaredCommentCount: null,
  file: `${id}.txt`,
  articleCount: 0,
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
    const posts = [post('a', '2019-05-20'), post('b', '2019-05-01'), post('c', '2019-03-02'), post('d', '2014-05-07')];
    const { years, groupCounts, rows, rowOf } = postRows(groupPosts(posts));
    expect(years).toEqual(['2019', '2014']);
    expect(groupCounts).toEqual([5, 2]);
    expect(rows.map((r) => (r.kind === 'month' ? r.label : `${r.post.id}#${r.order}`))).toEqual([
      'May 2019',
      'a#0',
      'b#1',
      'March 2019',
      'c#2',
      'May 2014',
      'd#3',
    ]);
    expect([...rowOf]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 4],
      ['d', 6],
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
    const { rows, yearPosts } = postRows(groupPosts([post('a', '2019-05-20'), post('e', null)]));
    expect(rows.filter((r) => r.kind === 'month').map((r) => r.kind === 'month' && [r.month, r.posts.length])).toEqual([
      ['2019-05', 1],
      [null, 1],
    ]);
    expect(yearPosts.map((p) => p.map((x) => x.id))).toEqual([['a'], ['e']]);
  });
});
