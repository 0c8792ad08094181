import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Events } from '../../../preload/api';
import type { Annotation } from './types';
import { ANNOTATIONS_FILE } from './db';
import { createDispatcher } from '../dispatch';
import { createService } from '../service';

const SEEDS = join(import.meta.dirname, '../../../seeds');
const OMNI_ID = '2014-05-07-omnishambles-update-48';
const QUOTE = 'the latest from Pat Waterman';

function copyOfSeeds(): string {
  const library = mkdtempSync(join(tmpdir(), 'threadline-lib-'));
  cpSync(SEEDS, library, { recursive: true });
  return library;
}

async function setup(profileDir = mkdtempSync(join(tmpdir(), 'threadline-profile-')), library = copyOfSeeds()) {
  const events: Events['annotations.changed'][] = [];
  const exported = join(profileDir, 'export.out');
  const service = createService({
    defaultLibrary: SEEDS,
    profileDir,
    watch: false,
    openExternal: async () => undefined,
    chooseFolder: async () => null,
    saveFile: async () => exported,
    chooseFile: async () => exported,
  });
  onTestFinished(() => service.close());
  service.subscribe((event, payload) => {
    if (event === 'annotations.changed') events.push(payload as Events['annotations.changed']);
  });
  await service.openLibrary(library);
  const dispatch = createDispatcher(service.handlers);
  const call = async <T>(method: string, payload: unknown): Promise<T> => {
    const result = await dispatch(method, payload);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  return { service, dispatch, call, library, profileDir, events, exported };
}

const bodyOffsets = () => {
  const text = 'First off, the latest from Pat Waterman';
  return { start: text.indexOf(QUOTE), end: text.indexOf(QUOTE) + QUOTE.length };
};

describe('annotations through the API', () => {
  it('highlights, flags, edits, bins and restores; counts per post; refuses malformed calls with typed errors, changing nothing', async () => {
    const { dispatch, call, events } = await setup();
    const a = await call<Annotation>('annotations.add', {
      postId: OMNI_ID,
      part: 'body',
      kind: 'highlight',
      ...bodyOffsets(),
      exact: QUOTE,
      colour: 'green',
      note: 'who?',
      tags: ['napo'],
    });
    expect(a).toMatchObject({
      postId: OMNI_ID,
      postTitle: 'Omnishambles Update 48',
      quote: { exact: QUOTE },
      colour: 'green',
      tags: ['napo'],
    });
    expect(events.at(-1)).toMatchObject({ postIds: [OMNI_ID] });
    const flag = await call<Annotation>('annotations.add', { postId: OMNI_ID, part: 'comment:3', kind: 'flag' });
    expect(flag.kind).toBe('flag');
    expect(await call('annotations.counts', {})).toEqual({ [OMNI_ID]: 2 });
    await call('annotations.update', { id: a.id, note: 'Chair of the London branch', tags: ['napo', 'people'] });
    expect(await call('annotations.tags', {})).toEqual([
      { tag: 'napo', count: 1 },
      { tag: 'people', count: 1 },
    ]);
    await call('annotations.remove', { id: flag.id });
    expect((await call<Annotation[]>('annotations.list', { deleted: true })).map((x) => x.id)).toEqual([flag.id]);
    await call('annotations.restore', { id: flag.id });
    expect(await call<Annotation[]>('annotations.list', { postId: OMNI_ID })).toHaveLength(2);

    const before = await call<Annotation[]>('annotations.list', {});
    for (const [payload, code] of [
      [{ postId: OMNI_ID, part: 'body', kind: 'highlight', start: 'x', end: 5 }, 'invalid-request'],
      [{ postId: OMNI_ID, part: 'body', kind: 'highlight', start: 5, end: 2 }, 'invalid-request'],
      [{ postId: OMNI_ID, part: 'body', kind: 'highlight', start: 0, end: 99_999_999 }, 'invalid-request'],
      [
        { postId: OMNI_ID, part: 'body', kind: 'highlight', ...bodyOffsets(), exact: 'other words here, not these' },
        'invalid-request',
      ],
      [
        { postId: OMNI_ID, part: 'body', kind: 'highlight', ...bodyOffsets(), note: 'n'.repeat(200_000) },
        'invalid-request',
      ],
      [{ postId: OMNI_ID, part: 'comment:999', kind: 'flag' }, 'not-found'],
      [{ postId: 'no-such-post', part: 'body', kind: 'flag' }, 'not-found'],
      [{ postId: OMNI_ID, part: 'body', kind: 'highlight', ...bodyOffsets(), colour: 'red' }, 'invalid-request'],
      [{ postId: OMNI_ID, part: 'body', kind: 'scribble' }, 'invalid-request'],
    ] as const) {
      const result = await dispatch('annotations.add', payload);
      expect(result, JSON.stringify(payload).slice(0, 120)).toEqual({
        ok: false,
        error: { code, message: expect.any(String) },
      });
    }
    for (const [method, payload, code] of [
      ['annotations.update', { id: '00000000-0000-4000-8000-000000000000', note: 'x' }, 'not-found'],
      ['annotations.update', { id: 'not-a-uuid', note: 'x' }, 'invalid-request'],
      ['annotations.update', { id: a.id, tags: ['x'.repeat(65)] }, 'invalid-request'],
      ['annotations.update', { id: a.id, tags: 'napo' }, 'invalid-request'],
      ['annotations.remove', { id: '00000000-0000-4000-8000-000000000000' }, 'not-found'],
      ['annotations.list', { colour: 'red' }, 'invalid-request'],
      ['annotations.list', { text: 'x'.repeat(10_000) }, 'invalid-request'],
    ] as const) {
      const result = await dispatch(method, payload);
      expect(result, `${method} ${JSON.stringify(payload).slice(0, 80)}`).toEqual({
        ok: false,
        error: { code, message: expect.any(String) },
      });
    }
    expect(await call<Annotation[]>('annotations.list', {})).toEqual(before);

    // Notes are part of library search: a word only a note holds finds it, first in its post's group.
    const found = await call<{
      groups: {
        postId: string;
        hits: { kind: string; ref: string | null; snippet: { text: string; marked: boolean }[] }[];
      }[];
    }>('search.query', {
      query: 'london branch',
    });
    const group = found.groups.find((g) => g.postId === OMNI_ID)!;
    expect(group.hits[0]).toMatchObject({ kind: 'note', ref: 'body' });
    expect(group.hits[0]!.snippet.filter((p) => p.marked).map((p) => p.text.toLowerCase())).toEqual([
      'london',
      'branch',
    ]);
    const noteOnly = await call<{ groups: { hits: { kind: string }[] }[] }>('search.query', {
      query: 'Chair of the London branch',
    });
    expect(noteOnly.groups.flatMap((g) => g.hits).filter((h) => h.kind === 'note')).toHaveLength(1);
    // Narrowed to comments: no notes.
    const narrowed = await call<{ groups: { hits: { kind: string }[] }[] }>('search.query', {
      query: 'london branch',
      kinds: ['comment'],
    });
    expect(narrowed.groups.flatMap((g) => g.hits).some((h) => h.kind === 'note')).toBe(false);
  });

  it('anchors annotations again when the post’s file changed, and exports and imports them', async () => {
    const first = await setup();
    const a = await first.call<Annotation>('annotations.add', {
      postId: OMNI_ID,
      part: 'body',
      kind: 'highlight',
      ...bodyOffsets(),
      note: 'who?',
    });
    const file = join(first.library, '004_72f7fc2b7a245681.txt');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'First off, the latest from Pat Waterman',
        'New intro.\n\nFirst off, the latest from Pat Watreman',
      ),
    );
    // What the watcher does after a change: the library is read again, then its annotations anchored again.
    await first.service.openLibrary(first.library);
    await expect
      .poll(async () => (await first.call<Annotation[]>('annotations.list', {}))[0]?.anchor.state)
      .toBe('fuzzy');

    expect(await first.call('annotations.export', { format: 'jsonld' })).toEqual({ path: first.exported, count: 1 });
    expect(JSON.parse(readFileSync(first.exported, 'utf8')).first.items[0].id).toBe(`urn:uuid:${a.id}`);
    // Imported into a fresh profile twice: one annotation.
    const second = await setup();
    cpSync(first.exported, second.exported);
    expect(await second.call('annotations.import', {})).toMatchObject({ added: 1, alreadyThere: 0, exact: 1 });
    expect(await second.call('annotations.import', {})).toMatchObject({ added: 0, alreadyThere: 1 });
    expect((await second.call<Annotation[]>('annotations.list', {})).map((x) => [x.id, x.note])).toEqual([
      [a.id, 'who?'],
    ]);
  });

  it('opens read-only over a damaged annotations file, says where the backup is, and restores it', async () => {
    const first = await setup();
    await first.call('annotations.add', {
      postId: OMNI_ID,
      part: 'body',
      kind: 'highlight',
      ...bodyOffsets(),
      note: 'keep me',
    });
    await first.service.close();
    // Opened again with data and no backup yet: the daily backup.
    const again = await setup(first.profileDir, first.library);
    expect((await again.call<{ state: string }>('annotations.status', {})).state).toBe('ok');
    await again.service.close();
    writeFileSync(join(first.profileDir, ANNOTATIONS_FILE), Buffer.alloc(4096, 0x41));
    const damaged = await setup(first.profileDir, first.library);
    const status = await damaged.call<{ state: string; reason: string; backup: string }>('annotations.status', {});
    expect(status).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/damaged.*newest backup is/) });
    // Reading goes on; writing says why not.
    expect(await damaged.call('posts.list', {})).toHaveLength(2);
    expect(await damaged.dispatch('annotations.add', { postId: OMNI_ID, part: 'comment:3', kind: 'flag' })).toEqual({
      ok: false,
      error: { code: 'annotations-unavailable', message: expect.stringMatching(/^Annotations are read-only/) },
    });
    expect(await damaged.call('annotations.restoreBackup', {})).toMatchObject({ state: 'ok' });
    expect((await damaged.call<Annotation[]>('annotations.list', {})).map((x) => x.note)).toEqual(['keep me']);
  });
});
