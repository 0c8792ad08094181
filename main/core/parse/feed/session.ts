import { closeSync, openSync, readSync } from 'node:fs';
import type { PageResult, Problem } from '../types';
import { FeedCollector, own, type FeedCounts } from './assemble';
import { ChunkDecoder } from './decode';
import { FeedReader, type Break } from './reader';

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** The problem for a read that stopped early; an error when nothing could be read. */
function breakProblem(file: string, broken: Break, postCount: number): Problem {
  const { line, reason } = broken;
  if (broken.entities)
    return {
      file,
      line,
      severity: 'error',
      message: `Reading the feed failed: ${reason}, which a Blogger feed never does and which can expand without limit. Nothing was read from it. Replace it with the feed or export as Blogger saved it.`,
    };
  if (broken.beforeRoot)
    return {
      file,
      line,
      severity: 'error',
      message: `Reading the file failed: it is not an XML feed (${reason}). Remove it from the library folder, or replace it with a Blogger Atom feed or blog export.`,
    };
  if (postCount === 0)
    return {
      file,
      line,
      severity: 'error',
      message: `Reading the feed failed at line ${line}: ${reason}. No complete post came before it; the file may be cut short. Save the feed or export again.`,
    };
  return {
    file,
    line,
    severity: 'warning',
    message: `The feed breaks off at line ${line}: ${reason}. The ${plural(postCount, 'post')} before it ${postCount === 1 ? 'was' : 'were'} read; anything after is missing. Save the feed or export again to read it all.`,
  };
}

/** The error for a feed that holds no post, saying what to add instead. */
function noPostsProblem(file: string, counts: FeedCounts): Problem {
  // A comments feed is read with the posts feed beside it (readCompanions()): a note, not an error.
  if (counts.comment > 0)
    return {
      file,
      line: null,
      severity: 'warning',
      message: `The feed holds ${plural(counts.comment, 'comment')} and no posts (a comments feed). They are shown with their posts when the blog's posts feed is in the same folder; put it there, or use the blog's export (Blogger: Settings → Back up content), which holds both.`,
    };
  return {
    file,
    line: null,
    severity: 'error',
    message: `Reading the feed found no posts. Put the blog's export (Blogger: Settings → Back up content) or its posts feed (…/feeds/posts/default) in the library instead.`,
  };
}

/**
 * One feed being read: bytes in, chunk by chunk (`push`), a PageResult out (`finish`). Holds one
 * chunk of text and the entry being read, plus the posts and comments read so far.
 */
export class FeedSession {
  private readonly decoder = new ChunkDecoder();
  private readonly collector = new FeedCollector();
  private readonly reader = new FeedReader((entry) => this.collector.add(entry));
  private badLine: number | null = null;
  /** A comments feed with posts feeds beside it (readCompanions()): its comments are read with them. */
  private besidePosts = false;

  constructor(private readonly file: string) {}

  /**
   * Reads the comments feeds kept beside this feed (`paths`, feed.ts companionFeedsOf(): the blog's
   * posts feed and its comments feed saved as two files): comments answering this feed's posts join
   * their threads, none twice. A companion that cannot be read, or breaks off, adds what it read.
   * For a comments feed, `paths` are the feeds beside it, which read its comments with their posts.
   */
  readCompanions(paths: readonly string[], chunkBytes: number): void {
    // A comments feed's companions are the feeds its comments belong to: it is read with them.
    if (this.collector.postCount === 0) {
      this.besidePosts = paths.length > 0;
      return;
    }
    for (const path of paths) this.readCompanion(path, chunkBytes);
  }

  private readCompanion(absPath: string, chunkBytes: number): void {
    const decoder = new ChunkDecoder();
    const reader = new FeedReader((entry) => this.collector.add(entry, true));
    let fd: number | null = null;
    try {
      fd = openSync(absPath, 'r');
      const buffer = Buffer.allocUnsafe(chunkBytes);
      for (let read = readSync(fd, buffer, 0, chunkBytes, null); read > 0 && !reader.broken;) {
        reader.write(decoder.decode(buffer.subarray(0, read), false));
        read = readSync(fd, buffer, 0, chunkBytes, null);
      }
      if (!reader.broken) reader.write(decoder.decode(new Uint8Array(0), true));
      reader.end();
    } catch {
      // Its own problems are reported where it is indexed itself.
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }

  /** True once reading stopped (an entity bomb, XML that is not well-formed): the rest need not be parsed. */
  get stopped(): boolean {
    return this.reader.broken !== null;
  }

  push(bytes: Uint8Array, final = false): void {
    if (this.stopped) return;
    const text = this.decoder.decode(bytes, final);
    const badAt = this.decoder.badAt;
    if (badAt >= 0 && this.badLine === null) {
      this.reader.write(text.slice(0, badAt));
      this.badLine = this.reader.line;
      this.reader.write(text.slice(badAt));
    } else this.reader.write(text);
  }

  finish(): { result: PageResult; counts: FeedCounts } {
    this.reader.end();
    const { file, collector, reader } = this;
    const { posts, problems } = collector.build(file);
    const broken = reader.broken;
    // An entity bomb, or a file that is not XML at all, gets its one error and nothing else.
    if (broken?.entities || broken?.beforeRoot)
      return {
        result: { format: 'atom', posts: [], problems: [breakProblem(file, broken, 0)], header: null },
        counts: collector.counts,
      };
    if (this.badLine !== null)
      problems.push({
        file,
        line: this.badLine,
        severity: 'warning',
        message:
          'The file is not valid UTF-8 from this line on; the bytes that are not were read as Windows-1252. Check that £, quotes and accented letters look right, and re-save the file as UTF-8 to silence this.',
      });
    if (reader.undefinedEntityLine !== null)
      problems.push({
        file,
        line: reader.undefinedEntityLine,
        severity: 'warning',
        message:
          'The feed uses an entity XML does not define (like &nbsp;); it is kept as written. Blogger writes such entities escaped (&amp;nbsp;), so the file may have been edited by hand.',
      });
    if (broken) problems.push(breakProblem(file, broken, posts.length));
    if (
      posts.length === 0 &&
      !problems.some((problem) => problem.severity === 'error') &&
      !(this.besidePosts && collector.counts.comment > 0)
    )
      problems.push(noPostsProblem(file, collector.counts));
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return {
      result: { format: collector.format, posts, problems, header: reader.feedTitle ? own(reader.feedTitle) : null },
      counts: collector.counts,
    };
  }
}
