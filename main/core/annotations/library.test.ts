import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_FILE, openAnnotations } from './db';
import { addQuote, loadPostTexts, reanchorLibrary } from './library';
import { AnnotationStore } from './store';

const SEEDS = join(import.meta.dirname, '../../../seeds');
const FILE = '004_72f7fc2b7a245681.txt';
const POST = '2014-05-07-omnishambles-update-48';
const sha1 = (path: string) => createHash('sha1').update(readFileSync(path)).digest('hex');

describe('anchoring a library again', () => {
  it('leaves a post whose file is unchanged since its annotations were anchored alone, and anchors an edited one again', async () => {
    const library = mkdtempSync(join(tmpdir(), 'threadline-reanchor-'));
    cpSync(SEEDS, library, { recursive: true });
    const opened = await openAnnotations(join(library, '..', `${library.split('/').pop()}-${ANNOTATIONS_FILE}`));
    const store = new AnnotationStore(opened.db!);
    const texts = (await loadPostTexts(library, POST, { file: FILE, part: 0 }))!;
    expect(texts.hash).toBe(sha1(join(library, FILE)));
    const a = addQuote(store, library, texts, 'body', 'the latest from Pat Waterman');
    let file: string | null = FILE;
    const hashOf = () => sha1(join(library, FILE));

    // A new annotation has no hash yet: its post is read once, then left alone.
    expect(await reanchorLibrary(store, library, () => (file ? { file, part: 0 } : null), null, hashOf)).toMatchObject({
      posts: 1,
      unchanged: 0,
      exact: 1,
    });
    expect(await reanchorLibrary(store, library, () => (file ? { file, part: 0 } : null), null, hashOf)).toMatchObject({
      posts: 1,
      unchanged: 1,
      exact: 1,
    });
    // Unchanged means not read at all: with the file moved away it would otherwise be an orphan.
    const hash = hashOf();
    renameSync(join(library, FILE), join(library, 'elsewhere.txt'));
    file = 'missing.txt';
    expect(
      await reanchorLibrary(
        store,
        library,
        () => (file ? { file, part: 0 } : null),
        null,
        () => hash,
      ),
    ).toMatchObject({ unchanged: 1, exact: 1, orphan: 0 });
    renameSync(join(library, 'elsewhere.txt'), join(library, FILE));
    file = FILE;

    // Edited: a new hash, so it is read and anchored again.
    writeFileSync(
      join(library, FILE),
      readFileSync(join(library, FILE), 'utf8').replace('Pat Waterman', 'Pat Watreman'),
    );
    expect(await reanchorLibrary(store, library, () => (file ? { file, part: 0 } : null), null, hashOf)).toMatchObject({
      posts: 1,
      unchanged: 0,
      fuzzy: 1,
    });
    expect(store.get(a.id)!.anchor.state).toBe('fuzzy');
    // Without a known hash (not indexed yet) it is always read.
    expect(await reanchorLibrary(store, library, () => (file ? { file, part: 0 } : null))).toMatchObject({
      unchanged: 0,
      fuzzy: 1,
    });
    opened.db!.close();
  });
});
