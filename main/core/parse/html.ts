import type { PageResult } from './types';

/** Reads a Blogger page saved from a browser into its posts. */
export function parseHtmlPage(_input: string | Uint8Array, file: string): PageResult {
  return {
    format: 'html',
    posts: [],
    problems: [{ file, line: null, severity: 'error', message: 'Reading saved HTML pages is not built yet.' }],
    header: null,
  };
}
