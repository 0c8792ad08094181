import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Comment, Post } from '../../../preload/api';
import { ARTICLE_COMMENT, bigThreadSeed } from '../../../e2e/big-library';
import { FIND_LIMIT } from '../../store/find-slice';
import { SEEDS_DIR } from '../../../test-support/test-bridge';
import { renderApp as renderWith } from '../../../test-support/render-app';

const OMNISHAMBLES = '2014-05-07-omnishambles-update-48';

const renderApp = (library = SEEDS_DIR) => renderWith({ library });

/** Every text of a post in reading order, straight from the data: the count to expect. */
function occurrences(post: Post, word: string): number {
  const texts: string[] = post.body.map((b) => b.text);
  const visit = (c: Comment) => {
    texts.push(c.text);
    c.replies.forEach(visit);
  };
  post.comments.forEach(visit);
  return texts.reduce((sum, text) => sum + (text.match(new RegExp(word, 'gi')) ?? []).length, 0);
}

const bar = () => screen.getByRole('search', { name: 'Find in this post' });
const findBox = () => within(bar()).getByRole('textbox', { name: 'Find in this post' });
const count = () => within(bar()).getByRole('status').textContent;
const current = () => document.querySelector('mark.find-current');

describe('find in the open post', () => {
  it('counts matches across collapsed replies, and next / previous cycle through them, expanding what hides them', async () => {
    const { store } = await renderApp();
    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Posts' })).getByRole('button', { name: /Omnishambles Update 48/ }),
    );
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Omnishambles Update 48'));
    fireEvent.click(
      within(screen.getByRole('article', { name: 'Comment 3' })).getByRole('button', { name: 'Hide replies' }),
    );
    expect(screen.queryByRole('article', { name: 'Comment 3.1' })).toBeNull();

    const event = fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    expect(event).toBe(false); // Chromium's own find is kept out.
    expect(document.activeElement).toBe(findBox());
    fireEvent.change(findBox(), { target: { value: 'Prison' } });
    const expected = occurrences(store.getState().detail!.post, 'prison');
    expect(expected).toBeGreaterThan(10);
    expect(count()).toBe(`1 of ${expected}`);
    expect(store.getState().findMatches).toHaveLength(expected);
    // Some are in the collapsed replies of comment 3, which are not rendered.
    const hidden = store.getState().findMatches.filter((m) => m.commentId?.startsWith('3.'));
    expect(hidden.length).toBeGreaterThan(5);
    expect(document.querySelectorAll('mark.find, mark.find-current').length).toBe(expected - hidden.length);
    expect(current()!.textContent!.toLowerCase()).toBe('prison');

    // Enter goes on to the first match in comment 3.1: the replies open and it is marked current.
    const firstHidden = hidden[0]!.index;
    for (let i = 0; i < firstHidden; i++) fireEvent.keyDown(findBox(), { key: 'Enter' });
    expect(count()).toBe(`${firstHidden + 1} of ${expected}`);
    await waitFor(() => expect(screen.getByRole('article', { name: 'Comment 3.1' })).toBeTruthy());
    expect(store.getState().collapsed).toEqual({});
    expect(current()!.closest('article')!.getAttribute('aria-label')).toBe(`Comment ${hidden[0]!.commentId}`);
    expect(current()!.id).toBe(`find-${firstHidden}`);
    expect(document.activeElement).toBe(findBox());
    expect(document.querySelectorAll('mark.find, mark.find-current').length).toBe(expected);
    expect(document.querySelectorAll('mark.find-current')).toHaveLength(1);

    // Shift+Enter and the buttons go back; past the first is the last, past the last the first.
    fireEvent.keyDown(findBox(), { key: 'Enter', shiftKey: true });
    expect(count()).toBe(`${firstHidden} of ${expected}`);
    act(() => store.setState({ findCurrent: 0 }));
    fireEvent.click(within(bar()).getByRole('button', { name: 'Previous match' }));
    expect(count()).toBe(`${expected} of ${expected}`);
    fireEvent.click(within(bar()).getByRole('button', { name: 'Next match' }));
    expect(count()).toBe(`1 of ${expected}`);
    // F3 too.
    fireEvent.keyDown(window, { key: 'F3' });
    expect(count()).toBe(`2 of ${expected}`);

    // Escape closes the bar and clears the marks.
    fireEvent.keyDown(findBox(), { key: 'Escape' });
    expect(screen.queryByRole('search', { name: 'Find in this post' })).toBeNull();
    expect(document.querySelectorAll('mark.find, mark.find-current')).toHaveLength(0);
    expect(store.getState().findQuery).toBe('');
  });

  it('says when nothing matches, ignores case and accents, and closes when another post is opened', async () => {
    const { store } = await renderApp();
    fireEvent.keyDown(window, { key: 'f', metaKey: true });
    fireEvent.change(findBox(), { target: { value: 'zzyzx' } });
    expect(count()).toBe('No matches');
    expect(within(bar()).getByRole('button', { name: 'Next match' })).toHaveProperty('disabled', true);
    fireEvent.change(findBox(), { target: { value: 'NAPÖ' } });
    expect(count()).toMatch(/^1 of \d+$/);
    expect(current()!.textContent!.toLowerCase()).toBe('napo');
    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Posts' })).getByRole('button', { name: /Omnishambles Update 48/ }),
    );
    await waitFor(() => expect(store.getState().detail?.post.id).toBe(OMNISHAMBLES));
    expect(screen.queryByRole('search', { name: 'Find in this post' })).toBeNull();
  });

  it('marks find matches inside links without breaking them', async () => {
    const { store } = await renderApp();
    await act(() => store.getState().openPost(OMNISHAMBLES));
    act(() => store.getState().openFind());
    fireEvent.change(findBox(), { target: { value: 'governors-grayling' } });
    expect(count()).toBe('1 of 1');
    const link = within(screen.getByRole('article', { name: 'Comment 3' })).getByRole('link');
    expect(link.getAttribute('href')).toBe(
      'http://www.politics.co.uk/news/2014/05/07/prison-governors-grayling-s-regime-is-driving-us-to-tipping',
    );
    expect(link.querySelector('mark.find-current')?.textContent).toBe('governors-grayling');
    expect(link.textContent).toBe(link.getAttribute('href'));
  });

  it('finds in a 2,000-comment thread, in rows that are not rendered', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-find-'));
    try {
      await writeFile(join(dir, 'long.txt'), bigThreadSeed(2000));
      const { store } = await renderApp(dir);
      expect(document.querySelectorAll('article.comment-body').length).toBeLessThan(30);
      act(() => store.getState().openFind());
      fireEvent.change(findBox(), { target: { value: 'hostels' } });
      // "hostels" is in the article pasted into the replies of comment 1500 (and in the body: "your hostel" does not count),
      // which arrives after the first screen: the bar says it is still finding, then counts over the whole thread.
      expect(store.getState().detail!.post.comments.length).toBeLessThan(ARTICLE_COMMENT);
      expect(count()).toBe('Finding…');
      expect(findBox().getAttribute('aria-invalid')).toBe('false');
      await act(() => store.getState().postArrived());
      const matches = store.getState().findMatches;
      expect(matches.length).toBeGreaterThan(0);
      expect(matches.every((m) => m.commentId?.startsWith(`${ARTICLE_COMMENT}.`))).toBe(true);
      expect(count()).toBe(`1 of ${matches.length}`);
      // A common word stops counting at the limit.
      fireEvent.change(findBox(), { target: { value: 'probation' } });
      expect(count()).toBe(`1 of ${FIND_LIMIT.toLocaleString('en-GB')}+`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
