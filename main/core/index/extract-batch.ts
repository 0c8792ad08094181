import { openIndexDb, type IndexDb } from './db';
import { failedFile } from './parse-file';
import { parseFileForIndex } from './parse-full';
import { writeSecondPass, writer, type ExtractJob } from './write';

/** The second pass for a batch of files, as a parse worker runs it: parse them, then store them in one transaction of its own. */
export interface ExtractBatch {
  root: string;
  /** The index file, opened by the worker with a connection of its own. */
  dbPath: string;
  nativeBinding?: string;
  jobs: ExtractJob[];
}

let open: { path: string; db: IndexDb; w: ReturnType<typeof writer> } | null = null;

function connection(path: string, nativeBinding?: string) {
  if (open?.path === path) return open;
  open?.db.close();
  const db = openIndexDb(path, nativeBinding ? { nativeBinding } : {});
  // Another worker may be writing its batch: wait for it rather than fail.
  db.pragma('busy_timeout = 60000');
  db.pragma('cache_size = -4000');
  // This connection only adds a post's articles and texts, and writeExtracted() checks first
  // that the post is still there: checking each text's post again as a foreign key cost the
  // writing a fifteenth of its time.
  db.pragma('foreign_keys = OFF');
  open = { path, db, w: writer(db) };
  return open;
}

/**
 * Parses a batch of files (articles and search texts) and writes them into the index from this
 * worker: the texts are never copied to the thread that answers the window, and the workers
 * parse and write side by side (SQLite lets one write at a time; the other parses meanwhile).
 */
export function extractBatch(batch: ExtractBatch, exclusive: (write: () => void) => void = (write) => write()): { written: number } {
  const done = batch.jobs.map((job) => {
    let result;
    try {
      result = parseFileForIndex(batch.root, job.path, 'full');
    } catch (error) {
      result = failedFile(job.path, `the parser stopped with "${(error as Error).message}"`);
    }
    return { job, result };
  });
  const { db, w } = connection(batch.dbPath, batch.nativeBinding);
  // The workers take turns (write-lock.ts), so a worker ready to write starts when the other commits.
  exclusive(() => db.transaction(() => writeSecondPass(w, done))());
  return { written: done.length };
}
