import { BUSIEST_THREADS, fillMonths, type LibraryMonth, type LibraryTimeline } from '../shared/timeline';
import type { IndexDb } from './db';
import { statement } from './search/statements';

/**
 * The library per month: how many posts are dated in each and how many comments they hold
 * (every month from the first post to the last), the undated posts, and the threads with the
 * most comments. Two queries over `posts` (a row a post), no full-text index read.
 */
export function libraryTimeline(db: IndexDb): LibraryTimeline {
  const rows = statement(
    db,
    `SELECT substr(date, 1, 7) AS month, count(*) AS posts, sum(found_count) AS comments
     FROM main.posts GROUP BY month ORDER BY month`,
  ).all() as { month: string | null; posts: number; comments: number }[];
  const undatedRow = rows.find((row) => row.month === null);
  const dated = rows.filter((row): row is LibraryMonth => row.month !== null);
  const byMonth = new Map(dated.map((row) => [row.month, row]));
  const months = dated.length
    ? fillMonths(
        dated[0]!.month,
        dated[dated.length - 1]!.month,
        (month) => byMonth.get(month),
        (month) => ({ month, posts: 0, comments: 0 }),
      )
    : [];
  const busiest = statement(
    db,
    `SELECT id AS postId, title, lead, date, found_count AS comments FROM main.posts
     WHERE found_count > 0 ORDER BY found_count DESC, date DESC, id LIMIT ${BUSIEST_THREADS}`,
  ).all() as LibraryTimeline['busiest'];
  return {
    months,
    undated: { posts: undatedRow?.posts ?? 0, comments: undatedRow?.comments ?? 0 },
    busiest,
  };
}
