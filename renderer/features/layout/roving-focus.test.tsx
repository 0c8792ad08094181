import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test-support/render-app';
import { visibleCommentIds } from '../thread/feed';

const tabStops = (root: HTMLElement) =>
  Array.from(root.querySelectorAll<HTMLElement>('button, a[href], [tabindex]')).filter((e) => e.tabIndex >= 0);

describe('roving focus', () => {
  it('makes the post list one tab stop: the open post', async () => {
    await renderApp();
    const nav = screen.getByRole('navigation', { name: 'Posts' });
    const stops = tabStops(nav).filter((e) => e.matches('.post-item'));
    expect(stops).toHaveLength(1);
    expect(stops[0]!.getAttribute('aria-current')).toBe('true');
  });

  it('makes the comments one tab stop, with only the current comment’s controls reachable by Tab', async () => {
    const { store } = await renderApp();
    const feed = screen.getByRole('feed', { name: 'Comments' });
    const first = screen.getByRole('article', { name: 'Comment 1' });
    expect(tabStops(feed).filter((e) => e.matches('article'))).toEqual([first]);
    expect(tabStops(feed).every((e) => first.contains(e))).toBe(true);

    // j moves the focus, and the tab stop with it.
    first.focus();
    fireEvent.keyDown(first, { key: 'j' });
    const reply = screen.getByRole('article', { name: 'Comment 1.1' });
    await waitFor(() => expect(document.activeElement).toBe(reply));
    expect(store.getState().focusedCommentId).toBe('1.1');
    await waitFor(() => expect(tabStops(feed).filter((e) => e.matches('article'))).toEqual([reply]));
    expect(within(first).getByRole('button', { name: /Flag/ }).tabIndex).toBe(-1);
    expect(within(reply).getByRole('button', { name: /Flag/ }).tabIndex).toBe(0);
  });

  it('gives each comment its place in the feed, replies included, and leaves out hidden replies', async () => {
    const { store } = await renderApp();
    const reply = screen.getByRole('article', { name: 'Comment 1.2' });
    expect(reply.getAttribute('aria-posinset')).toBe('3');
    expect(reply.getAttribute('aria-setsize')).toBe('15');
    expect(reply.getAttribute('aria-description')).toBe('Reply to comment 1');
    const comments = store.getState().detail!.post.comments;
    expect(visibleCommentIds(comments, {}).slice(0, 4)).toEqual(['1', '1.1', '1.2', '2']);
    expect(visibleCommentIds(comments, { '1': true }).slice(0, 2)).toEqual(['1', '2']);
  });

  it('runs a command sent by the application menu', async () => {
    const { store } = await renderApp();
    store.getState().requestCommand('help.shortcuts');
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('dialog', { name: 'Keyboard shortcuts' }), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    expect(store.getState().shortcutSheetOpen).toBe(false);
  });

  it('types "j" into a text field rather than moving', async () => {
    const { store } = await renderApp();
    store.getState().openFind();
    const input = await screen.findByRole('textbox', { name: 'Find in this post' });
    fireEvent.keyDown(input, { key: 'j' });
    expect(store.getState().focusedCommentId).toBeNull();
  });
});
