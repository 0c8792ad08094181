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
