import { act, screen, waitFor, within } from '@testing-library/react';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coreBridge } from '../../../test-support/test-bridge';
import { revealInThread } from './reveal';
import { scrollToPlace } from './scroll-to-place';
import { placeOf } from './segments';
import { RENDER_WHOLE_UP_TO } from './Thread';
import { renderApp } from '../../../test-support/render-app';

const OMNISHAMBLES = '2014-05-07-omnishambles-update-48';

async function omnishambles() {
  const { bridge } = await coreBridge();
  const result = await bridge['posts.get']({ id: OMNISHAMBLES });
  if (!result.ok || !result.value.quoted) throw new Error('Omnishambles should come whole, with its articles');
  return { post: result.value.post, articles: result.value.quoted.articles };
}

describe('placeOf', () => {
  it('finds a reply in the row of its top-level comment', async () => {
    const { post, articles } = await omnishambles();
    expect(placeOf({ commentId: '3.2' }, post, articles)).toEqual({
      elementId: 'comment-3.2',
      rowCommentId: '3',
      commentIds: ['3.2'],
    });
    expect(placeOf({ commentId: '99' }, post, articles)).toBeNull();
  });

  it('finds an article by the comment holding its URL, and names every comment it spans', async () => {
    const { post, articles } = await omnishambles();
    const politics = articles.find((a) => a.source.name === 'politics.co.uk' && a.kind === 'article')!;
    expect(placeOf({ articleId: politics.id }, post, articles)).toEqual({
      elementId: 'comment-3',
      rowCommentId: '3',
      commentIds: ['3', '3.1', '3.2'],
    });
  });

  it('finds a body line in the paragraph that holds it, outside the virtualised rows', async () => {
    const { post, articles } = await omnishambles();
    const block = post.body.find((b) => b.endLine > b.line)!;
    const place = placeOf({ bodyLine: block.endLine }, post, articles)!;
    expect(place.rowCommentId).toBeNull();
    expect(place.elementId).toMatch(/^post-block-\d+$/);
    expect(Number(place.elementId.slice('post-block-'.length))).toBeLessThanOrEqual(block.endLine);
  });
});

describe('scrollToPlace', () => {
  afterEach(() => document.body.replaceChildren());

  const element = (id: string) => {
    const el = document.createElement('article');
    el.id = id;
    el.tabIndex = -1;
    el.scrollIntoView = vi.fn();
    return el;
  };

  it('scrolls smoothly to an element that is rendered, and focuses it', async () => {
    const target = element('comment-2');
    document.body.append(target);
    const scrollToRow = vi.fn();
    scrollToPlace({ elementId: 'comment-2', rowIndex: 1, scrollToRow, scroller: document.body });
    await waitFor(() => expect(document.activeElement).toBe(target));
    expect(target.scrollIntoView).toHaveBeenCalledWith({ block: 'start', behavior: 'smooth' });
    expect(scrollToRow).not.toHaveBeenCalled();
  });

  it('jumps to the row of an element that is not rendered, then puts the element at the top once it is', async () => {
    const target = element('comment-250');
    const scrollToRow = vi.fn(() => document.body.append(target));
    scrollToPlace({ elementId: 'comment-250', rowIndex: 249, scrollToRow, scroller: document.body });
    await waitFor(() => expect(document.activeElement).toBe(target));
    expect(scrollToRow).toHaveBeenCalledWith(249);
    expect(target.scrollIntoView).toHaveBeenCalledWith({ block: 'start' });
  });

  it('gives up when the user scrolls meanwhile, and when a newer request comes', async () => {
    const scrollToRow = vi.fn();
    scrollToPlace({ elementId: 'comment-7', rowIndex: 6, scrollToRow, scroller: document.body });
    document.body.dispatchEvent(new Event('wheel'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(scrollToRow).not.toHaveBeenCalled();

    const first = vi.fn();
    const second = vi.fn();
    scrollToPlace({ elementId: 'comment-8', rowIndex: 7, scrollToRow: first, scroller: document.body });
    scrollToPlace({ elementId: 'comment-9', rowIndex: 8, scrollToRow: second, scroller: document.body });
    await waitFor(() => expect(second).toHaveBeenCalledWith(8));
    expect(first).not.toHaveBeenCalled();
  });
});

/** A seed file with `count` one-line top-level comments. */
function longThread(count: number): string {
  const comments = Array.from(
    { length: count },
    (_, i) => `  ${i + 1}. Comment number ${i + 1} says something.\n\n    ReplyDelete`,
  );
  return [
    'Monday, 3 June 2013',
    '',
    'A Long Thread',
    '',
    'The body.',
    '',
    `${count} comments:`,
    '',
    ...comments,
    '',
  ].join('\n');
}

describe('the thread', () => {
  it('renders a long thread only in part, and the body and heading whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-long-'));
    try {
      await writeFile(join(dir, 'long.txt'), longThread(RENDER_WHOLE_UP_TO + 100));
      await renderApp({ library: dir });
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('A Long Thread');
      expect(screen.getByRole('region', { name: 'Post' }).textContent).toContain('The body.');
      expect(screen.getByRole('heading', { name: `${RENDER_WHOLE_UP_TO + 100} comments` })).toBeTruthy();
      const rows = within(screen.getByRole('feed', { name: 'Comments' })).getAllByRole('article');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(20);
      expect(rows[0]!.getAttribute('aria-label')).toBe('Comment 1');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reveals a comment of a small thread (all rendered): expands its parent and focuses it', async () => {
    const { store } = await renderApp();
    act(() => store.getState().toggleCollapsed('1'));
    expect(screen.queryByRole('article', { name: 'Comment 1.2' })).toBeNull();
    act(() => void revealInThread({ commentId: '1.2' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('article', { name: 'Comment 1.2' })));
    expect(store.getState().collapsed).toEqual({});
  });
});
