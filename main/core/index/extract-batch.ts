import { CACHE_KB, openIndexDb, setCacheSize, type IndexDb } from './db';
import { SHARD_SCHEMAS } from './schema';
import { failedFile, type ParsedFile } from './parse-file';
import { parseFileForIndex } from './parse-full';
import { TermCollector } from './term-lists';
import { writeSecondPass, writeSecondPassTexts, writer, type ExtractJob } from './write';
import type { WriteLock } from './write-lock';

/** The second pass for a batch of files, as a parse worker runs it: parse them, then store them (writeBatch()). */
export interface ExtractBatch {
  root: string;
  /** The index file, opened by the worker with a connection of its own. */
  dbPath: string;
  nativeBinding?: string;
  /** A cold build: the texts go into its new shard files, written with durability off (db.ts startColdBuild()). */
  building?: boolean;
  jobs: ExtractJob[];
}

/** A batch parsed and ready to be written. */
export interface ParsedBatch {
  batch: ExtractBatch;
  done: { job: ExtractJob; result: ParsedFile }[];
}

let open: { key: string; db: IndexDb; w: ReturnType<typeof writer> } | null = null;

/** A connection's page cache (KB, as PRAGMA cache_size gives it when negative) and journal mode, per database file. */
export type ConnectionSettings = Record<string, { cacheSize: number; journalMode: string; synchronous: number }>;

/** The settings of the last connection this worker opened, read as it was closed (or now, while it is open). */
let lastSettings: ConnectionSettings | null = null;

function settingsOf(db: IndexDb): ConnectionSettings {
  return Object.fromEntries(
    ['main', ...SHARD_SCHEMAS].map((schema) => [
      schema,
      {
        cacheSize: db.pragma(`${schema}.cache_size`, { simple: true }) as number,
        journalMode: db.pragma(`${schema}.journal_mode`, { simple: true }) as string,
        synchronous: db.pragma(`${schema}.synchronous`, { simple: true }) as number,
      },
    ]),
  );
}

/** What this worker's connection to the index runs with (tests: the page caches must not grow with the library). */
export function connectionSettings(): ConnectionSettings | null {
  return open ? settingsOf(open.db) : lastSettings;
}

/** Closes this worker's connection to the index (its files are about to be replaced, pool.ts releaseIndex()). */
export function releaseConnection(): void {
  if (!open) return;
  lastSettings = settingsOf(open.db);
  open.db.close();
  open = null;
}

function connection(path: string, nativeBinding?: string, building = false) {
  const key = `${building ? 'building:' : ''}${path}`;
  if (open?.key === key) return open;
  releaseConnection();
  const db = openIndexDb(path, { ...(nativeBinding ? { nativeBinding } : {}), building });
  // Another worker may be writing its batch: wait for it rather than fail.
  db.pragma('busy_timeout = 60000');
  setCacheSize(db, -CACHE_KB.worker);
  // This connection only adds a post's articles and texts, and writeExtracted() checks first
  // that the post is still there: checking each text's post again as a foreign key would add a
  // lookup per text to the write and catch nothing.
  db.pragma('foreign_keys = OFF');
  open = { key, db, w: writer(db) };
  return open;
}

/** What this worker's texts add to each shard's top lists since they were last merged, by index file and shard. */
const collectors = new Map<string, TermCollector>();

function collectorOf(dbPath: string, shard: number): TermCollector {
  const key = `${shard}\u0000${dbPath}`;
  let collector = collectors.get(key);
  if (!collector) collectors.set(key, (collector = new TermCollector()));
  return collector;
}

/**
 * Merges what this worker collected for shard `shard` of the index at `dbPath` into the shard's
 * top lists (the caller holds the shard's lock). Run once at the end of a pass (update.ts).
 */
export function mergeTermLists(
  dbPath: string,
  shard: number,
  nativeBinding?: string,
  building = false,
): { words: number } {
  const collector = collectors.get(`${shard}\u0000${dbPath}`);
  collectors.delete(`${shard}\u0000${dbPath}`);
  if (!collector?.size) return { words: 0 };
  const { db } = connection(dbPath, nativeBinding, building);
  return db.transaction(() => collector.merge(db, SHARD_SCHEMAS[shard]!))();
}

/** Parses a batch of files: articles and search texts. A parser bug becomes its file's problem. */
export function parseBatch(batch: ExtractBatch): ParsedBatch {
  const done = batch.jobs.map((job) => {
    let result;
    try {
      result = parseFileForIndex(batch.root, job.path, 'full');
    } catch (error) {
      result = failedFile(job.path, `the parser stopped with "${(error as Error).message}"`);
    }
    return { job, result };
  });
  return { batch, done };
}

/**
 * Writes a parsed batch into the index from this thread, over a connection of its own: the texts
 * are never copied to the thread that answers the window. The texts go into this worker's shard
 * in one transaction (the caller holds that shard's lock, write-lock.ts: SQLite lets one
 * connection write a file at a time), then the articles and the files marked done into the index
 * itself in another, under `indexLock`, which every worker takes for that short write.
 */
export function writeBatch(
  { batch, done }: ParsedBatch,
  shard: number,
  indexLock: WriteLock,
  holder: number,
): { written: number } {
  const { db, w } = connection(batch.dbPath, batch.nativeBinding, batch.building);
  db.transaction(() => writeSecondPassTexts(w, shard, done, collectorOf(batch.dbPath, shard)))();
  indexLock.with(holder, () => db.transaction(() => writeSecondPass(w, done))());
  return { written: done.length };
}
