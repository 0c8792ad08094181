import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { PageResult } from './types';

/** Reads a Blogger Atom feed or blog export into its posts. */
export function parseFeed(_input: Uint8Array, file: string): PageResult {
  return {
    format: 'atom',
    posts: [],
    problems: [{ file, line: null, severity: 'error', message: 'Reading Atom feeds is not built yet.' }],
    header: null,
  };
}

/** Reads a feed or export from its path, with the file's size, time and sha1. */
export function parseFeedFile(
  absPath: string,
  file: string,
): PageResult & { size: number; mtimeMs: number; hash: string } {
  const { size, mtimeMs } = statSync(absPath);
  const bytes = readFileSync(absPath);
  return { ...parseFeed(bytes, file), size, mtimeMs, hash: createHash('sha1').update(bytes).digest('hex') };
}
