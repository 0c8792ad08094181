import { BAND_COUNT, bandBucket, groupsOfKeys, sameArticleText, type ArticleKey } from '../articles';
import type { IndexDb } from './db';

/**
 * Above this share of the library's articles waiting to be grouped (a cold index, a rebuild),
 * grouping them all at once (groupsOfKeys() over every fingerprint, in memory) is faster than
 * following the links of each through the stored buckets.
 */
const WHOLE_LIBRARY_SHARE = 0.25;
/** …and when at least this many are waiting (a small library's changes take the incremental path, as a big one's do). */
const WHOLE_LIBRARY_MIN = 2000;

type Stored = { url_key: string | null; fingerprint: Buffer | null };

/** A stored article's grouping key: a view of the stored fingerprint bytes (better-sqlite3 hands each over aligned, in a buffer of its own). */
const keyOf = (id: string, row: Stored): ArticleKey => ({
  id,
  urlKey: row.url_key,
  fingerprint: row.fingerprint
    ? new Uint32Array(row.fingerprint.buffer, row.fingerprint.byteOffset, row.fingerprint.byteLength / 4)
    : null,
});

/** A group's id: its smallest member id, so it stays the same while that member stays. */
const groupIdOf = (group: string[]): string => group.reduce((least, id) => (id < least ? id : least));

/** The groups of every article of the library, from scratch (groupsOfKeys() over every stored key): each with its id. */
export function groupsFromScratch(db: IndexDb): { groupId: string; members: string[] }[] {
  const rows = db.prepare('SELECT id, url_key, fingerprint FROM articles').all() as (Stored & { id: string })[];
  return groupsOfKeys(rows.map((row) => keyOf(row.id, row))).map((members) => ({
    groupId: groupIdOf(members),
    members,
  }));
}

/** Groups every article of the library again and rewrites article_groups whole. */
export function regroupAll(db: IndexDb): void {
  const groups = groupsFromScratch(db);
  const insert = db.prepare('INSERT INTO article_groups(article_id, group_id) VALUES (?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM article_groups').run();
    for (const { groupId, members } of groups) for (const id of members) insert.run(id, groupId);
    db.prepare('DELETE FROM regroup_pending').run();
  })();
}

/**
 * Groups again only what a change touched: the articles added or removed since the last
 * grouping (regroup_pending) and the members of the groups they were in. From each of those
 * still in the library, the links of groupsOfKeys() are followed outwards (same URL key through
 * the url_key index; near-identical text through the stored band buckets, confirmed by
 * sameArticleText()) until the whole connected component is found. A group no change touched
 * keeps its rows: its members' links did not change. Reads the keys of the touched components
 * and their candidates only, never every fingerprint.
 */
export function regroupChanged(db: IndexDb): void {
  const pending = db.prepare('SELECT article_id FROM regroup_pending').pluck().all() as string[];
  const groupOf = db.prepare('SELECT group_id FROM article_groups WHERE article_id = ?').pluck();
  const membersOf = db.prepare('SELECT article_id FROM article_groups WHERE group_id = ?').pluck();
  const stored = db.prepare('SELECT url_key, fingerprint FROM articles WHERE id = ?');
  const sameUrl = db.prepare('SELECT id FROM articles WHERE url_key = ?').pluck();
  const inBucket = db.prepare('SELECT article_id FROM article_bands WHERE bucket = ?').pluck();

  // Where to start: the changed articles, and everyone who shared a group with one of them.
  const touched = new Set<string>();
  for (const id of pending) {
    touched.add(id);
    const groupId = groupOf.get(id) as string | undefined;
    if (groupId !== undefined) for (const member of membersOf.all(groupId) as string[]) touched.add(member);
  }

  const keys = new Map<string, ArticleKey | null>();
  const key = (id: string): ArticleKey | null => {
    let found = keys.get(id);
    if (found === undefined) {
      const row = stored.get(id) as Stored | undefined;
      found = row ? keyOf(id, row) : null;
      keys.set(id, found);
    }
    return found;
  };
  const placed = new Set<string>();
  const components: string[][] = [];
  for (const start of touched) {
    if (placed.has(start) || !key(start)) continue;
    const component = [start];
    placed.add(start);
    for (let next = 0; next < component.length; next++) {
      const { urlKey, fingerprint } = key(component[next]!)!;
      const link = (id: string) => {
        placed.add(id);
        component.push(id);
      };
      if (urlKey) for (const id of sameUrl.all(urlKey) as string[]) if (!placed.has(id)) link(id);
      if (!fingerprint) continue;
      for (let band = 0; band < BAND_COUNT; band++)
        for (const id of inBucket.all(bandBucket(fingerprint, band)) as string[]) {
          if (placed.has(id)) continue;
          const other = key(id)?.fingerprint;
          if (other && sameArticleText(fingerprint, other, band)) link(id);
        }
    }
    components.push(component);
  }

  const deleteRow = db.prepare('DELETE FROM article_groups WHERE article_id = ?');
  const insert = db.prepare('INSERT INTO article_groups(article_id, group_id) VALUES (?, ?)');
  const done = db.prepare('DELETE FROM regroup_pending WHERE article_id = ?');
  db.transaction(() => {
    for (const id of touched) deleteRow.run(id);
    for (const component of components) {
      if (component.length < 2) continue;
      const groupId = groupIdOf(component);
      for (const id of component) {
        if (!touched.has(id)) deleteRow.run(id);
        insert.run(id, groupId);
      }
    }
    for (const id of pending) done.run(id);
  })();
}

/** Whether articles were added or removed since grouping last ran (an update stopped before grouping leaves some). */
export const regroupPending = (db: IndexDb): boolean =>
  db.prepare('SELECT 1 FROM regroup_pending LIMIT 1').get() !== undefined;

/**
 * Brings article_groups up to date with the articles added or removed since it was last
 * written: the whole library when much of a big one is new, otherwise only the groups around the
 * change. Both give the same rows (regroup.test.ts).
 */
export function regroup(db: IndexDb): void {
  const { pending, articles } = db
    .prepare('SELECT (SELECT count(*) FROM regroup_pending) AS pending, (SELECT count(*) FROM articles) AS articles')
    .get() as { pending: number; articles: number };
  if (pending === 0) return;
  if (pending >= WHOLE_LIBRARY_MIN && pending > articles * WHOLE_LIBRARY_SHARE) regroupAll(db);
  else regroupChanged(db);
}
