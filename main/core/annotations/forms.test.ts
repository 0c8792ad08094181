import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndexDb } from '../index/db';
import { ParsePool } from '../index/pool';
import { indexQueries } from '../index/queries';
import { updateIndex } from '../index/update';
import { ANNOTATIONS_FILE, openAnnotations } from './db';
import { addQuote, loadPostTexts, reanchorLibrary } from './library';
import { AnnotationStore } from './store';

const HTML = join(import.meta.dirname, '../parse/fixtures/html');
const POST = '2023-03-14-caseloads-and-the-summer-review';
const pool = new ParsePool(1);
afterAll(() => pool.close());

describe('annotations on a post kept in two forms', () => {
  it('made on the text copy, anchor again on the saved page that takes the post over', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-forms-'));
    const library = join(dir, 'library');
    await cp(join(HTML, 'threaded.txt'), join(library, 'threaded.txt'));
    const db = openIndexDb(join(dir, 'index.sqlite'));
    const opened = await openAnnotations(join(dir, ANNOTATIONS_FILE));
    const store = new AnnotationStore(opened.db!);
    try {
      await updateIndex(db, library, { pool });
      const q = indexQueries(db);
      expect(q.locate(POST)).toEqual({ file: 'threaded.txt', part: 0 });
      const texts = (await loadPostTexts(library, POST, q.locate(POST)!))!;
      const onBody = addQuote(store, library, texts, 'body', 'the summer review will reset the figures');
      const onReply = addQuote(store, library, texts, '1.1', 'The figure counts cases, not the work in them.');

      // The saved page of the same post joins the library: the post is read from it now.
      await cp(join(HTML, 'threaded.html'), join(library, 'threaded.html'));
      await updateIndex(db, library, { pool });
      expect(q.locate(POST)).toEqual({ file: 'threaded.html', part: 0 });
      expect(q.otherSourcesOf(POST)).toEqual([{ file: 'threaded.txt', format: 'text' }]);
      const counts = await reanchorLibrary(
        store,
        library,
        (id) => q.locate(id),
        [POST],
        (id) => q.hashOf(id),
      );
      expect(counts).toMatchObject({ posts: 1, unchanged: 0, exact: 2, orphan: 0 });
      for (const [annotation, part] of [
        [onBody, 'body'],
        [onReply, onReply.anchor.part],
      ] as const)
        expect(store.get(annotation.id)!.anchor).toMatchObject({ state: 'exact', part });
    } finally {
      opened.db!.close();
      db.close();
    }
  });
});
