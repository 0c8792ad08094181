import { parseHtmlPage } from './html';
import { companionFeedsOf, FEED_CHUNK_BYTES, fileHead, parseFeed, parseFeedFile } from './feed';
import { scanTextPage, summaryOf, type PostWithoutText } from './structure';
import { parseTextPage } from './text-page';
import type { PageResult, SourceFormat } from './types';

/** What the start of a file says it is: markup (HTML or XML) or text. Binary is found by the decoder. */
export type Sniffed = 'xml' | 'html' | 'text';

/** Extensions of the files a library is read from (lower case, with the dot). */
export const LIBRARY_EXTENSIONS: readonly string[] = ['.txt', '.html', '.htm', '.xml', '.atom'];

const ascii = new TextDecoder('latin1');

/**
 * Tells a file's form from its first bytes, not its name: a saved page may be named anything. XML
 * (a feed or an export) starts with "<?xml" or "<feed"; HTML with a doctype, "<html", "<head" or a
 * comment before one of them. Anything else is read as a text copy.
 */
export function sniff(bytes: Uint8Array): Sniffed {
  let head = ascii.decode(bytes.subarray(0, 1024));
  if (head.startsWith('\u00ef\u00bb\u00bf')) head = head.slice(3);
  head = head.split('\u0000').join('').trimStart().toLowerCase();
  // UTF-16 markup: its BOM, then every other byte NUL (removed above).
  if (head.startsWith('\u00ff\u00fe') || head.startsWith('\u00fe\u00ff')) head = head.slice(2).trimStart();
  if (head.startsWith('<?xml')) return /<html[\s>]|<!doctype html/.test(head) ? 'html' : 'xml';
  if (head.startsWith('<feed')) return 'xml';
  if (/^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype html|html[\s>]|head[\s>])/.test(head)) return 'html';
  return 'text';
}

/**
 * Reads one file of a library into its posts, whatever its form: a text copy of a Blogger page, a
 * saved HTML page, or an Atom feed or blog export. Synchronous; never throws (everything odd is a
 * located problem). `companions`: comments feeds beside a feed (feed.ts companionFeedsOf()), read
 * for its posts' comments; the only files it reads.
 */
export function parsePage(bytes: Uint8Array, file: string, companions: readonly string[] = []): PageResult {
  const kind = sniff(bytes);
  if (kind === 'xml') return parseFeed(bytes, file, companions);
  if (kind === 'html') return parseHtmlPage(bytes, file);
  return parseTextPage(bytes, file);
}

/** What the post list needs of a page: its posts without their text. */
export interface PageStructure {
  format: SourceFormat;
  posts: PostWithoutText[];
  problems: PageResult['problems'];
}

/**
 * The post-list facts of a page: a text copy is scanned from its bytes (structure.ts), decoding
 * little of it; markup is parsed whole.
 */
export function scanPage(bytes: Uint8Array, file: string, companions: readonly string[] = []): PageStructure {
  if (sniff(bytes) === 'text') return { format: 'text', ...scanTextPage(bytes, file) };
  const page = parsePage(bytes, file, companions);
  return { format: page.format, posts: page.posts.map(summaryOf), problems: page.problems };
}

/** A file too big to read whole that may be a feed or an export: read as a stream when its start is XML. */
export function parseLargeFile(absPath: string, file: string) {
  const head = fileHead(absPath);
  return sniff(head) === 'xml' ? parseFeedFile(absPath, file, FEED_CHUNK_BYTES, companionFeedsOf(absPath, head)) : null;
}

/** The comments feeds to read with a file (feed.ts companionFeedsOf()): none unless it is a feed. */
export function companionsFor(absPath: string, bytes: Uint8Array): string[] {
  return sniff(bytes) === 'xml' ? companionFeedsOf(absPath, bytes) : [];
}

export type { PageResult, SourceFormat };
