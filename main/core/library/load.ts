import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { UserError } from '../errors';
import { type PageResult, type Post, type Problem } from '../parse';
import { companionsFor, LIBRARY_EXTENSIONS, parseLargeFile, parsePage } from '../parse/page';

/** Seed files larger than this are reported, not read: no real post page comes near it. */
export const MAX_SEED_BYTES = 64 * 1024 * 1024;

/** Everything read from one library folder. */
export interface LoadedLibrary {
  /** Absolute path of the folder. */
  root: string;
  /** Posts by id, newest first. */
  posts: Post[];
  /** Problems of every file, in file order; paths relative to `root`. */
  problems: Problem[];
  /** How many seed files were found (read or not). */
  fileCount: number;
}

/** Whether a file name is one a library is read from (LIBRARY_EXTENSIONS; never a hidden file). */
export function isLibraryFileName(name: string): boolean {
  if (name.startsWith('.')) return false;
  const dot = name.lastIndexOf('.');
  return dot > 0 && LIBRARY_EXTENSIONS.includes(name.slice(dot).toLowerCase());
}

/** Lists the library's files (text copies, saved pages, feeds) under `root`, recursively, sorted, as paths relative to it (with "/"). */
export async function listSeedFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  // Each folder's relative path worked out once, not once a file: path.relative() for every file
  // of a big library costs more than the listing itself.
  const prefixes = new Map<string, string>();
  const prefixOf = (folder: string) => {
    let prefix = prefixes.get(folder);
    if (prefix === undefined) {
      const rel = relative(root, folder).split(sep).join('/');
      prefixes.set(folder, (prefix = rel ? `${rel}/` : ''));
    }
    return prefix;
  };
  const found: string[] = [];
  for (const e of entries) {
    if (e.isFile() && isLibraryFileName(e.name)) found.push(prefixOf(e.parentPath) + e.name);
  }
  return found.sort();
}

/**
 * The seed files of a library folder (as listSeedFiles), or a UserError that says what is
 * wrong with the folder and what to do.
 */
export async function listLibraryFiles(root: string): Promise<string[]> {
  try {
    const info = await stat(root);
    if (!info.isDirectory())
      throw new UserError(
        'not-a-folder',
        `Opening library failed: ${root} is a file, not a folder. Choose the folder that holds the saved posts.`,
      );
    return await listSeedFiles(root);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable'
          : `cannot be read (${code ?? (error as Error).message})`;
    throw new UserError('library-unreadable', `Opening library failed: ${root} ${why}. Choose another folder.`);
  }
}

/** A seed file's bytes with its size and time, or the problem that kept it from being read. */
export type SeedBytes =
  | { bytes: Buffer; size: number; mtimeMs: number; problem: null }
  | { bytes: null; size: number; mtimeMs: number; problem: Problem; tooBig?: true };

const tooBig = (file: string, size: number, mtimeMs: number): SeedBytes => ({
  bytes: null,
  tooBig: true,
  size,
  mtimeMs,
  problem: {
    file,
    line: null,
    severity: 'error',
    message: `Reading the file failed: it is ${Math.round(size / 1048576)} MB, more than a post page can be (${MAX_SEED_BYTES / 1048576} MB). Check that it is a saved post.`,
  },
});

const unreadable = (file: string, size: number, mtimeMs: number, error: unknown): SeedBytes => {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  const message = `Reading the file failed (${reason}). Check that it exists and that you may read it.`;
  return { bytes: null, size, mtimeMs, problem: { file, line: null, severity: 'error', message } };
};

/** Reads one seed file's bytes; a file too big or unreadable becomes an error problem, never a throw. */
export async function readSeedBytes(root: string, file: string): Promise<SeedBytes> {
  const path = join(root, file);
  let size = 0;
  let mtimeMs = 0;
  try {
    ({ size, mtimeMs } = await stat(path));
    if (size > MAX_SEED_BYTES) return tooBig(file, size, mtimeMs);
    return { bytes: await readFile(path), size, mtimeMs, problem: null };
  } catch (error) {
    return unreadable(file, size, mtimeMs, error);
  }
}

/** The buffer readSeedBytesReused() reads into, grown as files need. */
let scratch = Buffer.allocUnsafeSlow(1 << 20);

/**
 * Reads a seed file with blocking calls (open, fstat, read), into a fresh buffer or into
 * `scratch`. A file that grew since fstat is read as far as it was then.
 */
function readSeedFileSync(root: string, file: string, reuse: boolean): SeedBytes {
  let size = 0;
  let mtimeMs = 0;
  let fd = -1;
  try {
    fd = openSync(join(root, file), 'r');
    ({ size, mtimeMs } = fstatSync(fd));
    if (size > MAX_SEED_BYTES) return tooBig(file, size, mtimeMs);
    if (reuse && scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, scratch.length * 2));
    const into = reuse ? scratch : Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const got = readSync(fd, into, read, size - read, read);
      if (got === 0) break;
      read += got;
    }
    return { bytes: into.subarray(0, read), size, mtimeMs, problem: null };
  } catch (error) {
    return unreadable(file, size, mtimeMs, error);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * readSeedBytes() for a parse worker: blocking calls, so a file is read without a trip through
 * the thread pool for each step (the worker has nothing else to do meanwhile).
 */
export function readSeedBytesSync(root: string, file: string): SeedBytes {
  return readSeedFileSync(root, file, false);
}

/**
 * readSeedBytesSync() into one buffer kept for the next file: the bytes are valid only until the
 * next call, so the caller must be done with them (and keep only what it decoded) before
 * reading again. A parse worker reads thousands of files in a row.
 */
export function readSeedBytesReused(root: string, file: string): SeedBytes {
  return readSeedFileSync(root, file, true);
}

/** A page whose file could not be read: its problem and no posts. */
const unreadPage = (problem: Problem): PageResult => ({ format: 'text', posts: [], problems: [problem], header: null });

/**
 * Reads and parses one file of the library, whatever its form: every post in it. A feed or export
 * too big to read at once is parsed as it is read; a file that cannot be read becomes an error problem.
 */
export async function readPage(root: string, file: string): Promise<PageResult> {
  const read = await readSeedBytes(root, file);
  if (read.bytes) return parsePage(read.bytes, file, companionsFor(join(root, file), read.bytes));
  return pageTooBig(root, file, read) ?? unreadPage(read.problem);
}

/** readPage() with blocking calls, for a parse worker. */
export function readPageSync(root: string, file: string): PageResult {
  const read = readSeedBytesSync(root, file);
  if (read.bytes) return parsePage(read.bytes, file, companionsFor(join(root, file), read.bytes));
  return pageTooBig(root, file, read) ?? unreadPage(read.problem);
}

function pageTooBig(root: string, file: string, read: SeedBytes): PageResult | null {
  if (read.bytes || !read.tooBig) return null;
  const streamed = parseLargeFile(join(root, file), file);
  if (!streamed) return null;
  const { size: _size, mtimeMs: _mtimeMs, hash: _hash, ...page } = streamed;
  void _size;
  void _mtimeMs;
  void _hash;
  return page;
}

/**
 * Reads one post of a file (its `part`, Post.part) with the file's problems; null when the file
 * no longer holds that many posts.
 */
export async function readSeed(
  root: string,
  file: string,
  part = 0,
): Promise<{ post: Post | null; problems: Problem[] }> {
  const page = await readPage(root, file);
  return { post: page.posts[part] ?? null, problems: page.problems };
}

/** Posts newest first; undated ones last; ties by title. */
export function compareNewestFirst(a: Post, b: Post): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? 1 : -1;
  return a.title.localeCompare(b.title);
}

/**
 * Reads and parses every seed file under `root`. A file that cannot be read or parsed is
 * listed with its problem and never stops the rest. Two files with the same post id both
 * stay: the later one gets its file name added to its id, with a warning.
 */
export async function loadLibrary(root: string): Promise<LoadedLibrary> {
  const files = await listLibraryFiles(root);
  const posts: Post[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, Post>();
  for (const file of files) {
    const page = await readPage(root, file);
    problems.push(...page.problems);
    for (const post of page.posts) {
      const other = seen.get(post.id);
      if (other) {
        const renamed = `${post.id}~${file.replace(/[^a-zA-Z0-9]+/g, '-')}${post.part ? `~${post.part}` : ''}`;
        problems.push({
          file,
          line: post.line,
          severity: 'warning',
          message:
            other.format === post.format
              ? 'Another file holds a post with the same date and title; this copy is listed separately, marked as a copy.'
              : `${other.file} holds the same post in another form (${other.format}); the app shows it once, from the richer form. Listed here under its own id.`,
        });
        post.id = renamed;
      }
      seen.set(post.id, post);
      posts.push(post);
    }
  }
  posts.sort(compareNewestFirst);
  return { root, posts, problems, fileCount: files.length };
}
