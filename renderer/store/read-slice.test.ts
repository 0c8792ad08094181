import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../preload/api';
import { coreBridge } from '../../test-support/test-bridge';
import { createAppStore } from './index';
import { filterPosts, partsInOrder } from './read-slice';

const NEWEST = '2019-05-20-latest-from-napo-188';
const OLDER = '2014-05-07-omnishambles-update-48';

async function ready() {
  const store = createAppStore((await coreBridge()).bridge);
  await store.getState().refreshLibrary();
  await waitFor(() => expect(store.getState().readPostId).toBe(NEWEST));
  await waitFor(() => expect(Object.keys(store.getState().readCounts)).toHaveLength(2));
  return store;
}

describe('the read-state slice over the real core', () => {
  it('starts with every part unread, and marking a comment read drops the count', async () => {
    const store = await ready();
    const parts = store.getState().posts.find((p) => p.id === NEWEST)!.foundCommentCount + 1;
    // The post's text and every comment and reply.
    expect(store.getState().readCounts[NEWEST]).toEqual({ unread: parts, fresh: 0 });
    await store.getState().markRead(['comment:1'], true);
    expect(store.getState().readParts).toEqual({ 'comment:1': true });
    expect(store.getState().readCounts[NEWEST]).toEqual({ unread: parts - 1, fresh: 0 });
    await store.getState().toggleRead('comment:1');
    expect(store.getState().readParts).toEqual({});
    expect(store.getState().readCounts[NEWEST]!.unread).toBe(parts);
  });

  it('marks a post, then the library, read', async () => {
    const store = await ready();
    await store.getState().markPostRead(NEWEST, true);
    expect(store.getState().readCounts[NEWEST]!.unread).toBe(0);
    expect(store.getState().readParts['body']).toBe(true);
    expect(store.getState().readCounts[OLDER]!.unread).toBeGreaterThan(0);
    await store.getState().markAllRead({ kind: 'library' });
    expect(Object.values(store.getState().readCounts).map((c) => c.unread)).toEqual([0, 0]);
  });

  it('goes to the next unread part, then on to the next post with any, and says when there is none', async () => {
    const store = await ready();
    await store.getState().markRead(['body', 'comment:1'], true);
    expect(await store.getState().nextUnread(1)).toBe(true);
    expect(store.getState().pendingReveal).toEqual({ commentId: '1.1' });
    await store.getState().markPostRead(NEWEST, true);
    expect(await store.getState().nextUnread(1)).toBe(true);
    expect(store.getState().openPostId).toBe(OLDER);
    expect(store.getState().pendingReveal).toEqual({ bodyLine: store.getState().detail!.post.body[0]!.line });
    await store.getState().markPostRead(OLDER, true);
    expect(await store.getState().nextUnread(1)).toBe(false);
    expect(await store.getState().nextUnread(-1)).toBe(false);
  });
});

describe('read-state helpers', () => {
  const post = (id: string, foundCommentCount = 2): PostSummary => ({
    id,
    title: id,
    lead: '',
    date: '2019-05-01',
    dateText: null,
    foundCommentCount,
    declaredCommentCount: null,
    file: `${id}.txt`,
    articleCount: 0,
    author: null,
    format: 'text',
    draft: false,
  });

  it('filters the list to unread or New posts, keeping the open one', () => {
    const posts = [post('a'), post('b'), post('c'), post('d')];
    const counts = { a: { unread: 0, fresh: 0 }, b: { unread: 2, fresh: 1 }, c: { unread: 1, fresh: 0 } };
    expect(filterPosts(posts, 'unread', counts, null).map((p) => p.id)).toEqual(['b', 'c', 'd']);
    expect(filterPosts(posts, 'new', counts, 'a').map((p) => p.id)).toEqual(['a', 'b']);
    expect(filterPosts(posts, 'all', counts, null)).toBe(posts);
  });

  it('orders a post’s parts as they are read: its text, then each comment with its replies', () => {
    const comment = (id: string, replies: string[] = []) =>
      ({ id, replies: replies.map((r) => ({ id: r, replies: [] })) }) as never;
    expect(partsInOrder([comment('1', ['1.1', '1.2']), comment('2')])).toEqual([
      'body',
      'comment:1',
      'comment:1.1',
      'comment:1.2',
      'comment:2',
    ]);
  });
});
