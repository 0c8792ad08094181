import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndexDb } from './db';
import { ParsePool } from './pool';
import { indexQueries } from './queries';
import { updateIndex } from './update';

const FEEDS = join(import.meta.dirname, '../parse/fixtures/feeds');
const pool = new ParsePool(1);
afterAll(() => pool.close());

describe('a posts feed and its comments feed saved as two files', () => {
  it('threads the comments under their posts, and follows the comments feed coming and going', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-feeds-'));
    const library = join(dir, 'library');
    await cp(join(FEEDS, 'posts-feed.xml'), join(library, 'blog', 'posts.xml'));
    const db = openIndexDb(join(dir, 'index.sqlite'));
    const counts = () =>
      indexQueries(db)
        .posts()
        .map((p) => [p.title, p.foundCommentCount]);
    try {
      await updateIndex(db, library, { pool });
      expect(counts()).toEqual([
        ['Caseloads After The Split', 0],
        ['Branch Calls For A Pause On Contracts', 0],
        ['Ballot Update', 0],
      ]);
      // The comments feed arrives: only it changed, and the posts feed beside it is read again.
      await cp(join(FEEDS, 'comments-feed.xml'), join(library, 'blog', 'comments.xml'));
      await updateIndex(db, library, { pool, changed: ['blog/comments.xml'] });
      expect(counts()).toEqual([
        ['Caseloads After The Split', 0],
        ['Branch Calls For A Pause On Contracts', 2],
        ['Ballot Update', 1],
      ]);
      const q = indexQueries(db);
      expect(q.problemsOf('blog/comments.xml')).toEqual([]);
      // Searchable with the posts.
      const { search } = await import('./search');
      expect(search(db, 'lease runs to March').groups.map((g) => g.title)).toEqual([
        'Branch Calls For A Pause On Contracts',
      ]);
      await rm(join(library, 'blog', 'comments.xml'));
      await updateIndex(db, library, { pool, changed: ['blog/comments.xml'] });
      expect(counts().map(([, n]) => n)).toEqual([0, 0, 0]);
    } finally {
      db.close();
    }
  });
});
