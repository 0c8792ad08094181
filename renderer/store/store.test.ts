import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../preload/api';
import { coreBridge } from '../../test-support/test-bridge';
import { createAppStore } from './index';

describe('the app store over the real core', () => {
  it('loads the library and opens the newest post', async () => {
    const { bridge } = await coreBridge();
    const store = createAppStore(bridge);
    await store.getState().refreshLibrary();
    const state = store.getState();
    expect(state.libraryStatus).toBe('ready');
    expect(state.posts.map((p) => p.title)).toEqual(['Latest From Napo 188', 'Omnishambles Update 48']);
    expect(state.openPostId).toBe('2019-05-20-latest-from-napo-188');
    expect(state.detail?.post.comments).toHaveLength(11);
  });

  it("asks again for the open post's articles once the full-text index is complete, leaving its thread", async () => {
    const { bridge } = await coreBridge();
    const listeners = new Map<string, (payload: unknown) => void>();
    const asked: string[] = [];
    const watched = {
      ...bridge,
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
      'posts.get': async (payload: { id: string; part?: 'whole' | 'start' }) => {
        asked.push(`get ${payload.id}`);
        return bridge['posts.get'](payload);
      },
      'posts.articles': async (payload: { id: string }) => {
        asked.push(`articles ${payload.id}`);
        return bridge['posts.articles'](payload);
      },
    } as Bridge;
    const store = createAppStore(watched);
    await store.getState().refreshLibrary();
    const thread = store.getState().detail!.post;
    asked.length = 0;
    listeners.get('library.updated')!({ root: store.getState().library!.root, files: [] });
    await waitFor(() => expect(asked).toEqual(['articles 2019-05-20-latest-from-napo-188']));
    await waitFor(() => expect(store.getState().detail!.post).toBe(thread));
    expect(store.getState().detail!.articlesStatus).toBe('found');
    expect(store.getState().detail!.articles.length).toBeGreaterThan(0);
  });

  it('toggles a comment collapsed and back', async () => {
    const store = createAppStore((await coreBridge()).bridge);
    store.getState().toggleCollapsed('1');
    expect(store.getState().collapsed).toEqual({ '1': true });
    store.getState().toggleCollapsed('1');
    expect(store.getState().collapsed).toEqual({});
  });

  it('marking an article expands the collapsed comment that holds it', async () => {
    const store = createAppStore((await coreBridge()).bridge);
    await store.getState().refreshLibrary();
    await store.getState().openPost('2014-05-07-omnishambles-update-48');
    store.getState().toggleCollapsed('3');
    const article = store
      .getState()
      .detail!.articles.find((a) => a.location.part === 'comments' && a.location.commentIds.includes('3.2'))!;
    store.getState().markArticle(article.id);
    expect(store.getState().markedArticleId).toBe(article.id);
    expect(store.getState().collapsed).toEqual({});
  });

  it('says what went wrong when a post cannot be opened', async () => {
    const store = createAppStore((await coreBridge()).bridge);
    await store.getState().openPost('no-such-post');
    expect(store.getState().detail).toBeNull();
    expect(store.getState().readerError).toMatch(/^Opening the post failed: "no-such-post" is not in this library/);
  });

  it('reloads its lists when main reports a new library', async () => {
    const { bridge, service } = await coreBridge();
    const store = createAppStore(bridge);
    await store.getState().refreshLibrary();
    await service.openLibrary(`${import.meta.dirname}/../../seeds`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.getState().library?.postCount).toBe(2);
  });

  it('loads the sources on demand, selects the first one and lists its articles', async () => {
    const store = createAppStore((await coreBridge()).bridge);
    expect(store.getState().sourcesStatus).toBe('idle');
    await store.getState().loadSources();
    const state = store.getState();
    expect(state.sourcesStatus).toBe('ready');
    expect(state.sources[0]).toEqual({
      key: 'ministryofjustice',
      name: 'Ministry of Justice',
      kind: 'organisation',
      site: 'justice.gov.uk',
      articleCount: 4,
      linkCount: 0,
    });
    expect(state.selectedSourceKey).toBe('ministryofjustice');
    expect(state.sourceArticlesStatus).toBe('ready');
    expect(state.sourceArticles).toHaveLength(4);
    await store.getState().selectSource('guardian');
    expect(store.getState().sourceArticles.map((a) => a.articleId)).toEqual(['2014-05-07-omnishambles-update-48#a8']);
  });

  it('keeps only the answer for the source picked last', async () => {
    const store = createAppStore((await coreBridge()).bridge);
    await store.getState().loadSources();
    await Promise.all([store.getState().selectSource('guardian'), store.getState().selectSource('redpepper')]);
    expect(store.getState().selectedSourceKey).toBe('redpepper');
    expect(store.getState().sourceArticles.map((a) => a.articleId)).toEqual(['2014-05-07-omnishambles-update-48#a10']);
  });

  it('shows an article in the reader: switches view, opens the post, marks the article', async () => {
    const store = createAppStore((await coreBridge()).bridge);
    await store.getState().refreshLibrary();
    store.getState().setView('articles');
    await store
      .getState()
      .showArticleInReader('2014-05-07-omnishambles-update-48', '2014-05-07-omnishambles-update-48#a11');
    const state = store.getState();
    expect(state.view).toBe('reader');
    expect(state.openPostId).toBe('2014-05-07-omnishambles-update-48');
    expect(state.detail?.post.id).toBe('2014-05-07-omnishambles-update-48');
    expect(state.markedArticleId).toBe('2014-05-07-omnishambles-update-48#a11');
  });

  it('reloads the sources when main reports a new library, keeping the selection', async () => {
    const { bridge, service } = await coreBridge();
    const store = createAppStore(bridge);
    await store.getState().loadSources();
    await store.getState().selectSource('guardian');
    store.setState({ sources: [] });
    await service.openLibrary(`${import.meta.dirname}/../../seeds`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.getState().sources).toHaveLength(19);
    expect(store.getState().selectedSourceKey).toBe('guardian');
    expect(store.getState().sourceArticles).toHaveLength(1);
  });
});
