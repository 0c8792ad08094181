import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { splitLinks } from './ui/linked-text';
import { renderApp as renderWith } from '../test-support/render-app';

const renderApp = () => renderWith();

describe('the reader', () => {
  it('shows the post list, the open post with its comment tree, and its articles', async () => {
    await renderApp();
    const nav = screen.getByRole('navigation', { name: 'Posts' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([expect.stringContaining('Latest From Napo 188'), expect.stringContaining('Omnishambles Update 48')]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Latest From Napo 188');
    expect(screen.getByRole('heading', { name: '15 comments (16 declared)' })).toBeTruthy();
    expect(screen.getAllByRole('article', { name: /^Comment \d+(\.\d+)?$/ })).toHaveLength(15);
    expect(
      within(screen.getByRole('complementary', { name: 'Quoted articles' })).getByRole('button', {
        name: /Ian Lawrence/,
      }),
    ).toBeTruthy();
  });

  it('says the problems are being checked while a library opens, not "0 problems"', async () => {
    const { store } = await renderApp();
    const badge = () => document.getElementById('problems-badge')!;
    expect(badge().textContent).toBe('1 problem');
    act(() => store.setState({ openingLibrary: { name: 'Another', isDefault: false }, problems: [] }));
    expect(badge().textContent).toBe('Checking files…');
    act(() => store.setState({ openingLibrary: null }));
    expect(badge().textContent).toBe('0 problems');
  });

  it('collapses and expands replies from the comment header', async () => {
    await renderApp();
    fireEvent.click(
      within(screen.getByRole('article', { name: 'Comment 1' })).getByRole('button', { name: 'Hide replies' }),
    );
    expect(screen.queryByRole('article', { name: 'Comment 1.1' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show 2 replies' }));
    expect(screen.getByRole('article', { name: 'Comment 1.1' })).toBeTruthy();
  });

  it('renders markup in a file as text, never as HTML', () => {
    expect(splitLinks('<img src=x onerror=alert(1)> see https://example.org/a.')).toEqual([
      { text: '<img src=x onerror=alert(1)> see ' },
      { text: 'https://example.org/a', url: 'https://example.org/a' },
      { text: '.' },
    ]);
  });

  it('opens a link through main only when clicked', async () => {
    const { store, openedLinks } = await renderApp();
    await store.getState().openPost('2014-05-07-omnishambles-update-48');
    const link = await screen.findByRole('link', { name: /politics\.co\.uk/ });
    expect(openedLinks).toEqual([]);
    fireEvent.click(link);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(openedLinks).toEqual([
      'http://www.politics.co.uk/news/2014/05/07/prison-governors-grayling-s-regime-is-driving-us-to-tipping',
    ]);
  });
});
