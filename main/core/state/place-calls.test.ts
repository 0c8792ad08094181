import { mkdtempSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createDispatcher } from '../dispatch';
import { createService } from '../service';

const SEEDS = join(import.meta.dirname, '../../../seeds');
const NAPO = '2019-05-20-latest-from-napo-188';

/** A service on a profile, as the app starts one; the same profile again is the app restarted. */
function start(profileDir: string) {
  const warnings: string[] = [];
  const service = createService({
    defaultLibrary: SEEDS,
    profileDir,
    openExternal: async () => undefined,
    chooseFolder: async () => null,
    warn: (message) => warnings.push(message),
  });
  onTestFinished(() => service.close());
  return { service, dispatch: createDispatcher(service.handlers), warnings };
}

describe('the reading-place calls', () => {
  it('give back, after a restart, the place in the post and the pane widths', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'threadline-profile-'));
    const first = start(profile);
    await first.service.openLibrary(SEEDS);
    expect(await first.dispatch('place.get', {})).toEqual({ ok: true, value: { panes: null, post: null } });
    const place = { postId: NAPO, commentId: '5', line: 2, offset: 31 };
    const panes = { posts: 30, thread: 44, articles: 26 };
    expect(await first.dispatch('place.save', { post: place, panes })).toEqual({ ok: true, value: { kept: true } });
    await first.service.close();

    const second = start(profile);
    await second.service.openLibrary(SEEDS);
    expect(await second.dispatch('place.get', {})).toEqual({ ok: true, value: { panes, post: place } });
    expect(second.warnings).toEqual([]);
  });

  it('does not keep a post the open library lacks', async () => {
    const { service, dispatch } = start(mkdtempSync(join(tmpdir(), 'threadline-profile-')));
    await service.openLibrary(SEEDS);
    const result = await dispatch('place.save', { post: { postId: 'no-such-post', offset: 0 } });
    expect(result).toEqual({ ok: true, value: { kept: false } });
    expect(await dispatch('place.get', {})).toEqual({ ok: true, value: { panes: null, post: null } });
  });

  it('answers the pane widths before any library is open', async () => {
    const { dispatch } = start(mkdtempSync(join(tmpdir(), 'threadline-profile-')));
    expect(await dispatch('place.save', { panes: { posts: 20, thread: 60, articles: 20 } })).toEqual({
      ok: true,
      value: { kept: false },
    });
    expect(await dispatch('place.get', {})).toEqual({
      ok: true,
      value: { panes: { posts: 20, thread: 60, articles: 20 }, post: null },
    });
  });

  it.each([
    ['a negative offset', { post: { postId: NAPO, offset: -1 } }],
    ['a comment id that is not a path', { post: { postId: NAPO, commentId: '../3', offset: 0 } }],
    ['a field the contract lacks', { post: { postId: NAPO, offset: 0, html: '<b>' } }],
    ['a width over 100%', { panes: { posts: 150 } }],
    ['too many panes', { panes: Object.fromEntries('abcdefghi'.split('').map((id) => [id, 10])) }],
  ])('refuses %s', async (_case, payload) => {
    const { dispatch } = start(mkdtempSync(join(tmpdir(), 'threadline-profile-')));
    expect(await dispatch('place.save', payload)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('reopens the last library the user chose while it is still there, and the bundled one after it', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'threadline-profile-'));
    const library = join(profile, '..', `${profile.split('/').pop()}-library`);
    await cp(SEEDS, library, { recursive: true });
    const first = start(profile);
    expect(await first.service.lastLibrary()).toBeNull();
    await first.service.openLibrary(library);
    await first.service.close();
    const second = start(profile);
    expect(await second.service.lastLibrary()).toBe(library);
    await second.service.openLibrary(SEEDS);
    expect(await second.service.lastLibrary()).toBeNull();
  });
});
