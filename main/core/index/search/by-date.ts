import type { IndexDb } from '../db';
import { SHARD_SCHEMAS } from '../schema';
import type { FtsQuery } from './query';
import { authorRowids, filterConditions, filterList, PROBE, type RankedText, type SearchFilters } from './rank';
import { statement } from './statements';
import type { SearchHit } from '../types';

/** Posts read at a time, newest first, when a common search walks the library by date. */
const WALK_CHUNK = 100;
/** Posts a walk reads before ranking every match in SQL instead (the matches lie in a few old posts). */
const WALK_LIMIT = 3000;
/** Hits kept per post. */
const HITS_PER_POST = 3;

type Row = [number, string, SearchHit['kind'], string | null, string, string | null, string | null];

const toRanked = (r: Row, score: number): RankedText => ({
  rowid: r[0],
  score,
  postId: r[1],
  kind: r[2],
  ref: r[3],
  title: r[4],
  date: r[5],
  author: r[6],
});

/** Every matching text of the library with its post, newest post first, in SQL (a rare search, or a long walk). */
function allByDate(db: IndexDb, query: FtsQuery, filters: SearchFilters): RankedText[] {
  const { where, params } = filterConditions(filters);
  const rows = SHARD_SCHEMAS.flatMap((shard) => {
    // An author's texts are looked up by rowid, not every match read (rank.ts authorRowids()).
    const byAuthor = authorRowids(shard, filters);
    return statement(
      db,
      `SELECT f.rowid, d.post_id, d.kind, d.ref, p.title, p.date, d.author
       FROM ${shard}.docs_fts f JOIN ${shard}.docs d ON d.rowid = f.rowid JOIN main.posts p ON p.id = d.post_id
       WHERE docs_fts MATCH ?${[...(byAuthor ? [byAuthor.sql] : []), ...where].map((w) => ` AND ${w}`).join('')}`,
      true,
    ).all(query.match, ...(byAuthor?.params ?? []), ...params) as Row[];
  });
  // Newest post first (undated last), a post's texts in the order of its thread.
  rows.sort((a, b) => (b[5] ?? '').localeCompare(a[5] ?? '') || a[1].localeCompare(b[1]) || a[0] - b[0]);
  return rows.map((r, i) => toRanked(r, i));
}

/**
 * The matching texts of the newest posts holding any, enough for `limit` posts, newest first and
 * each post's in thread order (score: the order). A search with few matches reads them all; a
 * common one walks the posts newest first, asking each shard for the post's matches through the
 * post's rowid range (a post's texts are written together, so they are one range in each shard).
 */
export function matchesByDate(db: IndexDb, query: FtsQuery, filters: SearchFilters, limit: number): RankedText[] {
  const few = SHARD_SCHEMAS.every(
    (shard) =>
      (
        statement(db, `SELECT rowid FROM ${shard}.docs_fts WHERE docs_fts MATCH ? LIMIT ${PROBE + 1}`)
          .pluck()
          .all(query.match) as number[]
      ).length <= PROBE,
  );
  // An author's matches are read whole: walking the posts would read every post's matches to find theirs.
  if (few || filters.author?.trim()) return allByDate(db, query, filters);
  // The post's conditions pick the posts walked; the text's are applied to each match.
  const conditions = filterList(filters);
  const postWhere = conditions.filter((c) => c.on === 'post').map((c) => c.sql);
  const postParams = conditions.filter((c) => c.on === 'post').flatMap((c) => c.params);
  const posts = statement(
    db,
    `SELECT p.id FROM main.posts p${postWhere.length ? ` WHERE ${postWhere.join(' AND ')}` : ''}
     ORDER BY p.date DESC, p.title LIMIT ? OFFSET ?`,
  ).pluck();
  const textWhere = conditions.filter((c) => c.on === 'text').map((c) => c.sql);
  const textParams = conditions.filter((c) => c.on === 'text').flatMap((c) => c.params);
  const ranges = SHARD_SCHEMAS.map((shard) =>
    statement(db, `SELECT min(rowid), max(rowid) FROM ${shard}.docs WHERE post_id = ?`, true),
  );
  const inRange = SHARD_SCHEMAS.map((shard) =>
    statement(
      db,
      `SELECT f.rowid, d.post_id, d.kind, d.ref, p.title, p.date, d.author
       FROM ${shard}.docs_fts f JOIN ${shard}.docs d ON d.rowid = f.rowid JOIN main.posts p ON p.id = d.post_id
       WHERE docs_fts MATCH ? AND f.rowid BETWEEN ? AND ?${textWhere.map((w) => ` AND ${w}`).join('')}
       ORDER BY f.rowid LIMIT ${HITS_PER_POST}`,
      true,
    ),
  );
  const found: RankedText[] = [];
  let postsFound = 0;
  for (let offset = 0; offset < WALK_LIMIT && postsFound < limit; offset += WALK_CHUNK) {
    const chunk = posts.all(...postParams, WALK_CHUNK, offset) as string[];
    if (!chunk.length) return found;
    for (const postId of chunk) {
      const hits: Row[] = [];
      SHARD_SCHEMAS.forEach((_, i) => {
        const [lo, hi] = ranges[i]!.get(postId) as [number | null, number | null];
        if (lo === null || hi === null) return;
        hits.push(...(inRange[i]!.all(query.match, lo, hi, ...textParams) as Row[]));
      });
      if (!hits.length) continue;
      hits.sort((a, b) => a[0] - b[0]);
      for (const hit of hits.slice(0, HITS_PER_POST)) found.push(toRanked(hit, found.length));
      if (++postsFound >= limit) break;
    }
  }
  return postsFound >= limit ? found : allByDate(db, query, filters);
}
