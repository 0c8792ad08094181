import { parseSeed } from './parse-seed';
import type { PageResult } from './types';

/** Reads a text copy of a Blogger page into its posts. */
export function parseTextPage(input: string | Uint8Array, file: string): PageResult {
  const { post, problems } = parseSeed(input, file);
  return { format: 'text', posts: post ? [post] : [], problems, header: null };
}
