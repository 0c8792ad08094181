import { fireEvent, screen, within } from '@testing-library/react';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bridge } from '../../../preload/api';
import { coreBridge, SEEDS_DIR } from '../../../test-support/test-bridge';
import { filterSources, formatCounts } from './LibraryArticles';
import { renderApp as renderWith } from '../../../test-support/render-app';

const OMNISHAMBLES = '2014-05-07-omnishambles-update-48';

const renderApp = async (bridge?: Bridge) => (await renderWith({ bridge })).store;

/** Switches to the Articles view and waits for the sources. */
async function openArticlesView() {
  fireEvent.click(within(screen.getByRole('group', { name: 'View' })).getByRole('button', { name: 'Articles' }));
  return screen.findByRole('list', { name: 'Sources' });
}

const sourceButton = (list: HTMLElement, name: RegExp) => within(list).getByRole('button', { name });

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A library of the seeds plus a later post that quotes the same pieces as "Omnishambles Update 48". */
async function libraryWithRepost() {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-articles-'));
  temporary.push(dir);
  for (const name of ['000_edcf6b3ca6297939.txt', '004_72f7fc2b7a245681.txt'])
    await writeFile(join(dir, name), await readFile(join(SEEDS_DIR, name)));
  const omnishambles = await readFile(join(SEEDS_DIR, '004_72f7fc2b7a245681.txt'), 'utf8');
  await writeFile(
    join(dir, '005_repost.txt'),
    omnishambles
      .replace('Wednesday, 7 May 2014', 'Wednesday, 14 May 2014')
      .replace('Omnishambles Update 48', 'Omnishambles Update 49'),
  );
  return dir;
}

describe('the Articles view', () => {
  it('switches the main area from the reader and back from the toolbar', async () => {
    await renderApp();
    const reader = screen.getByRole('button', { name: 'Reader' });
    const articles = screen.getByRole('button', { name: 'Articles' });
    expect(reader.getAttribute('aria-pressed')).toBe('true');
    expect(articles.getAttribute('aria-pressed')).toBe('false');
    await openArticlesView();
    expect(articles.getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByRole('navigation', { name: 'Posts' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Sources' })).toBeTruthy();
    fireEvent.click(reader);
    expect(screen.getByRole('navigation', { name: 'Posts' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Sources' })).toBeNull();
  });

  it('lists every source with its kind, site and counts, most quoted first and the unknown ones last', async () => {
    await renderApp();
    const list = await openArticlesView();
    const rows = within(list).getAllByRole('button');
    expect(rows).toHaveLength(19);
    expect(rows[0]!.textContent).toBe('Ministry of Justice 4 articles Organisation · justice.gov.uk');
    expect(rows.at(-1)!.textContent).toBe('Unknown source 2 articles');
    expect(sourceButton(list, /^The Guardian/).textContent).toBe(
      'The Guardian 1 article News outlet · theguardian.com',
    );
    expect(sourceButton(list, /^38 Degrees/).textContent).toBe('38 Degrees 1 link Organisation · 38degrees.org.uk');
    expect(sourceButton(list, /^Pat Waterman/).textContent).toBe('Pat Waterman 1 article Person');
    expect(screen.getByText('19 sources · 20 articles · 3 links')).toBeTruthy();
    // Every row has a decorative kind icon, hidden from screen readers.
    expect(list.querySelectorAll('svg[aria-hidden="true"]')).toHaveLength(19);
  });

  it('selects the first source, and lists the articles of the source picked, grouped under their post', async () => {
    await renderApp();
    const list = await openArticlesView();
    const ministry = sourceButton(list, /^Ministry of Justice/);
    expect(ministry.getAttribute('aria-current')).toBe('true');
    const main = screen.getByRole('main', { name: 'Ministry of Justice' });
    expect(
      await within(main).findByRole('heading', { level: 3, name: '20 May 2019 Latest From Napo 188' }),
    ).toBeTruthy();
    // In reading order within the post (a7 … a10), not as the ids sort as text.
    expect(
      within(main)
        .getAllByRole('button')
        .map((b) => b.textContent!.slice(0, 40)),
    ).toEqual([
      'The Ministry of Justice intends to use a',
      '"The Ministry of Justice intends to tend',
      'The Ministry of Justice intends to tende',
      'The modification allows the Authority: 1',
    ]);

    fireEvent.click(sourceButton(list, /^The Guardian/));
    expect(sourceButton(list, /^The Guardian/).getAttribute('aria-current')).toBe('true');
    expect(ministry.getAttribute('aria-current')).toBeNull();
    const guardian = await screen.findByRole('main', { name: 'The Guardian' });
    expect(within(guardian).getByText('News outlet · theguardian.com · 1 article')).toBeTruthy();
    expect(
      await within(guardian).findByRole('heading', { level: 3, name: '7 May 2014 Omnishambles Update 48' }),
    ).toBeTruthy();
    expect(
      within(guardian).getByRole('button', {
        name: /^The outsourcing bandwagon has now been rolling for… …three decades, but it's remarkable/,
      }),
    ).toBeTruthy();

    fireEvent.click(sourceButton(list, /^politics\.co\.uk/));
    const politics = await screen.findByRole('main', { name: 'politics.co.uk' });
    expect(
      await within(politics).findByRole('button', {
        name: /^Prison governors grayling's regime is driving us to tipping/,
      }),
    ).toBeTruthy();
    expect(within(politics).getByRole('link', { name: /politics\.co\.uk\/news\/2014\/05\/07/ })).toBeTruthy();

    fireEvent.click(sourceButton(list, /^38 Degrees/));
    const degrees = await screen.findByRole('main', { name: '38 Degrees' });
    expect(await within(degrees).findByRole('button', { name: 'Link' })).toBeTruthy();
    expect(within(degrees).getByRole('link', { name: 'www.38degrees.org.uk' })).toBeTruthy();
  });

  it('shows an article in the reader: the post open and the article marked', async () => {
    const store = await renderApp();
    expect(store.getState().openPostId).toBe('2019-05-20-latest-from-napo-188');
    const list = await openArticlesView();
    fireEvent.click(sourceButton(list, /^The Guardian/));
    fireEvent.click(
      await within(await screen.findByRole('main', { name: 'The Guardian' })).findByRole('button', {
        name: /^The outsourcing bandwagon/,
      }),
    );

    expect(await screen.findByRole('heading', { level: 1, name: 'Omnishambles Update 48' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reader' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByRole('list', { name: 'Sources' })).toBeNull();
    expect(store.getState().openPostId).toBe(OMNISHAMBLES);
    expect(store.getState().markedArticleId).toBe(`${OMNISHAMBLES}#a8`);

    // Back in the Articles view, the source picked is still selected.
    await openArticlesView();
    expect(
      sourceButton(screen.getByRole('list', { name: 'Sources' }), /^The Guardian/).getAttribute('aria-current'),
    ).toBe('true');
  });

  it('narrows the sources by name or site, and says when nothing matches', async () => {
    await renderApp();
    const list = await openArticlesView();
    const filter = screen.getByRole('searchbox', { name: 'Filter sources' });
    fireEvent.change(filter, { target: { value: 'the ' } });
    expect(
      within(list)
        .getAllByRole('button')
        .map((b) => within(b).getByText(/./, { selector: '.la-source-name' }).textContent),
    ).toEqual(['The Big Issue', 'The Guardian', 'The Independent', 'The Telegraph']);
    expect(screen.getByText('4 of 19 sources · 20 articles · 3 links')).toBeTruthy();

    fireEvent.change(filter, { target: { value: 'GUARDIAN' } });
    expect(within(list).getAllByRole('button')).toHaveLength(1);
    fireEvent.change(filter, { target: { value: 'gov.uk' } });
    expect(within(list).getByRole('button').textContent).toMatch(/^Ministry of Justice/);
    fireEvent.change(filter, { target: { value: 'unknown' } });
    expect(within(list).getByRole('button').textContent).toMatch(/^Unknown source/);

    fireEvent.change(filter, { target: { value: 'zzz' } });
    expect(screen.queryByRole('list', { name: 'Sources' })).toBeNull();
    expect(screen.getByText('No source matches “zzz”.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear the filter' }));
    expect(within(screen.getByRole('list', { name: 'Sources' })).getAllByRole('button')).toHaveLength(19);
  });

  it('links a piece quoted in several posts to the others, each shown in the reader on click', async () => {
    const { bridge } = await coreBridge(await libraryWithRepost());
    const store = await renderApp(bridge);
    const list = await openArticlesView();
    expect(sourceButton(list, /^The Guardian/).textContent).toMatch(/^The Guardian 2 articles/);
    fireEvent.click(sourceButton(list, /^The Guardian/));
    const main = await screen.findByRole('main', { name: 'The Guardian' });
    const others = await within(main).findAllByRole('list', { name: 'Also quoted in' });
    expect(others.map((l) => l.textContent)).toEqual([
      'Omnishambles Update 48 7 May 2014',
      'Omnishambles Update 49 14 May 2014',
    ]);

    fireEvent.click(within(others[0]!).getByRole('button'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Omnishambles Update 48' })).toBeTruthy();
    expect(store.getState().markedArticleId).toBe(`${OMNISHAMBLES}#a8`);
  });

  it('says what went wrong when the sources cannot be loaded, and tries again', async () => {
    const { bridge } = await coreBridge();
    let fail = true;
    const failing: Bridge = {
      ...bridge,
      'articles.sources': async (request) =>
        fail
          ? {
              ok: false,
              error: {
                code: 'library-unreadable',
                message: 'Listing the sources failed: the library could not be read.',
              },
            }
          : bridge['articles.sources'](request),
    };
    await renderApp(failing);
    fireEvent.click(screen.getByRole('button', { name: 'Articles' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Listing the sources failed: the library could not be read.',
    );
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Sources' })).toBeTruthy();
  });

  it('says so when no post quotes anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-articles-'));
    temporary.push(dir);
    await writeFile(
      join(dir, 'plain.txt'),
      'Monday, 3 March 2014\n\nA quiet day\n\nNothing quoted here today.\n\n0 comments:\n',
    );
    const { bridge } = await coreBridge(dir);
    await renderApp(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Articles' }));
    expect(await screen.findByText(/^No quoted articles or links were found in this library’s 1 post\./)).toBeTruthy();
  });
});

describe('source list helpers', () => {
  it('counts articles and links, leaving out a zero part', () => {
    expect(formatCounts(12, 3)).toBe('12 articles · 3 links');
    expect(formatCounts(1, 0)).toBe('1 article');
    expect(formatCounts(0, 2)).toBe('2 links');
    expect(formatCounts(0, 0)).toBe('0 articles');
  });

  it('filters on every word of the name or site, ignoring case and accents', () => {
    const source = (name: string | null, site: string | null) => ({
      key: name ?? 'unknown',
      name,
      site,
      kind: 'outlet' as const,
      articleCount: 1,
      linkCount: 0,
    });
    const sources = [
      source('Le Monde Diplomatique', 'monde-diplomatique.fr'),
      source('Crónica', null),
      source(null, null),
    ];
    expect(filterSources(sources, '  ')).toBe(sources);
    expect(filterSources(sources, 'diplo monde').map((s) => s.name)).toEqual(['Le Monde Diplomatique']);
    expect(filterSources(sources, '.fr').map((s) => s.name)).toEqual(['Le Monde Diplomatique']);
    expect(filterSources(sources, 'CRONICA').map((s) => s.name)).toEqual(['Crónica']);
    expect(filterSources(sources, 'unknown').map((s) => s.key)).toEqual(['unknown']);
  });
});
