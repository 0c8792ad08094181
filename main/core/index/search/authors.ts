/**
 * The people a library's texts name as their authors, for the search panel's Author field: each
 * name with how many texts (posts and comments) it wrote, most first.
 */
import type { IndexDb } from '../db';
import { SHARD_SCHEMAS } from '../schema';
import type { AuthorCount } from '../types';
import { statement } from './statements';

/** Authors listed at most: the field suggests names, and a list longer than this helps nobody pick. */
export const AUTHORS_LISTED = 200;

/** A name as the search filter matches it: ASCII letters case-blind, as SQLite's NOCASE (schema.ts docs_by_author). */
export const authorKey = (name: string): string => name.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The library's authors, most texts first (then by name), at most `limit`. Each shard counts its
 * own from its author index (names differing only in case counted together), and the shards'
 * counts are added up; a name keeps the spelling with the most texts.
 */
export function libraryAuthors(db: IndexDb, limit = AUTHORS_LISTED): AuthorCount[] {
  const merged = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const shard of SHARD_SCHEMAS) {
    const rows = statement(
      db,
      `SELECT author, count(*) FROM ${shard}.docs INDEXED BY docs_by_author
       WHERE author IS NOT NULL GROUP BY author ORDER BY author`,
      true,
    ).all() as [string, number][];
    for (const [name, count] of rows) {
      const key = authorKey(name);
      let entry = merged.get(key);
      if (!entry) merged.set(key, (entry = { count: 0, spellings: new Map() }));
      entry.count += count;
      entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + count);
    }
  }
  const authors = [...merged.values()].map(({ count, spellings }) => ({
    name: [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
    count,
  }));
  authors.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return authors.slice(0, limit);
}
