import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FeedCounts } from './feed/assemble';
import { FeedSession } from './feed/session';
import type { PageResult } from './types';

/** How much of a feed is decoded and parsed at a time. */
export const FEED_CHUNK_BYTES = 1 << 20;

/** A feed read from disk, with what the index keeps about the file. */
export type FeedFileResult = PageResult & { size: number; mtimeMs: number; hash: string };

/** Reads a feed held in memory, chunk by chunk (as a file is), and says how many entries of each kind it held. */
export function readFeed(
  bytes: Uint8Array,
  file: string,
  chunkBytes = FEED_CHUNK_BYTES,
  companions: readonly string[] = [],
): { result: PageResult; counts: FeedCounts } {
  const session = new FeedSession(file);
  for (let at = 0; at < bytes.length && !session.stopped; at += chunkBytes) {
    const end = Math.min(bytes.length, at + chunkBytes);
    session.push(bytes.subarray(at, end), end === bytes.length);
  }
  if (bytes.length === 0) session.push(bytes, true);
  session.readCompanions(companions, chunkBytes);
  return session.finish();
}

/**
 * Reads a Blogger Atom feed (posts or comments) or a whole-blog export into its posts, with their
 * comment threads, authors, times, labels and drafts. Pure and synchronous; never throws.
 */
export function parseFeed(bytes: Uint8Array, file: string, companions: readonly string[] = []): PageResult {
  return readFeed(bytes, file, FEED_CHUNK_BYTES, companions).result;
}

/** Whether the start of a feed (its first few KB) says it is a Blogger comments feed ("…blog-N.comments"). */
export function isCommentsFeed(head: string): boolean {
  return /<id>\s*tag:blogger\.com,1999:blog-\d+\.comments\s*<\/id>/.test(head);
}

/**
 * Reads a feed file from disk in chunks of `chunkBytes`, never holding the whole file, and hashes it
 * (SHA-1) as it goes. Once reading stops early (an entity bomb, broken XML) the rest is only hashed.
 * A file that cannot be read gives an error problem, not an exception.
 */
export function parseFeedFile(
  absPath: string,
  file: string,
  chunkBytes = FEED_CHUNK_BYTES,
  companions: readonly string[] = [],
): FeedFileResult {
  const hash = createHash('sha1');
  const session = new FeedSession(file);
  let fd: number | null = null;
  let size = 0;
  let mtimeMs = 0;
  try {
    fd = openSync(absPath, 'r');
    const stat = fstatSync(fd);
    mtimeMs = stat.mtimeMs;
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkBytes, null);
      if (read === 0) break;
      const chunk = buffer.subarray(0, read);
      hash.update(chunk);
      size += read;
      // The end of the file is only known at the next read; an incomplete sequence waits in the decoder.
      session.push(chunk);
    }
    session.push(new Uint8Array(0), true);
    session.readCompanions(companions, chunkBytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      format: 'atom',
      posts: [],
      problems: [
        {
          file,
          line: null,
          severity: 'error',
          message: `Reading the file failed: ${reason}. Check that it exists and can be read, then update the library.`,
        },
      ],
      header: null,
      size,
      mtimeMs,
      hash: hash.digest('hex'),
    };
  } finally {
    if (fd !== null) closeSync(fd);
  }
  return { ...session.finish().result, size, mtimeMs, hash: hash.digest('hex') };
}

export type { FeedCounts };

const latin1 = new TextDecoder('latin1');

/** The first `bytes` bytes of a file (none when it cannot be read). */
export function fileHead(path: string, bytes = 4096): Uint8Array {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The comments feeds saved beside a feed (same folder, .xml or .atom): a blog's posts feed and its
 * comments feed are two files, and the comments belong in the posts' threads. For a comments feed
 * (its first bytes are `head`), the other feeds beside it, which read its comments.
 */
export function companionFeedsOf(absPath: string, head: Uint8Array): string[] {
  const commentsFeed = isCommentsFeed(latin1.decode(head.subarray(0, 4096)));
  const folder = dirname(absPath);
  const self = basename(absPath);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => name !== self && !name.startsWith('.') && /\.(xml|atom)$/i.test(name))
    .sort()
    .map((name) => join(folder, name))
    .filter((path) => isCommentsFeed(latin1.decode(fileHead(path))) !== commentsFeed);
}
