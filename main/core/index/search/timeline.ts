/**
 * Where a search's matches fall in time: every matching text of the library counted by its post's
 * month, not a sample. A common word matches most of the library (at 20,000 posts "the" is in
 * 670,000 texts), so the per-text work is kept to reading rowids from the full-text index, with
 * no bm25 and no row of `docs` or `posts` read: each rowid is mapped to its post's date through
 * a lookup built once per connection from the index's small tables, and built again only after
 * the index has changed.
 */
import { fillMonths, monthOf, type MonthCount, type SearchTimeline } from '../../shared/timeline';
import type { IndexDb } from '../db';
import { SHARD_SCHEMAS, SHARDS } from '../schema';
import { toFtsQuery } from './query';
import { authorRowids, filterConditions, type SearchFilters } from './rank';
import { statement } from './statements';

/** A post's date as a number: 20140315 for "2014-03-15", 0 when undated. */
export const dayNumber = (date: string | null): number =>
  date ? Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10)) : 0;

/** No text has this rowid (a gap left by a removed post): never counted. */
const NO_TEXT = -1;

/**
 * The date of each text's post, per shard: `days[shard][rowid / SHARDS]` (shard k holds the
 * rowids ≡ k mod SHARDS, so each array is dense), as dayNumber() writes it. About 4 bytes a text.
 */
interface DayLookup {
  /** What the index was when the lookup was built (indexStamp()). */
  stamp: string;
  days: Int32Array[];
  /** The first and last month of any dated post (201403 for March 2014); 0 when none is dated. */
  firstMonth: number;
  lastMonth: number;
  /** Each text's kind (KIND_CODES), laid out as `days`; made when a search is first narrowed by kind. */
  kinds?: Uint8Array[];
}

/** A text's kind as a number, in the kinds lookup (0: no text). */
const KIND_CODES = { post: 1, comment: 2, article: 3 } as const;

/** A shard's texts one row a post: its id, first and last rowid, and how many texts it has there. */
const runsOf = (db: IndexDb, shard: string) =>
  statement(
    db,
    `SELECT post_id, min(rowid), max(rowid), count(*) FROM ${shard}.docs INDEXED BY docs_by_post GROUP BY post_id`,
    true,
  ).all() as [string, number, number, number][];

/** Whether a post's texts in a shard are an unbroken run of rowids. */
const unbroken = (first: number, last: number, count: number) => (last - first) / SHARDS + 1 === count;

const lookups = new WeakMap<IndexDb, DayLookup>();

/**
 * Changes whenever a table of the index or a shard changes: data_version moves when another
 * connection (a parse worker) commits, total_changes() when this one writes.
 */
function indexStamp(db: IndexDb): string {
  const versions = ['main', ...SHARD_SCHEMAS].map((schema) => db.pragma(`${schema}.data_version`, { simple: true }));
  return `${versions.join(':')}:${statement(db, 'SELECT total_changes()', true).pluck().get() as number}`;
}

/**
 * Builds the lookup from `posts` (a few thousand rows) and each shard's `docs_by_post` index,
 * read as one row per post: a post's texts are written together, so their rowids in a shard
 * are an unbroken run and one fill() places them all. A post whose texts are not (none known
 * yet, but nothing promises it) has its rowids read one by one.
 */
function buildLookup(db: IndexDb, stamp: string): DayLookup {
  const dayOfPost = new Map<string, number>();
  let firstDay = Infinity;
  let lastDay = 0;
  for (const [id, date] of statement(db, 'SELECT id, date FROM main.posts', true).iterate() as Iterable<
    [string, string | null]
  >) {
    const day = dayNumber(date);
    dayOfPost.set(id, day);
    if (day > 0) [firstDay, lastDay] = [Math.min(firstDay, day), Math.max(lastDay, day)];
  }
  const [firstMonth, lastMonth] = lastDay ? [Math.floor(firstDay / 100), Math.floor(lastDay / 100)] : [0, 0];
  const days = SHARD_SCHEMAS.map((shard) => {
    const max = statement(db, `SELECT max(rowid) FROM ${shard}.docs`, true).pluck().get() as number | null;
    const slots = new Int32Array(max === null ? 0 : Math.floor(max / SHARDS) + 1).fill(NO_TEXT);
    for (const [postId, first, last, count] of runsOf(db, shard)) {
      // A text whose post is not in `posts` (written before its post, mid-update) is left out, as a search leaves it out.
      const day = dayOfPost.get(postId) ?? NO_TEXT;
      if (unbroken(first, last, count)) slots.fill(day, Math.floor(first / SHARDS), Math.floor(last / SHARDS) + 1);
      else
        for (const rowid of statement(db, `SELECT rowid FROM ${shard}.docs WHERE post_id = ?`, true)
          .pluck()
          .iterate(postId) as Iterable<number>)
          slots[Math.floor(rowid / SHARDS)] = day;
    }
    return slots;
  });
  return { stamp, days, firstMonth, lastMonth };
}

/**
 * Adds each text's kind to the lookup without reading the texts' rows: a post's texts are
 * written as its body, then its comments (`posts.found_count`, replies included), then its
 * quoted articles (`articles` of kind 'article'), so a run of that many texts is laid out by
 * those counts. A post whose run is broken or of another length has its texts' kinds read.
 */
function kindLookup(db: IndexDb, lookup: DayLookup): Uint8Array[] {
  if (lookup.kinds) return lookup.kinds;
  const shape = new Map<string, { comments: number; articles: number }>();
  for (const [id, comments] of statement(db, 'SELECT id, found_count FROM main.posts', true).iterate() as Iterable<
    [string, number]
  >)
    shape.set(id, { comments, articles: 0 });
  for (const [postId, articles] of statement(
    db,
    "SELECT post_id, count(*) FROM main.articles WHERE kind = 'article' GROUP BY post_id",
    true,
  ).iterate() as Iterable<[string, number]>) {
    const post = shape.get(postId);
    if (post) post.articles = articles;
  }
  lookup.kinds = SHARD_SCHEMAS.map((shard, index) => {
    const kinds = new Uint8Array(lookup.days[index]!.length);
    for (const [postId, first, last, count] of runsOf(db, shard)) {
      const post = shape.get(postId);
      const at = Math.floor(first / SHARDS);
      if (post && unbroken(first, last, count) && count === 1 + post.comments + post.articles) {
        kinds[at] = KIND_CODES.post;
        kinds.fill(KIND_CODES.comment, at + 1, at + 1 + post.comments);
        kinds.fill(KIND_CODES.article, at + 1 + post.comments, at + count);
      } else
        for (const [rowid, kind] of statement(
          db,
          `SELECT rowid, kind FROM ${shard}.docs WHERE post_id = ?`,
          true,
        ).iterate(postId) as Iterable<[number, keyof typeof KIND_CODES]>)
          kinds[Math.floor(rowid / SHARDS)] = KIND_CODES[kind] ?? 0;
    }
    return kinds;
  });
  return lookup.kinds;
}

/** The lookup for the index as it is now: the connection's own, unless the index changed since it was built. */
function dayLookup(db: IndexDb): DayLookup {
  const stamp = indexStamp(db);
  let lookup = lookups.get(db);
  if (lookup?.stamp !== stamp) lookups.set(db, (lookup = buildLookup(db, stamp)));
  return lookup;
}

/** Whether a filter needs each matching text's row of `docs` (its source or author). */
const readsRows = (filters: SearchFilters) => !!(filters.sourceKey || filters.author?.trim());

/**
 * The rowids of one shard's texts that match, narrowed by source or author (and kind) when
 * asked: that needs a text's row of `docs`, so only then is it read.
 */
function matchingRowids(db: IndexDb, shard: string, match: string, filters: SearchFilters): number[] {
  const { where, params } = filterConditions(
    readsRows(filters) ? { kinds: filters.kinds, sourceKey: filters.sourceKey, author: filters.author } : {},
  );
  // An author's texts are looked up by rowid, not every match read (rank.ts authorRowids()).
  const byAuthor = authorRowids(shard, filters);
  if (byAuthor) where.unshift(byAuthor.sql);
  const sql = where.length
    ? `SELECT f.rowid FROM ${shard}.docs_fts f JOIN ${shard}.docs d ON d.rowid = f.rowid WHERE docs_fts MATCH ? AND ${where.join(' AND ')}`
    : `SELECT rowid FROM ${shard}.docs_fts WHERE docs_fts MATCH ?`;
  return statement(db, sql, true)
    .pluck()
    .all(match, ...(byAuthor?.params ?? []), ...params) as number[];
}

/**
 * How many texts match the search in each month, by the date of their post, over the whole
 * library: the same words and filters as search() (kinds, From and To dates, source, author), every
 * match counted. Months between the first and last with a match are there with 0.
 * Never throws on what a user types.
 */
export function searchTimeline(db: IndexDb, input: string, filters: SearchFilters = {}): SearchTimeline {
  const started = performance.now();
  const query = toFtsQuery(input);
  if (!query.match) return { months: [], undated: 0, total: 0, ms: performance.now() - started };
  const lookup = dayLookup(db);
  const from = filters.from ? dayNumber(filters.from) : 0;
  const to = filters.to ? dayNumber(filters.to) : Infinity;
  // A date bound leaves undated posts out, as search()'s `p.date >= ?` does.
  const bounded = from > 0 || to < Infinity;
  // Counted per month from the library's first: 201403 - 201001 (a few gaps between years cost nothing).
  const perMonth = new Int32Array(lookup.lastMonth - lookup.firstMonth + 1);
  // Narrowed by kind alone: through the kinds lookup (a source or author filter reads the texts' rows anyway).
  const byKind = filters.kinds?.length && !readsRows(filters) ? kindLookup(db, lookup) : null;
  const wanted = [false, ...Object.keys(KIND_CODES).map((kind) => !!filters.kinds?.includes(kind as never))];
  let undated = 0;
  SHARD_SCHEMAS.forEach((shard, index) => {
    const slots = lookup.days[index]!;
    const kinds = byKind?.[index];
    for (const rowid of matchingRowids(db, shard, query.match, filters)) {
      const slot = Math.floor(rowid / SHARDS);
      const day = slots[slot] ?? NO_TEXT;
      if (day === NO_TEXT || (kinds && !wanted[kinds[slot] ?? 0])) continue;
      if (day === 0) {
        if (!bounded) undated++;
        continue;
      }
      if (day < from || day > to) continue;
      perMonth[Math.floor(day / 100) - lookup.firstMonth]!++;
    }
  });
  const months = monthCounts(perMonth, lookup.firstMonth);
  const total = months.reduce((sum, m) => sum + m.count, undated);
  return { months, undated, total, ms: performance.now() - started };
}

/** The counts of months `firstMonth` + i (201403 for March 2014) as "2014-03", every month from the first with a match to the last. */
function monthCounts(perMonth: Int32Array, firstMonth: number): MonthCount[] {
  const name = (key: number) => monthOf(Math.floor(key / 100), key % 100);
  const counts = new Map<string, number>();
  perMonth.forEach((count, i) => {
    if (count) counts.set(name(firstMonth + i), count);
  });
  if (!counts.size) return [];
  const names = [...counts.keys()];
  return fillMonths(
    names[0]!,
    names[names.length - 1]!,
    (month) => (counts.has(month) ? { month, count: counts.get(month)! } : undefined),
    (month) => ({ month, count: 0 }),
  );
}
