/**
 * Read state in the user's annotations database (migration 3): one row per post of a library,
 * holding its comments' keys (keys.ts) packed — those known when the post was first seen, those
 * it has now, those read — whether its own text is read, and two derived counts kept up to date
 * with every write, so the post list's counts are one indexed query however long the threads.
 *
 * A comment is unread until read; it is New when it is not among the known keys either (it came
 * with a re-saved copy of the page). Every write is one transaction.
 */
import type { AnnotationsDb } from '../annotations/db';
import { packKeys, unpackKeys } from './keys';
import type { ReadCounts } from './types';

/** One post's stored state. */
export interface PostReadRow {
  known: string;
  current: string;
  read: string;
  bodyRead: boolean;
}

/** What is stored for a post as seen for the first time: every comment it has is known, none read. */
const firstSeen = (current: string): PostReadRow => ({ known: current, current, read: '', bodyRead: false });

/** The counts of a row: the body and each current comment not read; the current ones neither known nor read. */
export function countsOf(row: PostReadRow): ReadCounts {
  const read = new Set(unpackKeys(row.read));
  const known = new Set(unpackKeys(row.known));
  let unread = row.bodyRead ? 0 : 1;
  let fresh = 0;
  for (const key of unpackKeys(row.current)) {
    if (read.has(key)) continue;
    unread++;
    if (!known.has(key)) fresh++;
  }
  return { unread, fresh };
}

export class ReadStateStore {
  private readonly s;

  constructor(private readonly db: AnnotationsDb) {
    this.s = {
      get: db.prepare(
        'SELECT known, current, read, body_read AS bodyRead FROM read_state WHERE library = ? AND post_id = ?',
      ),
      put: db.prepare(
        `INSERT INTO read_state(library, post_id, known, current, read, body_read, unread, fresh)
         VALUES (@library, @postId, @known, @current, @read, @bodyRead, @unread, @fresh)
         ON CONFLICT(library, post_id) DO UPDATE SET known = excluded.known, current = excluded.current,
           read = excluded.read, body_read = excluded.body_read, unread = excluded.unread, fresh = excluded.fresh`,
      ),
      ids: db.prepare('SELECT post_id FROM read_state WHERE library = ?').pluck(),
      counts: db.prepare('SELECT post_id AS postId, unread, fresh FROM read_state WHERE library = ?'),
      readLibrary: db.prepare(
        // Only posts with New comments need their known keys widened (the rest know all they have).
        'UPDATE read_state SET read = current, known = CASE WHEN fresh > 0 THEN known || current ELSE known END, body_read = 1, unread = 0, fresh = 0 WHERE library = ?',
      ),
    };
  }

  /** A post's row, or null when it has never been seen. */
  row(library: string, postId: string): PostReadRow | null {
    const row = this.s.get.get(library, postId) as (Omit<PostReadRow, 'bodyRead'> & { bodyRead: number }) | undefined;
    return row ? { ...row, bodyRead: row.bodyRead === 1 } : null;
  }

  private put(library: string, postId: string, row: PostReadRow): ReadCounts {
    const counts = countsOf(row);
    this.s.put.run({ library, postId, ...row, bodyRead: row.bodyRead ? 1 : 0, ...counts });
    return counts;
  }

  /** Ids of the posts of a library with a row. */
  ids(library: string): Set<string> {
    return new Set(this.s.ids.all(library) as string[]);
  }

  /**
   * Records the comments posts have now (packed keys, as the index found them): a post seen for
   * the first time knows all of them; a known one keeps what it knew, so comments added since are
   * New. Returns the counts of the posts whose state changed. One transaction.
   */
  sync(library: string, posts: Iterable<{ postId: string; keys: string }>): Map<string, ReadCounts> {
    const changed = new Map<string, ReadCounts>();
    this.db.transaction(() => {
      for (const { postId, keys } of posts) {
        const row = this.row(library, postId);
        if (row?.current === keys) continue;
        changed.set(postId, this.put(library, postId, row ? { ...row, current: keys } : firstSeen(keys)));
      }
    })();
    return changed;
  }

  /** Marks some comments (by key) and, when `body`, the post's own text read or unread. */
  mark(
    library: string,
    postId: string,
    current: string,
    change: { keys: readonly string[]; body: boolean; read: boolean },
  ): { row: PostReadRow; counts: ReadCounts } {
    return this.db.transaction(() => {
      const before = this.row(library, postId);
      const row = before ? { ...before, current } : firstSeen(current);
      const read = new Set(unpackKeys(row.read));
      const known = new Set(unpackKeys(row.known));
      for (const key of change.keys) {
        // A comment read is no longer New, even when marked unread again.
        if (change.read) {
          read.add(key);
          known.add(key);
        } else read.delete(key);
      }
      const next: PostReadRow = {
        ...row,
        known: packKeys(known),
        read: packKeys(read),
        bodyRead: change.body ? change.read : row.bodyRead,
      };
      return { row: next, counts: this.put(library, postId, next) };
    })();
  }

  /**
   * Marks whole posts read (every comment they have now, and the body) or unread (nothing read;
   * comments read once are no longer New). Posts never seen are skipped. One transaction.
   */
  markPosts(library: string, postIds: Iterable<string>, read: boolean): Map<string, ReadCounts> {
    const changed = new Map<string, ReadCounts>();
    this.db.transaction(() => {
      for (const postId of postIds) {
        const row = this.row(library, postId);
        if (!row) continue;
        const next = read
          ? {
              ...row,
              known: packKeys(new Set([...unpackKeys(row.known), ...unpackKeys(row.current)])),
              read: row.current,
              bodyRead: true,
            }
          : { ...row, read: '', bodyRead: false };
        changed.set(postId, this.put(library, postId, next));
      }
    })();
    return changed;
  }

  /** Marks every post of a library read, in one statement. */
  markLibraryRead(library: string): void {
    this.s.readLibrary.run(library);
  }

  /** Every post's counts, by id. */
  counts(library: string): Map<string, ReadCounts> {
    const rows = this.s.counts.all(library) as ({ postId: string } & ReadCounts)[];
    return new Map(rows.map(({ postId, unread, fresh }) => [postId, { unread, fresh }]));
  }
}
