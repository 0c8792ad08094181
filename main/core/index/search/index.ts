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
import { rankMatches } from './rank';
import { hitSnippet } from './snippets';

export { MIN_PREFIX, toFtsQuery, type FtsQuery } from './query';
export { PREFIX_RANK_BOUND, RANK_BOUND } from './rank';
export { snippetOf } from './snippets';
export type { SearchGroup, SearchHit, SearchOptions, SnippetPart };

export interface SearchResult {
  query: FtsQuery;
  groups: SearchGroup[];
  /** Matching texts ranked (all of them, unless `sampled`). */
  totalHits: number;
  /**
   * More texts match than are ranked: only about the RANK_BOUND most recently indexed matches
   * (the newest RANK_BOUND / SHARDS of each shard; for a blog archive, mostly the newest posts)
   * were ranked. Said in the UI, with a hint to add words.
   */
  sampled: boolean;
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
  if (!query.match) return { query, groups: [], totalHits: 0, sampled: false, ms: performance.now() - started };
  mapForSearch(db);
  const limit = options.limit ?? 30;
  const { ranked, sampled } = rankMatches(db, query, options);
  const page = pageOfPosts(db, ranked, limit);
  const shown = page.flatMap((group) => group.rowids);
  const texts = textsOf(db, shown, limit);
  const pattern = termPattern(query.terms);
  for (const group of page) {
    group.rowids.forEach((rowid, i) => {
      group.hits[i]!.snippet = hitSnippet(texts.get(rowid) ?? { title: '', body: '' }, pattern);
    });
  }
  return {
    query,
    groups: page.map(({ rowids: _rowids, ...group }) => group),
    totalHits: ranked.length,
    sampled,
    ms: performance.now() - started,
  };
}
