import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTICLE_COMMENT, ARTICLE_URL, bigThreadSeed } from '../../e2e/big-library';
import type { Bridge } from '../../preload/api';
import { revealInThread } from '../features/thread/reveal';
import { renderApp } from '../../test-support/render-app';
import { coreBridge, SEEDS_DIR } from '../../test-support/test-bridge';
import { createAppStore } from './index';
import { threadComplete } from './open-post';

const LONGEST = '2013-06-03-the-longest-thread';
const OMNISHAMBLES = '2014-05-07-omnishambles-update-48';

/** Waits for an expectation to hold: parts of a 2,000-comment post take a while on a loaded machine. */
const eventually = (check: () => void) => waitFor(check, { timeout: 10_000 });

/** The seeds and a 2,000-comment thread, over the real core. */
async function library() {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-parts-'));
  await cp(SEEDS_DIR, dir, { recursive: true });
  await writeFile(join(dir, 'longest.txt'), bigThreadSeed(2000));
  return (await coreBridge(dir)).bridge;
}

/** The bridge with one method's answers held back until `release()`: they arrive late. */
function holding(bridge: Bridge, method: 'posts.articles' | 'posts.comments') {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const asked: string[] = [];
  const held = {
    ...bridge,
    [method]: async (payload: { id: string }) => {
      asked.push(payload.id);
      await released;
      return (bridge[method] as (p: unknown) => ReturnType<Bridge[typeof method]>)(payload);
    },
  } as Bridge;
  return { bridge: held, release, asked };
}

describe('a long post arriving in parts', () => {
  it('shows the start of the thread at once, then merges the rest and the articles as they come', async () => {
    const held = holding(await library(), 'posts.articles');
    const store = createAppStore(held.bridge);
    await store.getState().openPost(LONGEST);
    const first = store.getState().detail!;
    expect(first.post.comments.length).toBeLessThan(first.commentTotal);
    expect(first.commentTotal).toBe(2000);
    expect(first.articlesStatus).toBe('finding');
    expect(first.articles).toEqual([]);

    // The rest of the thread comes first; the articles are asked for once it is here.
    await eventually(() => expect(threadComplete(store.getState().detail!)).toBe(true));
    expect(store.getState().detail!.post.comments.map((c) => c.id)).toEqual(
      Array.from({ length: 2000 }, (_, i) => String(i + 1)),
    );
    await eventually(() => expect(held.asked).toEqual([LONGEST]));
    expect(store.getState().detail!.articlesStatus).toBe('finding');

    held.release();
    await store.getState().postArrived();
    const done = store.getState().detail!;
    expect(done.articlesStatus).toBe('found');
    expect(done.articles.find((a) => a.url === ARTICLE_URL)?.location).toMatchObject({
      commentIds: [`${ARTICLE_COMMENT}`, `${ARTICLE_COMMENT}.1`, `${ARTICLE_COMMENT}.2`],
    });
    expect(done.quotes.length).toBeGreaterThan(0);
    expect(done.post).toBe(store.getState().detail!.post);
  });

  it('drops a late part of a post that is no longer open', async () => {
    const held = holding(await library(), 'posts.articles');
    const store = createAppStore(held.bridge);
    await store.getState().openPost(LONGEST);
    await eventually(() => expect(held.asked).toEqual([LONGEST]));
    await store.getState().openPost(OMNISHAMBLES);
    const omnishambles = store.getState().detail!;
    held.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.getState().detail).toBe(omnishambles);
    expect(store.getState().detail!.articles.some((a) => a.url === ARTICLE_URL)).toBe(false);
  });

  it('drops a late rest of the thread after the post was closed', async () => {
    const held = holding(await library(), 'posts.comments');
    const store = createAppStore(held.bridge);
    await store.getState().openPost(LONGEST);
    await eventually(() => expect(held.asked).toEqual([LONGEST]));
    store.getState().closePost();
    held.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.getState().detail).toBeNull();
  });

  it('marks an article asked for (from another view) before the post’s articles arrived', async () => {
    const bridge = await library();
    const found = await bridge['posts.articles']({ id: LONGEST });
    const gazette = found.ok ? found.value.articles.find((a) => a.url === ARTICLE_URL)!.id : '';
    const held = holding(bridge, 'posts.articles');
    const store = createAppStore(held.bridge);
    await store.getState().openPost(OMNISHAMBLES);
    const showing = store.getState().showArticleInPost(LONGEST, gazette);
    await eventually(() => expect(held.asked).toEqual([LONGEST]));
    expect(store.getState().markedArticleId).toBeNull();
    held.release();
    await showing;
    expect(store.getState().markedArticleId).toBe(gazette);
    expect(store.getState().pendingReveal).toEqual({ articleId: gazette });
  });
});

describe('the reader while a long post arrives', () => {
  it('says the articles are being found and the rest of the thread is loading, then shows them', async () => {
    const articles = holding(await library(), 'posts.articles');
    const comments = holding(articles.bridge, 'posts.comments');
    const { store } = await renderApp({ bridge: comments.bridge });
    await act(() => store.getState().openPost(LONGEST));
    const pane = screen.getByRole('complementary', { name: 'Quoted articles' });
    expect(within(pane).getByRole('status').textContent).toBe('Finding quoted articles…');
    expect(pane.getAttribute('aria-busy')).toBe('true');
    const shown = store.getState().detail!.post.comments.length;
    expect(screen.getByText(`Loading comments ${shown + 1}–2000…`).getAttribute('role')).toBe('status');
    expect(screen.getByRole('heading', { name: '2102 comments (2000 declared)' })).toBeTruthy();

    await act(async () => comments.release());
    await eventually(() => expect(screen.queryByText(/^Loading comments/)).toBeNull());
    expect(within(pane).getByRole('status').textContent).toBe('Finding quoted articles…');

    await act(async () => articles.release());
    await act(() => store.getState().postArrived());
    expect(within(pane).queryByRole('status')).toBeNull();
    expect(within(pane).getByRole('button', { name: /westshire-gazette\.co\.uk/ })).toBeTruthy();
  });

  it('says why when the articles could not be found, and keeps the thread', async () => {
    const bridge = await library();
    const failing = {
      ...bridge,
      'posts.articles': async () => ({
        ok: false,
        error: { code: 'internal', message: 'posts.articles failed unexpectedly: boom. Please report this.' },
      }),
    } as Bridge;
    const { store } = await renderApp({ bridge: failing });
    await act(() => store.getState().openPost(LONGEST));
    await act(() => store.getState().postArrived());
    const pane = screen.getByRole('complementary', { name: 'Quoted articles' });
    expect(within(pane).getByRole('alert').textContent).toBe(
      'posts.articles failed unexpectedly: boom. Please report this.',
    );
    expect(threadComplete(store.getState().detail!)).toBe(true);
    expect(screen.getByRole('article', { name: 'Comment 1' })).toBeTruthy();
  });

  it('keeps a place asked for in the part still to come, and goes there once it is here', async () => {
    const comments = holding(await library(), 'posts.comments');
    const { store } = await renderApp({ bridge: comments.bridge });
    await act(() => store.getState().openPost(LONGEST));
    act(() => void revealInThread({ commentId: '1998' }));
    expect(store.getState().pendingReveal).toEqual({ commentId: '1998' });
    await act(async () => comments.release());
    await eventually(() => expect(store.getState().pendingReveal).toBeNull());
    expect(threadComplete(store.getState().detail!)).toBe(true);
  });

  it('says why when the rest of the thread could not be loaded, and stops waiting for it', async () => {
    const bridge = await library();
    const failing = {
      ...bridge,
      'posts.comments': async () => ({
        ok: false,
        error: { code: 'unreadable', message: 'Opening the post failed: longest.txt can no longer be read.' },
      }),
    } as Bridge;
    const { store } = await renderApp({ bridge: failing });
    await act(() => store.getState().openPost(LONGEST));
    await act(() => store.getState().postArrived());
    expect(screen.getByRole('alert').textContent).toBe('Opening the post failed: longest.txt can no longer be read.');
    expect(screen.queryByText(/^Loading comments/)).toBeNull();
    act(() => store.getState().openFind());
    fireEvent.change(screen.getByRole('textbox', { name: 'Find in this post' }), { target: { value: 'zzyzx' } });
    expect(within(screen.getByRole('search', { name: 'Find in this post' })).getByRole('status').textContent).toBe(
      'No matches',
    );
  });
});
