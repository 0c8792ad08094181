import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../preload/api';
import { authorsLibrary, richerPost } from '../../../test-support/authors-library';
import { renderApp } from '../../../test-support/render-app';
import { coreBridge } from '../../../test-support/test-bridge';

const thread = () => screen.getByRole('feed', { name: 'Comments' });
const header = () => document.querySelector<HTMLElement>('.post-header')!;

async function openTitled(store: Awaited<ReturnType<typeof renderApp>>['store'], title: string) {
  const id = store.getState().posts.find((p) => p.title === title)!.id;
  await act(() => store.getState().openPost(id));
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title));
}

describe('authors and times in the thread', () => {
  it("names each comment's author with it, for the eye and for a screen reader; nobody where the page names nobody", async () => {
    const { store } = await renderApp({ library: await authorsLibrary() });
    await openTitled(store, 'The Weekend Rota');
    const comments = within(thread()).getAllByRole('article');
    expect(comments.map((c) => c.getAttribute('aria-label'))).toEqual([
      'Comment 1 by Jim Brown',
      'Comment 2 by Anonymous',
      'Comment 3 by Maggie Lyle',
    ]);
    expect(comments[0]!.querySelector('.comment-author')!.textContent).toBe('Jim Brown');
    // A text copy gives no times and no post author: the header shows the day alone, as before.
    expect(document.querySelector('.comment-time')).toBeNull();
    expect(header().querySelector('.post-date')!.textContent).toBe('4 March 2013');
    await openTitled(store, 'Branch Meeting Notes');
    const only = within(thread()).getByRole('article');
    expect(only.getAttribute('aria-label')).toBe('Comment 1');
    expect(only.querySelector('.comment-author')).toBeNull();
  });

  it("shows the post's author, time, labels and draft badge, and each comment's time, when the page gives them", async () => {
    const core = await coreBridge(await authorsLibrary());
    // As a feed or an HTML page would give the post (their readers fill these fields).
    const bridge: Bridge = {
      ...core.bridge,
      'posts.get': async (request) => {
        const result = await core.bridge['posts.get'](request);
        return result.ok ? { ok: true, value: { ...result.value, post: richerPost(result.value.post) } } : result;
      },
    };
    const { store } = await renderApp({ bridge });
    await openTitled(store, 'The Weekend Rota');
    const date = header().querySelector('.post-date')!;
    expect(date.textContent).toBe('Draft4 March 2013, 09:30by Probation Officer');
    expect(date.querySelector('time')!.getAttribute('datetime')).toBe('2013-03-04T09:30:00.000-08:00');
    const labels = within(header()).getByRole('list', { name: 'Labels' });
    expect(
      within(labels)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['rota', 'approved premises']);
    const times = within(thread())
      .getAllByRole('article')
      .map((c) => c.querySelector('time')?.textContent);
    expect(times).toEqual(['4 March 2013, 10:15', '4 March 2013, 11:15', '4 March 2013, 12:15']);
  });
});
