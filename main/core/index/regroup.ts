import { BAND_COUNT, bandBucket, groupsOfKeys, sameArticleText, type ArticleKey } from '../articles';
import type { IndexDb } from './db';

/**
 * Above this share of the library's articles waiting to be grouped (a cold index, a rebuild),
 * the whole library is grouped at once (groupsOfKeys() over every fingerprint, read in one scan)
 * rather than each waiting article's candidates looked up in the buckets, a few queries each.
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

/** The groups of every article of the library from scratch (groupsOfKeys() over every stored key), each with its id: what regroupAll() writes. */
export function groupsFromScratch(db: IndexDb): { groupId: string; members: string[] }[] {
  const rows = db.prepare('SELECT id, url_key, fingerprint FROM articles').all() as (Stored & { id: string })[];
  return groupsOfKeys(rows.map((row) => keyOf(row.id, row))).map((members) => ({
    groupId: groupIdOf(members),
    members,
  }));
}

/** Files an update's second pass must have, at least, to write the band buckets in bulk (deferBands()). */
const BULK_FILES = 500;

const bandsDeferred = (db: IndexDb): boolean =>
  db.prepare("SELECT 1 FROM meta WHERE key = 'bands' AND value = 'deferred'").get() !== undefined;

/**
 * Before a second pass over much of the library (a cold index, a rebuild): the workers leave out
 * the articles' band buckets (and the triggers the pending rows), and the grouping at the end
 * groups the whole library and writes all the buckets at once, in bucket order (regroupAll()). Written a few articles at a time, scattered over the table's pages, the
 * buckets made a cold index slower by a tenth. Kept in the index until that grouping, so an
 * update stopped before it is finished by the next. True when deferred.
 */
export function deferBands(db: IndexDb, files: number): boolean {
  const total = db.prepare('SELECT count(*) FROM files').pluck().get() as number;
  if (files < BULK_FILES || files * 4 <= total) return false;
  db.prepare(
    "INSERT INTO meta(key, value) VALUES ('bands', 'deferred') ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run();
  return true;
}

/** Writes the band buckets of every fingerprinted article again, in bucket order (each row appended after the last). */
function writeAllBands(db: IndexDb, keys: ArticleKey[]): void {
  const signed = keys.filter((key) => key.fingerprint);
  const entries = signed.length * BAND_COUNT;
  // Each entry's slot: the top bits of its bucket above, its index (article × BAND_COUNT + band) below, in one exact double.
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(entries + 1)));
  const slots = new Float64Array(entries);
  for (let i = 0; i < signed.length; i++)
    for (let band = 0; band < BAND_COUNT; band++) {
      const entry = i * BAND_COUNT + band;
      slots[entry] = Math.floor(bandBucket(signed[i]!.fingerprint!, band) / scale) * scale + entry;
    }
  slots.sort();
  const insert = db.prepare('INSERT OR IGNORE INTO article_bands(bucket, article_id) VALUES (?, ?)');
  db.prepare('DELETE FROM article_bands').run();
  for (const slot of slots) {
    const entry = slot % scale;
    const key = signed[Math.floor(entry / BAND_COUNT)]!;
    insert.run(bandBucket(key.fingerprint!, entry % BAND_COUNT), key.id);
  }
  db.prepare("DELETE FROM meta WHERE key = 'bands'").run();
}

/** Groups every article of the library again and rewrites article_groups whole (and the band buckets, when deferred). */
export function regroupAll(db: IndexDb): void {
  // Every fingerprint copied into one array as the rows stream by: a buffer object for each of a
  // large library's hundred thousand articles would be the largest part of the indexer's peak memory.
  const count = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  const keys: ArticleKey[] = [];
  let prints = new Uint32Array(0);
  let at = 0;
  const rows = db.prepare('SELECT id, url_key, fingerprint FROM articles').raw();
  for (const [id, urlKey, print] of rows.iterate() as IterableIterator<[string, string | null, Buffer | null]>) {
    let fingerprint: Uint32Array | null = null;
    if (print) {
      const words = print.byteLength / 4;
      if (!prints.length) prints = new Uint32Array(count * words);
      const stored = new Uint32Array(print.buffer, print.byteOffset, words);
      // (A row more than counted, or a fingerprint of another size: a copy of its own.)
      if (at + words <= prints.length) {
        prints.set(stored, at);
        fingerprint = prints.subarray(at, at + words);
        at += words;
      } else fingerprint = stored.slice();
    }
    keys.push({ id, urlKey, fingerprint });
  }
  const groups = groupsOfKeys(keys);
  const insert = db.prepare('INSERT INTO article_groups(article_id, group_id) VALUES (?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM article_groups').run();
    for (const members of groups) {
      const groupId = groupIdOf(members);
      for (const id of members) insert.run(id, groupId);
    }
    db.prepare('DELETE FROM regroup_pending').run();
    if (bandsDeferred(db)) writeAllBands(db, keys);
  })();
}

/**
 * Groups again only what a change touched: the articles added or removed since the last
 * grouping (regroup_pending), and the groups they were in.
 *
 * The links among the untouched articles are as they were, so the new groups are: the touched
 * articles still in the library grouped among themselves (groupsOfKeys(), over their keys only),
 * joined to whatever an added article now links to outside them (same URL key, through the
 * url_key index; near-identical text, through the stored band buckets, confirmed by
 * sameArticleText()), each such outside article with its whole group (which no change touched,
 * so it is still one group). Nothing outside the touched groups links to them otherwise: such a
 * link would have put it in their group. Reads the keys of the touched groups and of the added
 * articles' candidates only, never every fingerprint.
 */
export function regroupChanged(db: IndexDb): void {
  const pending = db.prepare('SELECT article_id FROM regroup_pending').pluck().all() as string[];
  const groupOf = db.prepare('SELECT group_id FROM article_groups WHERE article_id = ?').pluck();
  const groupKeys = db.prepare(
    'SELECT g.article_id AS id, a.id IS NOT NULL AS present, a.url_key, a.fingerprint FROM article_groups g LEFT JOIN articles a ON a.id = g.article_id WHERE g.group_id = ?',
  );
  const membersOf = db.prepare('SELECT article_id FROM article_groups WHERE group_id = ?').pluck();
  const stored = db.prepare('SELECT url_key, fingerprint FROM articles WHERE id = ?');
  const sameUrl = db.prepare('SELECT id FROM articles WHERE url_key = ?').pluck();
  const inBucket = db.prepare('SELECT article_id FROM article_bands WHERE bucket = ?').pluck();

  // The touched articles (those gone included, whose rows must go) and the keys of those still here.
  const touched = new Set<string>();
  const keys = new Map<string, ArticleKey>();
  for (const id of pending) {
    if (touched.has(id)) continue;
    const groupId = groupOf.get(id) as string | undefined;
    if (groupId === undefined) touched.add(id);
    else
      for (const row of groupKeys.all(groupId) as (Stored & { id: string; present: number })[]) {
        touched.add(row.id);
        if (row.present) keys.set(row.id, keyOf(row.id, row));
      }
  }
  for (const id of pending) {
    if (keys.has(id)) continue;
    const row = stored.get(id) as Stored | undefined;
    if (row) keys.set(id, keyOf(id, row));
  }

  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) root = up;
    for (let at = id; at !== root;) {
      const up = parent.get(at)!;
      parent.set(at, root);
      at = up;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const id of keys.keys()) parent.set(id, id);
  for (const group of groupsOfKeys([...keys.values()])) for (const id of group) union(id, group[0]!);

  // What the added articles link to outside the touched groups, each with its untouched group.
  const outside = new Map<string, ArticleKey | null>();
  const outsideKey = (id: string): ArticleKey | null => {
    let found = outside.get(id);
    if (found === undefined) {
      const row = stored.get(id) as Stored | undefined;
      found = row ? keyOf(id, row) : null;
      outside.set(id, found);
    }
    return found;
  };
  const joined = new Set<string>();
  const join = (id: string, other: string) => {
    if (!joined.has(other)) {
      joined.add(other);
      const groupId = groupOf.get(other) as string | undefined;
      const block = groupId === undefined ? [other] : (membersOf.all(groupId) as string[]);
      for (const member of block) {
        joined.add(member);
        parent.set(member, member);
        union(member, other);
      }
    }
    union(id, other);
  };
  for (const id of pending) {
    const key = keys.get(id);
    if (!key) continue;
    if (key.urlKey) for (const other of sameUrl.all(key.urlKey) as string[]) if (!touched.has(other)) join(id, other);
    const fingerprint = key.fingerprint;
    if (!fingerprint) continue;
    for (let band = 0; band < BAND_COUNT; band++)
      for (const other of inBucket.all(bandBucket(fingerprint, band)) as string[]) {
        if (touched.has(other) || (joined.has(other) && find(other) === find(id))) continue;
        const theirs = outsideKey(other)?.fingerprint;
        if (theirs && sameArticleText(fingerprint, theirs, band)) join(id, other);
      }
  }

  const components = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const component = components.get(root);
    if (component) component.push(id);
    else components.set(root, [id]);
  }
  const deleteRow = db.prepare('DELETE FROM article_groups WHERE article_id = ?');
  const insert = db.prepare('INSERT INTO article_groups(article_id, group_id) VALUES (?, ?)');
  const done = db.prepare('DELETE FROM regroup_pending WHERE article_id = ?');
  db.transaction(() => {
    for (const id of touched) deleteRow.run(id);
    for (const id of joined) deleteRow.run(id);
    for (const component of components.values()) {
      if (component.length < 2) continue;
      const groupId = groupIdOf(component);
      for (const id of component) insert.run(id, groupId);
    }
    for (const id of pending) done.run(id);
  })();
}

/** Whether articles were added or removed since grouping last ran (an update stopped before grouping leaves some). */
export const regroupPending = (db: IndexDb): boolean =>
  db.prepare('SELECT 1 FROM regroup_pending LIMIT 1').get() !== undefined || bandsDeferred(db);

/**
 * Brings article_groups up to date with the articles added or removed since it was last
 * written: the whole library when much of a big one is new, otherwise only the groups around the
 * change. Both give the same rows (regroup.test.ts).
 */
export function regroup(db: IndexDb): void {
  const { pending, articles } = db
    .prepare('SELECT (SELECT count(*) FROM regroup_pending) AS pending, (SELECT count(*) FROM articles) AS articles')
    .get() as { pending: number; articles: number };
  if (bandsDeferred(db)) regroupAll(db);
  else if (pending === 0) return;
  else if (pending >= WHOLE_LIBRARY_MIN && pending > articles * WHOLE_LIBRARY_SHARE) regroupAll(db);
  else regroupChanged(db);
}
