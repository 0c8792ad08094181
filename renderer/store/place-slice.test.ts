import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../preload/api';
import { coreBridge } from '../../test-support/test-bridge';
import { createAppStore } from './index';
import { PLACE_SAVE_MS } from './place-slice';

const NAPO = '2019-05-20-latest-from-napo-188';
const OMNI = '2014-05-07-omnishambles-update-48';

/** The real core's bridge, with the place.save calls that reach it written down. */
async function watchedBridge() {
  const { bridge } = await coreBridge();
  const saves: unknown[] = [];
  const watched = {
    ...bridge,
    'place.save': async (payload: Parameters<Bridge['place.save']>[0]) => {
      saves.push(payload);
      return bridge['place.save'](payload);
    },
  } as Bridge;
  return { bridge: watched, saves };
}

afterEach(() => vi.useRealTimers());

describe('the reading place in the store', () => {
  it('opens the post remembered in the library and waits to scroll back to its place', async () => {
    const { bridge } = await watchedBridge();
    const posts = await bridge['posts.list']({});
    const older = posts.ok && posts.value.find((p) => p.id !== NAPO)!.id;
    expect(older).toBe(OMNI);
    const place = { postId: OMNI, commentId: '2.1', line: 0, offset: 12 };
    await bridge['place.save']({ post: place });

    const store = createAppStore(bridge);
    await store.getState().refreshLibrary();
    expect(store.getState().openPostId).toBe(OMNI);
    expect(store.getState().pendingPlace).toEqual(place);
    // Opening another post drops it.
    await store.getState().openPost(NAPO);
    expect(store.getState().pendingPlace).toBeNull();
  });

  it('after a crash, reopens the post the window had open, at its remembered place', async () => {
    const { bridge } = await watchedBridge();
    const place = { postId: OMNI, commentId: '2.1', line: 0, offset: 12 };
    await bridge['place.save']({ post: place });
    const store = createAppStore(bridge);
    store.setState({ resumePostId: OMNI });
    await store.getState().refreshLibrary();
    expect(store.getState().openPostId).toBe(OMNI);
    expect(store.getState().pendingPlace).toEqual(place);
    expect(store.getState().resumePostId).toBeNull();
  });

  it('after a crash, reopens the post the window had open at its top when its place was in another post', async () => {
    const { bridge } = await watchedBridge();
    await bridge['place.save']({ post: { postId: OMNI, offset: 40 } });
    const store = createAppStore(bridge);
    store.setState({ resumePostId: NAPO });
    await store.getState().refreshLibrary();
    expect(store.getState().openPostId).toBe(NAPO);
    expect(store.getState().pendingPlace).toBeNull();
  });

  it('opens the newest post when the remembered one is gone from the library', async () => {
    const { bridge } = await watchedBridge();
    await bridge['place.save']({ post: { postId: OMNI, offset: 40 } });
    const store = createAppStore({
      ...bridge,
      'posts.list': async () => {
        const all = await bridge['posts.list']({});
        return all.ok ? { ok: true, value: all.value.filter((p) => p.id !== OMNI) } : all;
      },
    } as Bridge);
    await store.getState().refreshLibrary();
    expect(store.getState().openPostId).toBe(NAPO);
    expect(store.getState().pendingPlace).toBeNull();
  });

  it('sends only the latest place of a burst of scrolling, and nothing twice', async () => {
    const { bridge, saves } = await watchedBridge();
    const store = createAppStore(bridge);
    vi.useFakeTimers();
    for (let offset = 0; offset < 30; offset++) store.getState().rememberPlace({ postId: NAPO, offset });
    expect(saves).toEqual([]);
    vi.advanceTimersByTime(PLACE_SAVE_MS);
    expect(saves).toEqual([{ post: { postId: NAPO, offset: 29 } }]);
    store.getState().rememberPlace({ postId: NAPO, offset: 29 });
    vi.advanceTimersByTime(PLACE_SAVE_MS);
    store.getState().rememberPlace({ postId: NAPO, commentId: '3', offset: 0 });
    // The page going away sends at once.
    store.getState().flushPlace();
    expect(saves).toEqual([
      { post: { postId: NAPO, offset: 29 } },
      { post: { postId: NAPO, commentId: '3', offset: 0 } },
    ]);
  });

  it('loads the remembered pane widths', async () => {
    const { bridge } = await watchedBridge();
    await bridge['place.save']({ panes: { posts: 30, thread: 40, articles: 30 } });
    const store = createAppStore(bridge);
    await store.getState().loadPanes();
    expect(store.getState().rememberedPanes).toEqual({ posts: 30, thread: 40, articles: 30 });
  });
});
