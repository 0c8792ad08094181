import { parseTextPage } from './text-page';
import type { ParseResult } from './types';

export {
  COMMENT_START,
  COUNT,
  countMismatch,
  declaredCountOf,
  EMPTY_FILE,
  findCommentSection,
  FIRST_ITEM,
  parseHead,
  toBlocks,
  type Head,
} from './page-grammar';

/**
 * Parses a seed file (a saved Blogger post page) into its post with its comment tree: the first
 * post of parseTextPage(), with the problems of the whole page. Pure: no I/O. Never throws;
 * everything odd becomes a located problem. `input` may be the file's bytes (decoded here: BOM,
 * UTF-16, Windows-1252) or already-decoded text.
 */
export function parseSeed(input: string | Uint8Array, file: string): ParseResult {
  const { posts, problems } = parseTextPage(input, file);
  return { post: posts[0] ?? null, problems };
}
