import type { SearchGroup } from '../types';
import type { IndexDb } from '../db';
import { SHARD_SCHEMAS, shardOfRowid } from '../schema';
import type { RankedText } from './rank';
import { statement } from './statements';

/** Hits shown per post. */
const HITS_PER_POST = 3;

/** A post on the page being built, with the rowids of its hits (in the order of `hits`), whose snippets are still to make. */
export interface PageGroup extends SearchGroup {
  rowids: number[];
}

/** Rowids by the shard that holds them (schema name → rowids), leaving out shards with none. */
function byShard(rowids: number[]): Map<string, number[]> {
  const result = new Map<string, number[]>();
  for (const rowid of rowids) {
    const t = SHARD_SCHEMAS[shardOfRowid(rowid)]!;
    const ids = result.get(t);
    if (ids) ids.push(rowid);
    else result.set(t, [rowid]);
  }
  return result;
}

/**
 * The ranked texts grouped by post, best first, until `limit` posts are found; each post keeps
 * its best HITS_PER_POST hits, their snippets left empty.
 */
export function pageOfPosts(ranked: RankedText[], limit: number): PageGroup[] {
  const groups = new Map<string, PageGroup>();
  for (const row of ranked) {
    let group = groups.get(row.postId);
    if (!group) {
      if (groups.size >= limit) break;
      group = { postId: row.postId, title: row.title, date: row.date ?? null, hits: [], rowids: [] };
      groups.set(row.postId, group);
    }
    if (group.rowids.length < HITS_PER_POST) {
      group.rowids.push(row.rowid);
      group.hits.push({ kind: row.kind, ref: row.ref ?? null, snippet: [], author: row.author ?? null });
    }
  }
  return [...groups.values()];
}

/** The title and body of each text of a page's hits, by rowid; a page of at most `limit` posts. */
export function textsOf(db: IndexDb, rowids: number[], limit: number): Map<number, { title: string; body: string }> {
  const texts = new Map<number, { title: string; body: string }>();
  // As many places as a page can show, so the statement is prepared once per shard.
  const places = Math.max(rowids.length, limit * HITS_PER_POST);
  for (const [t, ids] of byShard(rowids)) {
    const rows = statement(
      db,
      `SELECT rowid, title, body FROM ${t}.docs WHERE rowid IN (${Array(places).fill('?').join(',')})`,
      true,
    ).all(...ids, ...Array(places - ids.length).fill(-1)) as [number, string, string][];
    for (const [rowid, title, body] of rows) texts.set(rowid, { title, body });
  }
  return texts;
}
