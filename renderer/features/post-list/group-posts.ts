import type { PostSummary, ReadCounts } from '../../../preload/api';
import { formatMonth } from '../../ui/format';

export interface PostGroup {
  year: string;
  months: { label: string; posts: PostSummary[] }[];
}

/** Groups posts (already newest first) by year, then month, keeping their order. */
export function groupPosts(posts: PostSummary[]): PostGroup[] {
  const groups: PostGroup[] = [];
  for (const post of posts) {
    const year = post.date?.slice(0, 4) ?? 'Undated';
    const label = formatMonth(post.date);
    let group = groups[groups.length - 1];
    if (!group || group.year !== year) groups.push((group = { year, months: [] }));
    let month = group.months[group.months.length - 1];
    if (!month || month.label !== label) group.months.push((month = { label, posts: [] }));
    month.posts.push(post);
  }
  return groups;
}

/** A row of the post list under its year: a month heading or a post. */
export type PostRow =
  | {
      kind: 'month';
      label: string;
      /** "2019-05" (what "mark read" covers); null for undated posts. */
      month: string | null;
      posts: PostSummary[];
    }
  | { kind: 'post'; post: PostSummary; order: number };

/** The groups as a virtualised list sees them: one group per year, whose rows are its month headings and posts. */
export interface PostRows {
  years: string[];
  /** Rows per year. */
  groupCounts: number[];
  /** All rows, year after year. */
  rows: PostRow[];
  /** Row index of each post, by id. */
  rowOf: Map<string, number>;
  /** Each year's posts, in the order of `years`. */
  yearPosts: PostSummary[][];
}

export function postRows(groups: PostGroup[]): PostRows {
  const rows: PostRow[] = [];
  const rowOf = new Map<string, number>();
  const groupCounts: number[] = [];
  let order = 0;
  for (const group of groups) {
    const start = rows.length;
    for (const month of group.months) {
      rows.push({
        kind: 'month',
        label: month.label,
        month: month.posts[0]?.date?.slice(0, 7) ?? null,
        posts: month.posts,
      });
      for (const post of month.posts) {
        rowOf.set(post.id, rows.length);
        rows.push({ kind: 'post', post, order: order++ });
      }
    }
    groupCounts.push(rows.length - start);
  }
  return {
    years: groups.map((g) => g.year),
    groupCounts,
    rows,
    rowOf,
    yearPosts: groups.map((g) => g.months.flatMap((m) => m.posts)),
  };
}

/**
 * Unread and New counts summed over posts (a month's, a year's); a post whose counts have not
 * arrived counts its text and every comment unread.
 */
export function sumCounts(posts: readonly PostSummary[], counts: Record<string, ReadCounts>): ReadCounts {
  const sum = { unread: 0, fresh: 0 };
  for (const post of posts) {
    const c = counts[post.id];
    sum.unread += c ? c.unread : post.foundCommentCount + 1;
    sum.fresh += c?.fresh ?? 0;
  }
  return sum;
}
