import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DDL, FTS_TUNING, PARSER_VERSION, SCHEMA_VERSION } from './schema';

export type IndexDb = Database.Database;

export interface OpenOptions {
  /** A better-sqlite3 native module built for this runtime (Electron passes its own build). */
  nativeBinding?: string;
  readonly?: boolean;
}

/** Opens (creating if needed) an index database with WAL, foreign keys and the schema in place. */
export function openIndexDb(path: string, options: OpenOptions = {}): IndexDb {
  if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Checkpoint every ~40 MB of WAL rather than every 4 MB: a cold index writes hundreds of
    // megabytes, and frequent checkpoints write the busiest pages over and over.
    db.pragma('wal_autocheckpoint = 10000');
  }
  db.pragma('foreign_keys = ON');
  // 16 MB of page cache: the operating system caches the file too, and the indexing process stays small.
  db.pragma('cache_size = -16000');
  if (!options.readonly) createTables(db);
  return db;
}

/** Creates the tables that do not exist yet, tuning the full-text table when it is new. */
function createTables(db: IndexDb): void {
  const newFts = !db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'docs_fts'").get();
  db.exec(DDL);
  if (newFts) db.exec(FTS_TUNING);
}

const getMeta = (db: IndexDb, key: string): string | null =>
  (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;

/**
 * Empties the index when it was built by another schema or parser version or for another
 * folder, so the next update parses everything again. Returns why, or null when it is current.
 */
export function resetIfStale(db: IndexDb, root: string): string | null {
  const schema = getMeta(db, 'schema_version');
  const parser = getMeta(db, 'parser_version');
  const indexedRoot = getMeta(db, 'root');
  let reason: string | null = null;
  if (schema === null && parser === null) reason = null;
  else if (schema !== String(SCHEMA_VERSION)) reason = `schema version ${schema} → ${SCHEMA_VERSION}`;
  else if (parser !== String(PARSER_VERSION)) reason = `parser version ${parser} → ${PARSER_VERSION}`;
  else if (indexedRoot !== root) reason = 'another folder';
  if (reason) {
    db.exec(`
      DROP TABLE IF EXISTS docs_fts; DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS article_groups; DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS problems;
      DROP TABLE IF EXISTS posts; DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS meta;`);
    createTables(db);
  }
  const set = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  set.run('schema_version', String(SCHEMA_VERSION));
  set.run('parser_version', String(PARSER_VERSION));
  set.run('root', root);
  return reason;
}
