import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  buildingShardPath,
  DDL,
  ftsTuning,
  PARSER_VERSION,
  SCHEMA_VERSION,
  CURRENT_ONLY_DDL,
  shardCurrentOnlyDdl,
  SHARD_SCHEMAS,
  shardDdl,
  shardPath,
} from './schema';

export type IndexDb = Database.Database;

export interface OpenOptions {
  /** A better-sqlite3 native module built for this runtime (Electron passes its own build). */
  nativeBinding?: string;
  readonly?: boolean;
  /**
   * Attach the full-text shards a cold build is writing (buildingShardPath()) instead of the
   * index's own, with durability off: a worker's connection during a cold build.
   */
  building?: boolean;
}

/**
 * Pages each connection caches, per database file (the index and each shard), in KB as PRAGMA
 * cache_size takes it: the thread that answers the window, and each parse worker. Fixed, never
 * scaled with the library: the operating system caches the files too.
 */
export const CACHE_KB = { main: 16000, worker: 4000 } as const;

/**
 * Opens (creating if needed) an index database with WAL, foreign keys and the schema in place,
 * with its full-text shards attached (s0, s1, …; schema.ts).
 */
export function openIndexDb(path: string, options: OpenOptions = {}): IndexDb {
  if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const building = options.building ?? false;
  SHARD_SCHEMAS.forEach((schema, shard) =>
    db.prepare(`ATTACH DATABASE ? AS ${schema}`).run((building ? buildingShardPath : shardPath)(path, shard)),
  );
  if (!options.readonly) {
    db.pragma('main.journal_mode = WAL');
    db.pragma('main.synchronous = NORMAL');
    for (const schema of SHARD_SCHEMAS) setDurability(db, schema, !building);
    // Checkpoint every 10,000 pages (~40 MB) of WAL rather than SQLite's default ~4 MB: a cold index
    // writes hundreds of megabytes, and frequent checkpoints write the busiest pages over and over.
    db.pragma('wal_autocheckpoint = 10000');
  }
  db.pragma('foreign_keys = ON');
  // 16 MB of page cache: the operating system caches the file too, and the indexing process stays small.
  setCacheSize(db, -CACHE_KB.main);
  if (!options.readonly) createTables(db);
  return db;
}

/** Creates the tables that do not exist yet, tuning a shard's full-text table when it is new. */
function createTables(db: IndexDb): void {
  db.exec(DDL);
  const postColumns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('posts') as string[];
  if (postColumns.includes('part')) db.exec(CURRENT_ONLY_DDL);
  for (const schema of SHARD_SCHEMAS) {
    const newFts = !db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE name = 'docs_fts'`).get();
    db.exec(shardDdl(schema));
    const docColumns = db.prepare(`SELECT name FROM pragma_table_info('docs', ?)`).pluck().all(schema) as string[];
    if (docColumns.includes('author')) db.exec(shardCurrentOnlyDdl(schema));
    if (newFts) db.exec(ftsTuning(schema));
  }
}

/**
 * A shard written as a cache (`durable` false: no journal, no syncing, while a cold build writes
 * its own new file) or as the index is kept (write-ahead log, synced at checkpoints).
 */
function setDurability(db: IndexDb, schema: string, durable: boolean): void {
  if (durable) db.pragma(`${schema}.journal_mode = WAL`);
  else {
    // better-sqlite3 runs SQLite in defensive mode, which refuses journal_mode OFF (silently: it stays DELETE).
    db.unsafeMode(true);
    db.pragma(`${schema}.journal_mode = OFF`);
    db.unsafeMode(false);
  }
  db.pragma(`${schema}.synchronous = ${durable ? 'NORMAL' : 'OFF'}`);
}

/** Sets the page cache of the index and each shard (in KB when negative, as PRAGMA cache_size). */
export function setCacheSize(db: IndexDb, size: number): void {
  for (const schema of ['main', ...SHARD_SCHEMAS]) db.pragma(`${schema}.cache_size = ${size}`);
}

const getMeta = (db: IndexDb, key: string, schema = 'main'): string | null =>
  (db.prepare(`SELECT value FROM ${schema}.meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value ??
  null;

function setMeta(db: IndexDb, key: string, value: string, schema = 'main'): void {
  db.prepare(
    `INSERT INTO ${schema}.meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  ).run(key, value);
}

/** Drops every table of the index and its shards and creates them again, empty. */
function clearIndex(db: IndexDb): void {
  // main.docs: where an index before schema 7 kept its texts.
  db.exec(`
    DROP TABLE IF EXISTS main.docs_fts; DROP TABLE IF EXISTS main.docs; DROP TABLE IF EXISTS main.article_groups;
    DROP TABLE IF EXISTS main.article_bands; DROP TABLE IF EXISTS main.regroup_pending; DROP TABLE IF EXISTS main.articles;
    DROP TABLE IF EXISTS main.problems; DROP TABLE IF EXISTS main.post_sources; DROP TABLE IF EXISTS main.posts; DROP TABLE IF EXISTS main.files; DROP TABLE IF EXISTS main.meta;`);
  for (const schema of SHARD_SCHEMAS)
    db.exec(
      `DROP TABLE IF EXISTS ${schema}.docs_fts; DROP TABLE IF EXISTS ${schema}.docs; DROP TABLE IF EXISTS ${schema}.term_lists; DROP TABLE IF EXISTS ${schema}.meta;`,
    );
  createTables(db);
}

/**
 * Empties the index when it was built by another schema or parser version or for another
 * folder, or when its shards are not the ones it wrote (one deleted, or left from an index
 * deleted since), so the next update parses everything again. Returns why, or null when it is
 * current (or new).
 */
export function resetIfStale(db: IndexDb, root: string): string | null {
  const schema = getMeta(db, 'schema_version');
  const parser = getMeta(db, 'parser_version');
  const indexedRoot = getMeta(db, 'root');
  const token = getMeta(db, 'shards_token');
  let reason: string | null = null;
  if (schema === null && parser === null) reason = null;
  else if (schema !== String(SCHEMA_VERSION)) reason = `schema version ${schema} → ${SCHEMA_VERSION}`;
  else if (parser !== String(PARSER_VERSION)) reason = `parser version ${parser} → ${PARSER_VERSION}`;
  else if (indexedRoot !== root) reason = 'another folder';
  else if (SHARD_SCHEMAS.some((schema) => getMeta(db, 'shards_token', schema) !== token))
    reason = 'a full-text file was missing or from another index';
  const fresh = schema === null && parser === null;
  // A new index clears shards left from an index deleted without them (a new one's are empty).
  const leftOver = (schema: string) => db.prepare(`SELECT 1 FROM ${schema}.docs LIMIT 1`).get() !== undefined;
  // One transaction: dropping and creating the tables one commit at a time, in three files, would
  // wait for the disk at every commit.
  db.transaction(() => {
    if (reason || (fresh && SHARD_SCHEMAS.some(leftOver))) clearIndex(db);
    setMeta(db, 'schema_version', String(SCHEMA_VERSION));
    setMeta(db, 'parser_version', String(PARSER_VERSION));
    setMeta(db, 'root', root);
    if (reason || fresh || token === null) {
      const next = randomUUID();
      for (const schema of SHARD_SCHEMAS) setMeta(db, 'shards_token', next, schema);
      setMeta(db, 'shards_token', next);
    }
  })();
  return reason;
}

/** The files a cold build leaves when it stops before its end (a crash): its shards and anything SQLite kept beside them. */
function removeBuildingFiles(indexPath: string): void {
  for (let shard = 0; shard < SHARD_SCHEMAS.length; shard++)
    for (const suffix of ['', '-journal', '-wal', '-shm'])
      rmSync(`${buildingShardPath(indexPath, shard)}${suffix}`, { force: true });
}

/** A shard file and its write-ahead log and shared-memory index. */
function removeShardFiles(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Starts a cold build (an empty index): the full-text shards, nearly all of the index's bytes,
 * are written into new files with durability off (no journal, no syncing), which replace the
 * index's own only when the build ends (finishColdBuild()). `db` reads and writes them meanwhile,
 * attached under the same names, so its readers see the index fill as before. The index and its
 * new shards get a new shards_token at once: if the process dies before the end, the index no
 * longer matches the shards beside it, and the next update starts afresh (resetIfStale()), never
 * reading the half-written files, which it removes.
 */
export function startColdBuild(db: IndexDb): void {
  for (const schema of SHARD_SCHEMAS) db.exec(`DETACH DATABASE ${schema}`);
  SHARD_SCHEMAS.forEach((_, shard) => removeShardFiles(shardPath(db.name, shard)));
  removeBuildingFiles(db.name);
  SHARD_SCHEMAS.forEach((schema, shard) => {
    db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(buildingShardPath(db.name, shard));
    setDurability(db, schema, false);
    db.pragma(`${schema}.cache_size = -${CACHE_KB.main}`);
  });
  createTables(db);
  const token = randomUUID();
  db.transaction(() => {
    for (const schema of ['main', ...SHARD_SCHEMAS]) setMeta(db, 'shards_token', token, schema);
  })();
}

/**
 * Ends a cold build: its shards take the place of the index's own (renamed: the files are whole,
 * or the index is rebuilt), and `db` reads and writes them with the write-ahead log from here
 * on. Every other connection to them (the workers') must be closed first.
 */
export function finishColdBuild(db: IndexDb): void {
  switchShards(db, true);
}

/** Gives a cold build up (it failed): its files are removed, and the next update starts afresh (their token is gone). */
export function abandonColdBuild(db: IndexDb): void {
  switchShards(db, false);
}

/** Waits until a file (or a folder's list of names: `folder`) is on the disk. */
function syncToDisk(path: string, folder = false): void {
  // Windows opens no folder as a file, and syncs a file only when it is open for writing.
  if (folder && process.platform === 'win32') return;
  const fd = openSync(path, folder ? 'r' : 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function switchShards(db: IndexDb, keep: boolean): void {
  for (const schema of SHARD_SCHEMAS) db.exec(`DETACH DATABASE ${schema}`);
  SHARD_SCHEMAS.forEach((_, shard) => {
    const path = shardPath(db.name, shard);
    removeShardFiles(path);
    if (!keep) return;
    // Written without syncing: on the disk before it takes the index's name, so that a power cut after cannot leave it half there.
    syncToDisk(buildingShardPath(db.name, shard));
    renameSync(buildingShardPath(db.name, shard), path);
  });
  if (keep) syncToDisk(dirname(db.name), true);
  removeBuildingFiles(db.name);
  SHARD_SCHEMAS.forEach((schema, shard) => {
    db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(shardPath(db.name, shard));
    setDurability(db, schema, true);
    db.pragma(`${schema}.cache_size = -${CACHE_KB.main}`);
  });
  createTables(db);
}
