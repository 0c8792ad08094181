import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation, Bridge, Comment, RequestOf } from '../../../preload/api';
import { renderApp } from '../../../test-support/render-app';
import { annotationTarget } from '../../store/annotations-panel-slice';
import { coreBridge, SEEDS_DIR } from '../../../test-support/test-bridge';
import { ORPHAN_MESSAGE } from './AnnotationsPanel';

const OMNISHAMBLES = '2014-05-07-omnishambles-update-48';
const OMNISHAMBLES_FILE = '004_72f7fc2b7a245681.txt';
const QUOTE = 'the latest from Pat Waterman';

const panel = () => screen.getByRole('complementary', { name: /^Annotations/ });
const rows = () => within(panel()).queryAllByRole('listitem');
const rowNames = () => within(panel()).queryAllByRole('button', { name: /Omnishambles Update 48/ });
const toolbarButton = () => screen.getByRole('button', { name: 'Annotations' });

async function add(bridge: Bridge, request: Partial<RequestOf<'annotations.add'>>): Promise<Annotation> {
  const result = await bridge['annotations.add']({
    postId: OMNISHAMBLES,
    part: 'body',
    kind: 'highlight',
    start: 11,
    end: 39,
    exact: QUOTE,
    ...request,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Highlights `words` in comment `id` of Omnishambles Update 48. */
async function addInComment(
  bridge: Bridge,
  id: string,
  words: string,
  extra: Partial<RequestOf<'annotations.add'>> = {},
): Promise<Annotation> {
  const detail = await bridge['posts.get']({ id: OMNISHAMBLES });
  if (!detail.ok) throw new Error(detail.error.message);
  const find = (comments: Comment[]): Comment | undefined =>
    comments.map((c) => (c.id === id ? c : find(c.replies))).find(Boolean);
  const text = find(detail.value.post.comments)!.text;
  const start = text.indexOf(words);
  expect(start).toBeGreaterThanOrEqual(0);
  return add(bridge, { part: `comment:${id}`, start, end: start + words.length, exact: words, ...extra });
}

/** The app over the seeds with three annotations of Omnishambles Update 48, and the panel opened from the toolbar. */
async function withAnnotations(library?: string) {
  const app = await renderApp(library ? { library } : {});
  const body = await add(app.bridge, { colour: 'green', note: 'Chair of the London branch', tags: ['napo', 'people'] });
  const comment = await addInComment(app.bridge, '3.1', 'tipping point', {
    colour: 'pink',
    note: 'a phrase to remember',
    tags: ['prisons'],
  });
  const plain = await add(app.bridge, { start: 0, end: 9, exact: 'First off' });
  fireEvent.click(toolbarButton());
  await waitFor(() => expect(rows()).toHaveLength(3));
  return { ...app, body, comment, plain };
}

// Each test opens the seeds over the real core and indexes them.
describe('the annotations panel', { timeout: 30_000 }, () => {
  it('opens from the toolbar and with Ctrl+Shift+A, lists every annotation with its post, place, quote, note and tags; Escape closes it', async () => {
    const { store } = await withAnnotations();
    expect(toolbarButton().getAttribute('aria-pressed')).toBe('true');
    // It takes the quoted articles' place, and the focus goes to its filter box.
    expect(screen.queryByRole('complementary', { name: 'Quoted articles' })).toBeNull();
    expect(document.activeElement).toBe(within(panel()).getByRole('searchbox', { name: 'Words in the note or quote' }));

    const row = within(panel()).getByRole('button', { name: 'Omnishambles Update 48 7 May 2014 comment 3.1' });
    expect(row.textContent).toContain('tipping point');
    expect(row.textContent).toContain('a phrase to remember');
    expect(row.querySelector('.annotations-swatch-pink')).not.toBeNull();
    expect(Array.from(row.querySelectorAll('.annotations-item-tag')).map((t) => t.textContent)).toEqual(['prisons']);
    const body = within(panel()).getAllByRole('button', { name: 'Omnishambles Update 48 7 May 2014 the post' });
    expect(body).toHaveLength(2);
    expect(within(panel()).getByText(QUOTE)).toBeTruthy();
    expect(within(panel()).queryByText(ORPHAN_MESSAGE)).toBeNull();
    expect(within(panel()).queryByText('text changed')).toBeNull();

    // The post list says how many annotations a post has.
    const post = within(screen.getByRole('navigation', { name: 'Posts' })).getByRole('button', {
      name: /Omnishambles Update 48/,
    });
    expect(within(post).getByText('3 annotations')).toBeTruthy();
    expect(
      within(screen.getByRole('navigation', { name: 'Posts' })).getByRole('button', { name: /Latest From Napo 188/ })
        .textContent,
    ).not.toContain('annotation');

    // Escape closes it and gives the focus back; the shortcut opens it again.
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('complementary', { name: /^Annotations/ })).toBeNull();
    expect(toolbarButton().getAttribute('aria-pressed')).toBe('false');
    expect(document.activeElement).toBe(toolbarButton());
    fireEvent.keyDown(window, { key: 'A', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.keyDown(window, { key: 'A', ctrlKey: true, shiftKey: true });
    expect(store.getState().annotationsPanelOpen).toBe(false);
  });

  it('filters by tag, colour, state, words in the note or quote, and the open post', async () => {
    const { store } = await withAnnotations();
    const tag = within(panel()).getByRole('combobox', { name: 'Tag' });
    expect(Array.from(tag.querySelectorAll('option')).map((o) => o.textContent)).toEqual([
      'Any tag',
      'napo (1)',
      'people (1)',
      'prisons (1)',
    ]);
    fireEvent.change(tag, { target: { value: 'prisons' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rowNames()[0]!.textContent).toContain('tipping point');
    fireEvent.change(tag, { target: { value: '' } });
    await waitFor(() => expect(rows()).toHaveLength(3));

    // Colours: one pressed, then two (either shows), then none again.
    const colours = within(panel()).getByRole('group', { name: 'Colour' });
    expect(
      within(colours)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Yellow', 'Green', 'Blue', 'Pink', 'Purple']);
    fireEvent.click(within(colours).getByRole('button', { name: 'Green' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(within(colours).getByRole('button', { name: 'Green' }).getAttribute('aria-pressed')).toBe('true');
    expect(rowNames()[0]!.textContent).toContain('Chair of the London branch');
    fireEvent.click(within(colours).getByRole('button', { name: 'Yellow' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(within(colours).getByRole('button', { name: 'Yellow' }));
    fireEvent.click(within(colours).getByRole('button', { name: 'Green' }));
    await waitFor(() => expect(rows()).toHaveLength(3));

    // Words in the note or the quote, once typing pauses.
    const words = within(panel()).getByRole('searchbox', { name: 'Words in the note or quote' });
    fireEvent.change(words, { target: { value: 'REMEMBER' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rowNames()[0]!.textContent).toContain('a phrase to remember');
    fireEvent.change(words, { target: { value: 'Pat Waterman' } });
    await waitFor(() => expect(rowNames()[0]?.textContent).toContain('Chair of the London branch'));
    expect(rows()).toHaveLength(1);
    fireEvent.change(words, { target: { value: 'zzyzx' } });
    await within(panel()).findByText('No annotations match these filters.');
    fireEvent.change(words, { target: { value: '' } });
    await waitFor(() => expect(rows()).toHaveLength(3));

    // State: none has changed.
    fireEvent.change(within(panel()).getByRole('combobox', { name: 'State' }), { target: { value: 'orphan' } });
    await within(panel()).findByText('No annotations match these filters.');
    fireEvent.change(within(panel()).getByRole('combobox', { name: 'State' }), { target: { value: 'exact' } });
    await waitFor(() => expect(rows()).toHaveLength(3));

    // This post only: the open post (Latest From Napo 188) has none.
    expect(store.getState().openPostId).not.toBe(OMNISHAMBLES);
    fireEvent.click(within(panel()).getByRole('button', { name: 'This post only' }));
    await within(panel()).findByText('No annotations match these filters.');
    await act(() => store.getState().openPost(OMNISHAMBLES));
    await waitFor(() => expect(rows()).toHaveLength(3));
  });

  it('keeps an orphan’s words and says they are no longer in the post; a changed passage says "text changed"', async () => {
    const library = mkdtempSync(join(tmpdir(), 'threadline-lib-'));
    cpSync(SEEDS_DIR, library, { recursive: true });
    const { service } = await withAnnotations(library);
    const file = join(library, OMNISHAMBLES_FILE);
    // The body's "First off, the latest from Pat Waterman" edited, and comment 3.1's "tipping point" gone.
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('First off, the latest from Pat Waterman', 'New intro.\n\nFirst off, the latest from Pat Watreman')
        .replace(/tipping point/gi, 'edge'),
    );
    await act(() => service.openLibrary(library));

    const orphan = await within(panel()).findByText(ORPHAN_MESSAGE);
    const row = orphan.closest('li')!;
    expect(row.textContent).toContain('tipping point');
    expect(row.textContent).toContain('a phrase to remember');
    await waitFor(() =>
      expect(within(panel()).getByText('text changed').closest('li')!.textContent).toContain(
        'Chair of the London branch',
      ),
    );

    fireEvent.change(within(panel()).getByRole('combobox', { name: 'State' }), { target: { value: 'orphan' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain(ORPHAN_MESSAGE);
  });

  it('opens the post of a row clicked, or chosen with the keyboard, and scrolls to its place', async () => {
    const { store } = await withAnnotations();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Latest From Napo 188');
    fireEvent.click(within(panel()).getByRole('button', { name: /comment 3\.1$/ }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Omnishambles Update 48'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('article', { name: 'Comment 3.1' })));
    // The panel stays open beside the post.
    expect(rows()).toHaveLength(3);

    // Up and Down move between rows; Enter opens one (a body one: its paragraph).
    const [first, second] = within(panel()).getAllByRole('button', { name: /^Omnishambles Update 48/ });
    first!.focus();
    fireEvent.keyDown(first!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(first);
    const body = within(panel()).getAllByRole('button', { name: /the post$/ })[0]!;
    act(() => body.click());
    await waitFor(() => expect(store.getState().pendingReveal).toBeNull());
    expect(store.getState().openPostId).toBe(OMNISHAMBLES);
  });

  it('finds the place of an annotation: its comment, its article, or the body paragraph holding its start', () => {
    const post = {
      body: [
        { line: 5, text: 'First off' },
        { line: 7, text: 'Second' },
      ],
    } as never;
    const at = (part: string, start: number | null, state: 'exact' | 'orphan' = 'exact') =>
      ({ part, anchor: { state, part, start, end: null } }) as Annotation;
    expect(annotationTarget(at('comment:3.2', 0), post)).toEqual({ commentId: '3.2' });
    expect(annotationTarget(at('article:p#a1', 0), post)).toEqual({ articleId: 'p#a1' });
    expect(annotationTarget(at('body', 3), post)).toEqual({ bodyLine: 5 });
    expect(annotationTarget(at('body', 11), post)).toEqual({ bodyLine: 7 });
    expect(annotationTarget(at('body', 3, 'orphan'), post)).toBeNull();
  });

  it('shows the bin with Restore, and empties it once confirmed', async () => {
    const { bridge, plain } = await withAnnotations();
    await act(async () => void (await bridge['annotations.remove']({ id: plain.id })));
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Bin' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(within(panel()).getByRole('heading', { name: 'Annotations in the bin' })).toBeTruthy();
    expect(within(panel()).queryByRole('button', { name: 'Export Markdown…' })).toBeNull();
    fireEvent.click(within(panel()).getByRole('button', { name: 'Restore' }));
    await within(panel()).findByText('The bin is empty.');
    expect(within(panel()).getByRole('status').textContent).toBe('Restored the annotation on Omnishambles Update 48.');
    expect(within(panel()).getByRole('button', { name: 'Empty bin…' }).hasAttribute('disabled')).toBe(true);

    await act(async () => void (await bridge['annotations.remove']({ id: plain.id })));
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Empty bin…' }));
    // Asked first: Cancel, or Escape, keeps it (and the panel open).
    fireEvent.click(within(panel()).getByRole('button', { name: 'Cancel' }));
    expect(rows()).toHaveLength(1);
    expect(document.activeElement).toBe(within(panel()).getByRole('button', { name: 'Empty bin…' }));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Empty bin…' }));
    fireEvent.keyDown(within(panel()).getByRole('button', { name: 'Delete for good' }), { key: 'Escape' });
    expect(within(panel()).queryByRole('button', { name: 'Delete for good' })).toBeNull();
    expect(rows()).toHaveLength(1);
    fireEvent.click(within(panel()).getByRole('button', { name: 'Empty bin…' }));
    expect(document.activeElement).toBe(within(panel()).getByRole('button', { name: 'Delete for good' }));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Delete for good' }));
    await within(panel()).findByText('The bin is empty.');
    expect(within(panel()).getByRole('status').textContent).toBe('Deleted 1 annotation for good.');
    fireEvent.click(within(panel()).getByRole('button', { name: 'Bin' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
  });

  it('says prominently when annotations cannot be written, and restores the backup', async () => {
    const { bridge: core } = await coreBridge();
    const restored: unknown[] = [];
    const reason = 'The annotations file is damaged: they are shown read-only until the backup is restored.';
    const bridge: Bridge = {
      ...core,
      'annotations.status': async () => ({
        ok: true,
        value: {
          state: 'unavailable',
          path: '/p/annotations.sqlite',
          backupDir: '/p/backups',
          reason,
          backup: '/p/backups/b.sqlite',
        },
      }),
      'annotations.restoreBackup': async (request) => {
        restored.push(request);
        return { ok: true, value: { state: 'ok', path: '/p/annotations.sqlite', backupDir: '/p/backups' } };
      },
    };
    await renderApp({ bridge });
    fireEvent.click(toolbarButton());
    const alert = await within(panel()).findByRole('alert');
    expect(alert.textContent).toContain(reason);
    fireEvent.click(within(alert).getByRole('button', { name: 'Restore backup' }));
    await waitFor(() =>
      expect(within(panel()).getByRole('status').textContent).toBe(
        'Restored the backup: annotations can be written again.',
      ),
    );
    expect(restored).toEqual([{}]);
  });

  it('says how an export or import went in its status line', async () => {
    const { bridge: core } = await coreBridge();
    // The system dialogs cancelled first; then an export saved, and a file that could not be imported.
    let answered = false;
    const asked: unknown[] = [];
    const bridge: Bridge = {
      ...core,
      'annotations.export': async (request) => (
        asked.push(request),
        answered
          ? { ok: true, value: { path: '/home/me/notes.jsonld', count: 3 } }
          : core['annotations.export'](request)
      ),
      'annotations.import': async (request) =>
        answered
          ? {
              ok: false,
              error: { code: 'invalid', message: 'Importing failed: notes.json is not a Web Annotation file.' },
            }
          : core['annotations.import'](request),
    };
    await renderApp({ bridge });
    fireEvent.click(toolbarButton());
    const status = () => within(panel()).getByRole('status').textContent;
    fireEvent.click(within(panel()).getByRole('button', { name: 'Export Markdown…' }));
    await waitFor(() => expect(status()).toBe('Export cancelled.'));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Import…' }));
    await waitFor(() => expect(status()).toBe('Import cancelled.'));

    answered = true;
    fireEvent.click(within(panel()).getByRole('button', { name: 'Export JSON-LD…' }));
    await waitFor(() => expect(status()).toBe('Exported 3 annotations to /home/me/notes.jsonld.'));
    expect(asked).toEqual([{ format: 'markdown' }, { format: 'jsonld' }]);
    fireEvent.click(within(panel()).getByRole('button', { name: 'Import…' }));
    await waitFor(() => expect(status()).toBe('Importing failed: notes.json is not a Web Annotation file.'));
    expect(within(panel()).getByRole('status').classList.contains('is-error')).toBe(true);
  });
});
