import type { SearchGroup, SearchHit } from '../types';
import type { IndexDb } from '../db';
import { SHARD_SCHEMAS, shardOfRowid } from '../schema';
import type { RankedText } from './rank';
import { statement } from './statements';

/** Ranked texts whose post and kind are looked up at a time, until a page of posts is full. */
const DESCRIBE_CHUNK = 100;
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
 * Fills in the post, kind and title of ranked texts the ranking did not join them for, asking
 * the shards the rows are in (a text's shard is told by its rowid). A text gone meanwhile keeps none.
 */
function describeTexts(db: IndexDb, chunk: RankedText[]): void {
  const found = new Map<number, unknown[]>();
  for (const [t, ids] of byShard(chunk.map((r) => r.rowid))) {
    const lookup = statement(
      db,
      `SELECT d.rowid, d.post_id, d.kind, d.ref, p.title, p.date
       FROM ${t}.docs d JOIN main.posts p ON p.id = d.post_id WHERE d.rowid IN (${Array(DESCRIBE_CHUNK).fill('?').join(',')})`,
      true,
    );
    for (const r of lookup.all(...ids, ...Array(DESCRIBE_CHUNK - ids.length).fill(-1)) as unknown[][])
      found.set(r[0] as number, r);
  }
  for (const row of chunk) {
    const r = found.get(row.rowid);
    if (!r) continue;
    row.postId = r[1] as string;
    row.kind = r[2] as SearchHit['kind'];
    row.ref = r[3] as string | null;
    row.title = r[4] as string;
    row.date = r[5] as string | null;
  }
}

/**
 * The ranked texts grouped by post, best first, until `limit` posts are found; each post keeps
 * its best HITS_PER_POST hits, their snippets left empty. Texts are described a chunk at a time,
 * so a page of posts costs lookups for about its own rows only.
 */
export function pageOfPosts(db: IndexDb, ranked: RankedText[], limit: number): PageGroup[] {
  const groups = new Map<string, PageGroup>();
  for (let at = 0; at < ranked.length && groups.size < limit; at += DESCRIBE_CHUNK) {
    const chunk = ranked.slice(at, at + DESCRIBE_CHUNK);
    if (chunk[0]!.postId === undefined) describeTexts(db, chunk);
    for (const row of chunk) {
      if (row.postId === undefined) continue;
      let group = groups.get(row.postId);
      if (!group) {
        if (groups.size >= limit) break;
        group = { postId: row.postId, title: row.title!, date: row.date ?? null, hits: [], rowids: [] };
        groups.set(row.postId, group);
      }
      if (group.rowids.length < HITS_PER_POST) {
        group.rowids.push(row.rowid);
        group.hits.push({ kind: row.kind!, ref: row.ref ?? null, snippet: [] });
      }
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
