import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { hitTarget } from '../../store/search-slice';
import { coreBridge } from '../../../test-support/test-bridge';
import { describeHit } from './SearchPanel';
import { renderApp as renderWith } from '../../../test-support/render-app';
import { authorsLibrary } from '../../../test-support/authors-library';

const OMNISHAMBLES = '2014-05-07-omnishambles-update-48';

/** The app over the real core, its full-text index complete. */
const renderApp = () => renderWith();

const dialog = () => screen.getByRole('dialog', { name: 'Search the library' });
const searchBox = () => within(dialog()).getByRole('combobox', { name: 'Search posts, comments and articles' });
const results = () => within(dialog()).getByRole('listbox', { name: 'Search results' });
const type = (text: string) => fireEvent.change(searchBox(), { target: { value: text } });
const openWithKeys = () => fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
/** The hits on show, as "what it is" labels, grouped by post title. */
const shownHits = () =>
  within(dialog())
    .queryAllByRole('group')
    .filter((g) => g.classList.contains('search-group'))
    .map((g) => ({
      post: g.querySelector('.search-post-title')!.textContent,
      hits: within(g)
        .getAllByRole('option')
        .map((o) => o.querySelector('.search-hit-kind')!.textContent),
    }));

describe('the library search', () => {
  it('opens with Ctrl+K, finds "tipping point" in comment 3.1 of Omnishambles Update 48, with the words marked', async () => {
    await renderApp();
    expect(screen.queryByRole('dialog')).toBeNull();
    openWithKeys();
    expect(document.activeElement).toBe(searchBox());
    type('tipping point');
    const hit = await within(dialog()).findByRole('option', { name: /^Comment 3\.1/ });
    expect(hit.closest('[role="group"]')!.textContent).toContain('Omnishambles Update 48');
    expect(hit.closest('[role="group"]')!.textContent).toContain('7 May 2014');
    expect(Array.from(hit.querySelectorAll('mark')).map((m) => m.textContent)).toEqual(['tipping', 'point']);
    // The snippet is text: the quotes in it are characters, not markup.
    expect(hit.textContent).toContain('"Spartan" prison regime');
    expect(within(dialog()).getByRole('status').textContent).toMatch(/^\d+ match(es)? in 1 post/);
    const first = within(results()).getAllByRole('option')[0]!;
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(first.id);
  });

  it('says what it left out of a hostile query and never fails', async () => {
    await renderApp();
    openWithKeys();
    type('"tipping');
    await within(dialog()).findByText('Left out: an unmatched "');
    expect(within(results()).getAllByRole('option').length).toBeGreaterThan(0);
    type('NEAR(');
    await within(dialog()).findByText(/^Left out: .*NEAR\(/);
    type('" NEAR( ) : ^ *');
    await within(dialog()).findByText(/^Left out:/);
    expect(within(dialog()).queryByRole('alert')).toBeNull();
  });

  it('says when nothing matches, with a hint, and offers to clear the filters', async () => {
    await renderApp();
    openWithKeys();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Comments' }));
    type('zzyzx');
    await within(dialog()).findByText(/Nothing matches “zzyzx”/);
    expect(within(dialog()).getByRole('status').textContent).toBe('No results');
    expect(within(dialog()).getByText(/^Filters are on/)).toBeTruthy();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Clear filters' }));
    expect(within(dialog()).getByRole('button', { name: 'Comments' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('narrows the results by kind, date and source', async () => {
    const { store } = await renderApp();
    openWithKeys();
    type('grayling');
    await waitFor(() =>
      expect(shownHits().map((g) => g.post)).toEqual(['Latest From Napo 188', 'Omnishambles Update 48']),
    );

    // Kind: comments only.
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Posts' }));
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Articles' }));
    await waitFor(() =>
      expect(shownHits().flatMap((g) => g.hits.map((h) => h!.split(' ')[0]))).toEqual(
        expect.arrayContaining(['Comment']),
      ),
    );
    await waitFor(() => expect(shownHits().every((g) => g.hits.every((h) => h!.startsWith('Comment')))).toBe(true));

    // Date: 2015 onwards leaves the 2019 post only.
    fireEvent.change(within(dialog()).getByLabelText('From'), { target: { value: '2015-01-01' } });
    await waitFor(() => expect(shownHits().map((g) => g.post)).toEqual(['Latest From Napo 188']));
    fireEvent.change(within(dialog()).getByLabelText('To'), { target: { value: '2015-12-31' } });
    await within(dialog()).findByText(/Nothing matches/);

    // Source: The Guardian's article, in the 2014 post.
    act(() => store.getState().setSearchFilters({ from: '', to: '', kinds: ['post', 'comment', 'article'] }));
    const source = within(dialog()).getByLabelText('Source') as HTMLSelectElement;
    await waitFor(() => expect(Array.from(source.options).some((o) => o.value === 'guardian')).toBe(true));
    type('outsourcing');
    fireEvent.change(source, { target: { value: 'guardian' } });
    await waitFor(() =>
      expect(shownHits()).toEqual([{ post: 'Omnishambles Update 48', hits: ['Article: The Guardian'] }]),
    );

    // Opening it marks the article, as its card would.
    fireEvent.click(within(results()).getByRole('option'));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Omnishambles Update 48'));
    await waitFor(() =>
      expect(screen.getByRole('figure', { name: 'Quoted from The Guardian' }).className).toMatch(/marked/),
    );
    expect(store.getState().markedArticleId).toMatch(/^2014-05-07-omnishambles-update-48#a\d+$/);
  });

  it('Enter opens the post, scrolls to the hit and marks the search words in it; opening another post clears them', async () => {
    const { store } = await renderApp();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Latest From Napo 188');
    openWithKeys();
    type('tipping point');
    const hit = await within(dialog()).findByRole('option', { name: /^Comment 3\.1/ });
    // Down to the comment's hit (the article pasted in it ranks alike), then Enter.
    while (hit.getAttribute('aria-selected') !== 'true') fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Omnishambles Update 48'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().highlightTerms).toEqual(['tipping', 'point']);
    const comment = screen.getByRole('article', { name: 'Comment 3.1' });
    await waitFor(() => expect(document.activeElement).toBe(comment));
    const marks = Array.from(comment.querySelectorAll('mark.hit')).map((m) => m.textContent!.toLowerCase());
    expect(marks).toContain('tipping');
    expect(marks).toContain('point');
    // The link in comment 3 ("…-to-tipping") keeps working, with the word marked inside it.
    const link = within(screen.getByRole('article', { name: 'Comment 3' })).getByRole('link');
    expect(link.getAttribute('href')).toMatch(/^http:\/\/www\.politics\.co\.uk\/news\/2014\/05\/07\/prison-governors/);
    expect(link.querySelector('mark.hit')?.textContent).toBe('tipping');

    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Posts' })).getByRole('button', { name: /Latest From Napo 188/ }),
    );
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Latest From Napo 188'));
    expect(store.getState().highlightTerms).toEqual([]);
    expect(document.querySelectorAll('mark.hit')).toHaveLength(0);
  });

  it('moves through the hits with the arrow keys and opens the one chosen', async () => {
    const { store } = await renderApp();
    openWithKeys();
    type('grayling');
    const options = await waitFor(() => {
      const all = within(results()).getAllByRole('option');
      expect(all.length).toBeGreaterThan(3);
      return all;
    });
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    expect(options[3]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(searchBox(), { key: 'ArrowUp' });
    expect(options[2]!.getAttribute('aria-selected')).toBe('true');
    const group = options[2]!.closest('[role="group"]')!.querySelector('.search-post-title')!.textContent;
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(group));
    expect(store.getState().highlightTerms).toEqual(['grayling']);
    await waitFor(() => expect(document.querySelectorAll('mark.hit').length).toBeGreaterThan(0));
  });

  it('opens with "/" outside text fields only; Escape closes it and gives the focus back', async () => {
    await renderApp();
    const button = screen.getByRole('button', { name: 'Open Folder…' });
    button.focus();
    fireEvent.keyDown(button, { key: '/' });
    expect(dialog()).toBeTruthy();
    type('probation');
    fireEvent.keyDown(searchBox(), { key: '/' });
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    fireEvent.keyDown(searchBox(), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    // The toolbar button opens it too, with the last query still there.
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect((searchBox() as HTMLInputElement).value).toBe('probation');
  });

  it('keeps the focus inside the dialog', async () => {
    await renderApp();
    openWithKeys();
    const focusable = Array.from(dialog().querySelectorAll<HTMLElement>('button, input, select'));
    focusable[focusable.length - 1]!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(focusable[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(focusable[focusable.length - 1]);
  });

  it('lands only the answer to the latest query', async () => {
    const { store } = await renderApp();
    store.getState().setSearchQuery('tipping point');
    const first = store.getState().runSearch();
    store.getState().setSearchQuery('outsourcing');
    const second = store.getState().runSearch();
    await Promise.all([first, second]);
    expect(store.getState().searchResults?.terms).toEqual(['outsourcing']);
  });

  it('says when the index is still being built, and searches again once it is done', async () => {
    const { store } = await renderApp();
    openWithKeys();
    type('tipping point');
    await within(dialog()).findByRole('option', { name: /^Comment 3\.1/ });
    act(() => store.setState({ searchResults: { ...store.getState().searchResults!, complete: false } }));
    expect(within(dialog()).getByText(/^Still indexing — results may be incomplete/)).toBeTruthy();
    act(() => store.getState().indexComplete());
    await waitFor(() => expect(within(dialog()).queryByText(/^Still indexing/)).toBeNull());
  });
});

describe('what a hit is and where it goes', () => {
  it("narrows the results to an author, suggests the library's authors, and clears with the filters", async () => {
    const { store } = await renderWith({ library: await authorsLibrary() });
    openWithKeys();
    type('rota');
    await waitFor(() => expect(shownHits().length).toBe(3));
    const author = within(dialog()).getByLabelText('Author') as HTMLInputElement;
    await waitFor(() => expect(author.list).not.toBeNull());
    expect(Array.from(author.list!.querySelectorAll('option')).map((o) => [o.value, o.textContent])).toEqual([
      ['Jim Brown', '2 texts'],
      ['Maggie Lyle', '2 texts'],
      ['Anonymous', '1 text'],
    ]);
    fireEvent.change(author, { target: { value: 'jim brown' } });
    await waitFor(() => expect(shownHits()).toEqual([{ post: 'The Weekend Rota', hits: ['Comment 1 by Jim Brown'] }]));
    fireEvent.change(author, { target: { value: 'Maggie Lyle' } });
    await waitFor(() =>
      expect(shownHits()).toEqual([
        { post: 'The Pilot Is Extended', hits: ['Comment 1 by Maggie Lyle'] },
        { post: 'The Weekend Rota', hits: ['Comment 3 by Maggie Lyle'] },
      ]),
    );
    fireEvent.change(author, { target: { value: 'Maggie' } });
    await within(dialog()).findByText(/^Filters are on/);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Clear filters' }));
    expect(author.value).toBe('');
    expect(store.getState().searchFilters.author).toBe('');
    await waitFor(() => expect(shownHits().length).toBe(3));
  });

  it('offers no Author field for a library whose pages name nobody', async () => {
    const { store } = await renderApp();
    openWithKeys();
    await waitFor(() => expect(store.getState().searchAuthorsStatus).toBe('ready'));
    expect(within(dialog()).queryByLabelText('Author')).toBeNull();
  });

  it('names posts, comments and articles', () => {
    expect(describeHit({ kind: 'post', ref: null, snippet: [] }, null)).toBe('Post');
    expect(describeHit({ kind: 'comment', ref: '3.2', snippet: [] }, null)).toBe('Comment 3.2');
    expect(describeHit({ kind: 'comment', ref: '3.2', snippet: [], author: 'Jim Brown' }, null)).toBe(
      'Comment 3.2 by Jim Brown',
    );
    expect(describeHit({ kind: 'post', ref: null, snippet: [], author: 'Maggie Lyle' }, null)).toBe(
      'Post by Maggie Lyle',
    );
    expect(describeHit({ kind: 'article', ref: 'x#a1', snippet: [] }, 'The Guardian')).toBe('Article: The Guardian');
    expect(describeHit({ kind: 'article', ref: 'x#a1', snippet: [] }, null)).toBe('Quoted article');
  });

  it('goes to the comment, the article, or the first body paragraph holding a search word', async () => {
    const { bridge } = await coreBridge();
    const result = await bridge['posts.get']({ id: OMNISHAMBLES });
    if (!result.ok) throw new Error(result.error.message);
    const { post } = result.value;
    expect(hitTarget({ kind: 'comment', ref: '3.1', snippet: [] }, post, [])).toEqual({ commentId: '3.1' });
    expect(hitTarget({ kind: 'article', ref: `${OMNISHAMBLES}#a8`, snippet: [] }, post, [])).toEqual({
      articleId: `${OMNISHAMBLES}#a8`,
    });
    const target = hitTarget({ kind: 'post', ref: null, snippet: [] }, post, ['outsourcing', 'bandwagon']) as {
      bodyLine: number;
    };
    const block = post.body.find((b) => b.line === target.bodyLine)!;
    expect(block.text.toLowerCase()).toMatch(/outsourcing|bandwagon/);
    expect(post.body.indexOf(block)).toBeGreaterThan(0);
    expect(hitTarget({ kind: 'post', ref: null, snippet: [] }, post, ['zzyzx'])).toEqual({
      bodyLine: post.body[0]!.line,
    });
  });
});
