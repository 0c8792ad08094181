import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The crash log: failures written to `threadline.log` in a folder of the profile, never more
 * than `maxBytes` a file. When the next entry would pass that (and when the log opens on a
 * full file) the files move along, `threadline.log` → `.1` → `.2` …, and the oldest past
 * `keep` is deleted, so the log takes at most `keep × maxBytes`. Written synchronously: an
 * uncaught exception may be the last thing the process does. Writing never throws: a log that
 * cannot be written (a full or read-only disk) is given up, not made another failure.
 */
export interface CrashLogOptions {
  dir: string;
  /** The most one file may hold (default 256 KB). */
  maxBytes?: number;
  /** How many files are kept, the current one included (default 3). */
  keep?: number;
  now?: () => Date;
}

export const LOG_NAME = 'threadline.log';

/** The files of the log, newest first: threadline.log, threadline.log.1, … */
export const logFiles = (dir: string, keep: number): string[] =>
  Array.from({ length: keep }, (_, i) => join(dir, i ? `${LOG_NAME}.${i}` : LOG_NAME));

/** Whether an entry of `entryBytes` goes into a new file: it would take the current one past the cap. */
export function needsRotation(currentBytes: number, entryBytes: number, maxBytes: number): boolean {
  return currentBytes > 0 && currentBytes + entryBytes > maxBytes;
}

/** One entry: the time, what failed, and the error's stack (or its text). */
export function formatEntry(when: Date, what: string, error: unknown): string {
  const detail =
    error instanceof Error
      ? (error.stack ?? `${error.name}: ${error.message}`)
      : (JSON.stringify(error) ?? String(error));
  return `${when.toISOString()} ${what}\n${detail
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}\n`;
}

export function openCrashLog(options: CrashLogOptions) {
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const keep = Math.max(1, options.keep ?? 3);
  const now = options.now ?? (() => new Date());
  const files = logFiles(options.dir, keep);
  const sizeOf = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  const rotate = () => {
    rmSync(files[keep - 1]!, { force: true });
    for (let i = keep - 2; i >= 0; i--) if (sizeOf(files[i]!) > 0) renameSync(files[i]!, files[i + 1]!);
  };
  let usable = true;
  const attempt = (work: () => void) => {
    if (!usable) return;
    try {
      work();
    } catch {
      usable = false;
    }
  };
  attempt(() => {
    mkdirSync(options.dir, { recursive: true });
    if (sizeOf(files[0]!) >= maxBytes) rotate();
  });
  return {
    dir: options.dir,
    /** Appends one entry (see formatEntry), moving the files along first when it would pass the cap. */
    write(what: string, error: unknown): void {
      attempt(() => {
        const entry = formatEntry(now(), what, error);
        if (needsRotation(sizeOf(files[0]!), Buffer.byteLength(entry), maxBytes)) rotate();
        appendFileSync(files[0]!, entry);
      });
    },
  };
}

export type CrashLog = ReturnType<typeof openCrashLog>;
