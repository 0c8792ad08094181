/**
 * Small JSON files of the reader's own state in the profile (window, reading place). A file is
 * written whole or not at all: to a temporary file in the same folder, flushed to disk, then
 * renamed over the old one, so a crash or power cut leaves the old file or the new, never half.
 * A damaged or wrong-shaped file is read as the defaults, with a warning for the log.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';

/** What was read: the file's value, or the fallback; `warning` says why the file was not used, when it exists and was. */
export interface ReadJson<T> {
  value: T;
  warning: string | null;
}

let written = 0;
/** A temporary name beside the file, unique in this process, so two writes never share one. */
const temporaryOf = (file: string) => join(dirname(file), `.${basename(file)}.${process.pid}.${++written}.tmp`);
const serialise = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function checked<T>(file: string, text: string, schema: z.ZodType<T>, fallback: T): ReadJson<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { value: fallback, warning: `${file} is damaged (not JSON); it was ignored and will be replaced.` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { value: parsed.data, warning: null };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return {
    value: fallback,
    warning: `${file} holds something unexpected${where} (${issue?.message ?? 'wrong shape'}); it was ignored and will be replaced.`,
  };
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Reads a JSON file checked against a schema; a missing file is the fallback with no warning. */
export async function readJsonFile<T>(file: string, schema: z.ZodType<T>, fallback: T): Promise<ReadJson<T>> {
  try {
    return checked(file, await readFile(file, 'utf8'), schema, fallback);
  } catch (error) {
    if (missing(error)) return { value: fallback, warning: null };
    return { value: fallback, warning: `${file} could not be read (${(error as Error).message}); it was ignored.` };
  }
}

/** The same, synchronously: for the window's place, needed before the window is made. */
export function readJsonFileSync<T>(file: string, schema: z.ZodType<T>, fallback: T): ReadJson<T> {
  try {
    return checked(file, readFileSync(file, 'utf8'), schema, fallback);
  } catch (error) {
    if (missing(error)) return { value: fallback, warning: null };
    return { value: fallback, warning: `${file} could not be read (${(error as Error).message}); it was ignored.` };
  }
}

/** Writes a JSON file atomically (temporary file, fsync, rename); makes its folder when missing. */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = temporaryOf(file);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(serialise(value));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The same, synchronously: for a window that is closing, when the process may end before a promise settles. */
export function writeJsonFileSync(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = temporaryOf(file);
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, serialise(value));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
