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
  /** Each year's heading: the year ("2019"), or its one month ("May 2014") when all its posts are in that month. */
  headings: string[];
  /** Rows per year. */
  groupCounts: number[];
  /** All rows, year after year. */
  rows: PostRow[];
  /** Row index of each post, by id. */
  rowOf: Map<string, number>;
  /** Each year's posts, in the order of `years`. */
  yearPosts: PostSummary[][];
}

/**
 * The list's rows. A month heading is shown only where it tells the reader something: a year
 * whose posts all fall in one month has no month heading, its year heading names the month
 * instead ("May 2014"), and undated posts have none. Every post shows its own date anyway.
 */
export function postRows(groups: PostGroup[]): PostRows {
  const rows: PostRow[] = [];
  const rowOf = new Map<string, number>();
  const groupCounts: number[] = [];
  const headings: string[] = [];
  let order = 0;
  for (const group of groups) {
    const start = rows.length;
    const oneMonth = group.months.length === 1 ? group.months[0]!.label : null;
    headings.push(oneMonth ?? group.year);
    for (const month of group.months) {
      if (!oneMonth)
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
  return { headings, groupCounts, rows, rowOf, yearPosts: groups.map((g) => g.months.flatMap((m) => m.posts)) };
}

/** What a post is called in the list and its header: its title, or for an untitled post its first words. */
export interface PostLabel {
  text: string;
  /** The post has no title: `text` is its first words (or says it has none), to be shown as such. */
  untitled: boolean;
}

export function postLabel(post: Pick<PostSummary, 'title' | 'lead'>): PostLabel {
  if (post.title) return { text: post.title, untitled: false };
  return { text: post.lead || 'No title and no text', untitled: true };
}

/**
 * The posts that are a second (third…) copy of another: the same date, title and first words in
 * another file, as a page saved twice. The copy in the first file by path is the original (the
 * index keeps its id); each other copy maps to its own file, which the list shows beside it.
 */
export function copiesOf(posts: readonly PostSummary[]): Map<string, string> {
  const byKey = new Map<string, PostSummary[]>();
  for (const post of posts) {
    const key = `${post.date ?? ''}\u0000${post.title}\u0000${post.lead}`;
    const same = byKey.get(key);
    if (same) same.push(post);
    else byKey.set(key, [post]);
  }
  const copies = new Map<string, string>();
  for (const same of byKey.values()) {
    if (same.length < 2) continue;
    const [, ...others] = [...same].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const copy of others) copies.set(copy.id, copy.file);
  }
  return copies;
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
