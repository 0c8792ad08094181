import type { SearchHit, SearchOptions } from '../types';
import type { IndexDb } from '../db';
import { SHARD_SCHEMAS, SHARDS } from '../schema';
import { hasPrefix, type FtsQuery } from './query';
import { statement } from './statements';

/**
 * How many matching texts are ranked at most. bm25 costs a few microseconds a row (it reads
 * each text's length), so ranking the 170,000 texts of a 5,000-post library that hold "the"
 * would take most of a second; a bound keeps every search within a few milliseconds.
 */
export const RANK_BOUND = 1000;
/** A prefix query ranks fewer: bm25 reads every term the prefix stands for in each text. */
export const PREFIX_RANK_BOUND = 500;

/** Which texts a search looks in. */
/** What a search is limited to: the options less how many posts to answer with. */
export type SearchFilters = Omit<SearchOptions, 'limit'>;

/**
 * A matching text and its bm25 score (lower is better). Its post, kind and title are there when
 * the ranking query joined them (a filtered search), otherwise looked up later for a page's rows.
 */
export interface RankedText {
  rowid: number;
  score: number;
  postId?: string;
  kind?: SearchHit['kind'];
  ref?: string | null;
  title?: string;
  date?: string | null;
}

/** The ranked matches, best first, and whether more texts matched than were ranked. */
export interface Ranking {
  ranked: RankedText[];
  sampled: boolean;
}

/** The filters as SQL conditions over the texts (`d`) and their posts (`p`), with their parameters in order. */
export function filterConditions(filters: SearchFilters): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.kinds?.length) {
    where.push(`d.kind IN (${filters.kinds.map(() => '?').join(',')})`);
    params.push(...filters.kinds);
  }
  if (filters.from) {
    where.push('p.date >= ?');
    params.push(filters.from);
  }
  if (filters.to) {
    where.push('p.date <= ?');
    params.push(filters.to);
  }
  if (filters.sourceKey) {
    where.push('d.source_key = ?');
    params.push(filters.sourceKey);
  }
  return { where, params };
}

/**
 * The statement that ranks one shard's newest `perShard` matches by bm25 (titles weighted 5×),
 * with the filters applied as matches are read (so a filter never empties a page).
 */
function rankingStatement(db: IndexDb, shard: string, where: string[], perShard: number) {
  return where.length
    ? statement(
        db,
        `SELECT f.rowid, bm25(docs_fts, 5.0, 1.0), d.post_id, d.kind, d.ref, p.title, p.date
         FROM ${shard}.docs_fts f JOIN ${shard}.docs d ON d.rowid = f.rowid JOIN main.posts p ON p.id = d.post_id
         WHERE docs_fts MATCH ? AND ${where.join(' AND ')}
         ORDER BY f.rowid DESC LIMIT ${perShard}`,
        true,
      )
    : // No filter: the texts' post, kind and title are looked up for the page's rows only.
      statement(
        db,
        `SELECT rowid, bm25(docs_fts, 5.0, 1.0) FROM ${shard}.docs_fts WHERE docs_fts MATCH ? ORDER BY rowid DESC LIMIT ${perShard}`,
        true,
      );
}

/** A row of the ranking statement (an array: a common word ranks a thousand rows, and an object for each is a large share of the work). */
function rankedText(row: unknown[]): RankedText {
  return row.length > 2
    ? {
        rowid: row[0] as number,
        score: row[1] as number,
        postId: row[2] as string,
        kind: row[3] as SearchHit['kind'],
        ref: row[4] as string | null,
        title: row[5] as string,
        date: row[6] as string | null,
      }
    : { rowid: row[0] as number, score: row[1] as number };
}

/**
 * The best of at most RANK_BOUND matches by bm25, newest in the index first, from every shard
 * (schema.ts), each ranking the newest `bound / SHARDS` of its own matches: the shards fill side
 * by side, so these are about the newest `bound` of the library, and a search ranks no more
 * texts than with one shard. bm25's statistics (how rare a word is, how long texts are) are each
 * shard's own: the shards are halves of one library cut batch by batch, so they differ very little.
 */
export function rankMatches(db: IndexDb, query: FtsQuery, filters: SearchFilters): Ranking {
  const { where, params } = filterConditions(filters);
  const bound = hasPrefix(query) ? PREFIX_RANK_BOUND : RANK_BOUND;
  const perShard = Math.ceil(bound / SHARDS);
  let sampled = false;
  const ranked: RankedText[] = [];
  for (const shard of SHARD_SCHEMAS) {
    const rows = rankingStatement(db, shard, where, perShard).all(query.match, ...params) as unknown[][];
    if (rows.length >= perShard) sampled = true;
    for (const row of rows) ranked.push(rankedText(row));
  }
  ranked.sort((a, b) => a.score - b.score || b.rowid - a.rowid);
  return { ranked, sampled };
}
