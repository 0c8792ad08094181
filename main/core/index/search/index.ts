/**
 * Full-text search over the index, in three steps: the user's text becomes a safe FTS5 query
 * (query.ts), the shards rank their matches (rank.ts) and the best are grouped into a page of
 * posts (page.ts), then the page's hits get highlighted snippets (snippets.ts).
 */
import type { SearchGroup, SearchHit, SearchOptions, SnippetPart } from '../types';
import { termPattern } from '../../shared/match';
import type { IndexDb } from '../db';
import { pageOfPosts, textsOf } from './page';
import { toFtsQuery, type FtsQuery } from './query';
import { matchesByDate } from './by-date';
import { rankMatches, type RankMethod } from './rank';
import { hitSnippet } from './snippets';

export { MIN_PREFIX, toFtsQuery, type FtsQuery } from './query';
export { PROBE, type RankMethod } from './rank';
export { snippetOf } from './snippets';
export type { SearchGroup, SearchHit, SearchOptions, SnippetPart };

export interface SearchResult {
  query: FtsQuery;
  groups: SearchGroup[];
  /** How many texts match, when every match was read; null for a common search ranked from its words' top lists. */
  totalHits: number | null;
  /** How the matches were ranked (rank.ts); 'date' for newest first. */
  method: RankMethod | 'date';
  ms: number;
}

/**
 * A connection that searches reads the index through a memory map of up to this much: a query
 * reads a thousand rows' sizes and postings scattered over the file, and a page read from the
 * map costs no system call or copy. Set on the first search, so indexing alone maps nothing;
 * the mapped pages are the operating system's file cache, counted in the process's resident
 * size while they stay in memory, and dropped whenever it needs room.
 */
const SEARCH_MMAP_BYTES = 1 << 30;
const mapped = new WeakSet<IndexDb>();

function mapForSearch(db: IndexDb): void {
  if (mapped.has(db)) return;
  mapped.add(db);
  db.pragma(`mmap_size = ${SEARCH_MMAP_BYTES}`);
}

/**
 * Searches the full-text index: bm25-ranked (titles count more), grouped by post, with
 * highlighted snippets computed only for the hits shown. Never throws on what a user types.
 */
export function search(db: IndexDb, input: string, options: SearchOptions = {}): SearchResult {
  const started = performance.now();
  const query = toFtsQuery(input);
  if (!query.match) return { query, groups: [], totalHits: 0, method: 'all', ms: performance.now() - started };
  mapForSearch(db);
  const limit = options.limit ?? 30;
  const { sort, ...rest } = options;
  const filters = { ...rest, limit: undefined };
  const { ranked, method, total } =
    sort === 'date'
      ? { ranked: matchesByDate(db, query, filters, limit), method: 'date' as const, total: null }
      : rankMatches(db, query, filters, limit);
  const page = pageOfPosts(ranked, limit);
  const shown = page.flatMap((group) => group.rowids);
  const read = new Map(ranked.filter((r) => r.text).map((r) => [r.rowid, r.text!]));
  const texts = textsOf(
    db,
    shown.filter((rowid) => !read.has(rowid)),
    limit,
  );
  for (const [rowid, text] of read) texts.set(rowid, text);
  const pattern = termPattern(query.terms);
  for (const group of page) {
    group.rowids.forEach((rowid, i) => {
      group.hits[i]!.snippet = hitSnippet(texts.get(rowid) ?? { title: '', body: '' }, pattern);
    });
  }
  return {
    query,
    groups: page.map(({ rowids: _rowids, ...group }) => group),
    totalHits: total,
    method,
    ms: performance.now() - started,
  };
}
