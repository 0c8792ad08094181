/**
 * The annotations file: the user's own data, in an SQLite database of its own in the user-data
 * folder (never the library index, which is a disposable cache). WAL with full syncs, foreign
 * keys, numbered migrations (migrations.ts), and rolling backups taken with SQLite's online
 * backup API before each migration and once a day.
 *
 * A file that cannot be opened (damaged, not a database, made by a newer version, unreadable)
 * never stops the reader: it opens without annotations, read-only, says what happened and
 * where the newest backup is, and can restore it (the damaged file is kept beside it).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MIGRATIONS } from './migrations';
import type { AnnotationsStatus } from './types';

export type AnnotationsDb = Database.Database;

/** The file's name in the user-data folder. */
export const ANNOTATIONS_FILE = 'annotations.sqlite';
/** The backups' folder, beside it. */
export const BACKUP_DIR = 'annotation-backups';
/** Backups kept; older ones are removed. */
export const BACKUPS_KEPT = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OpenedAnnotations {
  db: AnnotationsDb | null;
  status: AnnotationsStatus;
}

export interface OpenOptions {
  nativeBinding?: string;
  /** The clock, for the daily backup (tests move it). */
  now?: () => Date;
  /** The migrations to apply (tests add a later one); MIGRATIONS by default. */
  migrations?: readonly string[];
}

/** Backups in `dir`, newest first. */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith('annotations-') && name.endsWith('.sqlite'))
    .sort()
    .reverse()
    .map((name) => join(dir, name));
}

const stamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

/** Copies the open database into the backup folder (online backup: consistent while in use), then keeps the newest BACKUPS_KEPT. */
export async function backup(db: AnnotationsDb, dir: string, why: string, now = new Date()): Promise<string> {
  mkdirSync(dir, { recursive: true });
  let target = join(dir, `annotations-${stamp(now)}-${why}.sqlite`);
  for (let n = 2; existsSync(target); n++) target = join(dir, `annotations-${stamp(now)}-${why}-${n}.sqlite`);
  await db.backup(target);
  for (const old of listBackups(dir).slice(BACKUPS_KEPT)) rmSync(old, { force: true });
  return target;
}

function describeFailure(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (
    code === 'SQLITE_NOTADB' ||
    code.startsWith('SQLITE_CORRUPT') ||
    /malformed|not a database|integrity/i.test(message)
  )
    return 'the annotations file is damaged';
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM')
    return 'the annotations file cannot be opened (check its permissions)';
  return `the annotations file could not be opened (${message})`;
}

function unavailable(path: string, backupDir: string, why: string): OpenedAnnotations {
  const backups = listBackups(backupDir);
  const newest = backups[0] ?? null;
  const where = newest
    ? `The newest backup is ${newest}; restore it to carry on annotating.`
    : 'There is no backup to restore.';
  return {
    db: null,
    status: {
      state: 'unavailable',
      path,
      backupDir,
      reason: `Annotations are read-only: ${why}. Reading works as usual, and the file has not been changed. ${where}`,
      backup: newest,
    },
  };
}

/** Opens (creating, migrating and backing up as needed) the annotations file at `path`. Never throws for a bad file. */
export async function openAnnotations(path: string, options: OpenOptions = {}): Promise<OpenedAnnotations> {
  const backupDir = join(dirname(path), BACKUP_DIR);
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  let db: AnnotationsDb | null = null;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) {
      db.close();
      return unavailable(
        path,
        backupDir,
        `it was written by a newer version of Threadline (schema ${version}; this one knows ${latest})`,
      );
    }
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw Object.assign(new Error(`integrity check: ${check}`), { code: 'SQLITE_CORRUPT' });
    db.pragma('journal_mode = WAL');
    // Every acknowledged write survives a crash or a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (version < latest) {
      if (version > 0) await backup(db, backupDir, `before-v${version + 1}`, now());
      for (let v = version; v < latest; v++) {
        db.transaction(() => {
          db!.exec(migrations[v]!);
          db!.pragma(`user_version = ${v + 1}`);
        })();
      }
    }
    const newest = listBackups(backupDir)[0];
    const hasData = (db.prepare('SELECT count(*) FROM annotations').pluck().get() as number) > 0;
    if (hasData && (!newest || now().getTime() - statSync(newest).mtimeMs > DAY_MS))
      await backup(db, backupDir, 'daily', now());
    return { db, status: { state: 'ok', path, backupDir } };
  } catch (error) {
    try {
      db?.close();
    } catch {
      // Closing a damaged file may fail too; it is left as it is.
    }
    return unavailable(path, backupDir, describeFailure(error));
  }
}

/**
 * Puts a backup in place of the annotations file, keeping the file it replaces (and its WAL)
 * beside it as `<name>.replaced-<time>`, then opens it. The caller has closed the old connection.
 */
export async function restoreBackup(
  path: string,
  backupFile: string,
  options: OpenOptions = {},
): Promise<OpenedAnnotations> {
  const now = (options.now ?? (() => new Date()))();
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${path}${suffix}`))
      renameSync(`${path}${suffix}`, join(dirname(path), `${basename(path)}.replaced-${stamp(now)}${suffix}`));
  }
  copyFileSync(backupFile, path);
  return openAnnotations(path, options);
}
