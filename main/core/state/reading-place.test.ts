import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlaceStore, MAX_PLACES, readingPlaceFile } from './reading-place';

const profile = () => mkdtemp(join(tmpdir(), 'threadline-place-'));

describe('the reading place', () => {
  it('remembers the place in each library, the pane widths and the last library across a restart', async () => {
    const dir = await profile();
    const warnings: string[] = [];
    const store = createPlaceStore(dir, (w) => warnings.push(w));
    expect(await store.placeIn(dir)).toBeNull();
    expect(await store.panes()).toBeNull();
    expect(await store.lastLibrary()).toBeNull();
    await store.save(dir, { post: { postId: 'a', commentId: '3.2', line: 4, offset: 17.5 } });
    await store.save('/elsewhere', { post: { postId: 'b', offset: 0 } });
    await store.save(null, { panes: { posts: 30, thread: 45, articles: 25 } });
    await store.rememberLibrary(dir);

    const again = createPlaceStore(dir, (w) => warnings.push(w));
    expect(await again.placeIn(dir)).toEqual({ postId: 'a', commentId: '3.2', line: 4, offset: 17.5 });
    expect(await again.placeIn('/elsewhere')).toEqual({ postId: 'b', offset: 0 });
    expect(await again.panes()).toEqual({ posts: 30, thread: 45, articles: 25 });
    expect(await again.lastLibrary()).toBe(dir);
    expect(warnings).toEqual([]);
  });

  it('forgets a last library that is no longer a folder, and the places of the oldest libraries', async () => {
    const dir = await profile();
    const store = createPlaceStore(dir, () => undefined);
    await store.rememberLibrary(join(dir, 'gone'));
    expect(await store.lastLibrary()).toBeNull();
    for (let i = 0; i <= MAX_PLACES; i++) await store.save(`/library-${i}`, { post: { postId: `p${i}`, offset: i } });
    expect(await store.placeIn('/library-0')).toBeNull();
    expect(await store.placeIn('/library-1')).toEqual({ postId: 'p1', offset: 1 });
    expect(await store.placeIn(`/library-${MAX_PLACES}`)).toEqual({ postId: `p${MAX_PLACES}`, offset: MAX_PLACES });
  });

  it.each([
    ['damaged', '{"version":1,"lastLibrary":', /reading-place\.json is damaged/],
    [
      'of another shape',
      JSON.stringify({ version: 1, lastLibrary: null, panes: { posts: 'wide' }, places: [] }),
      /unexpected at panes\.posts/,
    ],
  ])('ignores a %s file with a warning, and replaces it on the next save', async (_case, text, warning) => {
    const dir = await profile();
    await writeFile(readingPlaceFile(dir), text);
    const warnings: string[] = [];
    const store = createPlaceStore(dir, (w) => warnings.push(w));
    expect(await store.panes()).toBeNull();
    expect(await store.placeIn(dir)).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
    await store.save(dir, { post: { postId: 'a', offset: 5 } });
    expect(JSON.parse(await readFile(readingPlaceFile(dir), 'utf8'))).toEqual({
      version: 1,
      lastLibrary: null,
      panes: null,
      places: [{ root: dir, place: { postId: 'a', offset: 5 } }],
    });
  });

  it('keeps saves made at the same time in the order they were made', async () => {
    const dir = await profile();
    const store = createPlaceStore(dir, () => undefined);
    await Promise.all(Array.from({ length: 10 }, (_, offset) => store.save(dir, { post: { postId: 'a', offset } })));
    await store.flush();
    expect(await createPlaceStore(dir, () => undefined).placeIn(dir)).toEqual({ postId: 'a', offset: 9 });
  });

  it('keeps every change of saves made at the same time, each on top of the one before', async () => {
    const dir = await profile();
    const store = createPlaceStore(dir, () => undefined);
    await Promise.all([
      store.save(dir, { post: { postId: 'a', offset: 1 } }),
      store.save(null, { panes: { posts: 30, thread: 45, articles: 25 } }),
      store.rememberLibrary(dir),
    ]);
    const again = createPlaceStore(dir, () => undefined);
    expect(await again.placeIn(dir)).toEqual({ postId: 'a', offset: 1 });
    expect(await again.panes()).toEqual({ posts: 30, thread: 45, articles: 25 });
    expect(await again.lastLibrary()).toBe(dir);
  });

  it('reports a failed write and goes on', async () => {
    const dir = await profile();
    // A file where the profile folder should be: nothing can be written inside it.
    const blocked = join(dir, 'not-a-folder');
    await writeFile(blocked, '');
    const warnings: string[] = [];
    const store = createPlaceStore(blocked, (w) => warnings.push(w));
    await expect(store.save(dir, { post: { postId: 'a', offset: 1 } })).resolves.toBeUndefined();
    expect(warnings.at(-1)).toMatch(/^Remembering the reading place failed: /);
    expect(await store.placeIn(dir)).toEqual({ postId: 'a', offset: 1 });
  });
});
