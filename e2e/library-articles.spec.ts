import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEEDS_DIR } from './harness/harness';
import { expect, test } from './fixtures';

/** The seeds plus a later post that quotes the same pieces as "Omnishambles Update 48". */
async function libraryWithRepost(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-repost-'));
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

test('the Articles view lists the sources with counts and shows a Guardian piece in the reader', async ({
  page,
  openApp,
  shoot,
}) => {
  await openApp();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');
  const switcher = page.getByRole('group', { name: 'View' });
  await switcher.getByRole('button', { name: 'Articles' }).click();
  await expect(switcher.getByRole('button', { name: 'Articles' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('navigation', { name: 'Posts' })).toBeHidden();

  const sources = page.getByRole('list', { name: 'Sources' });
  await expect(sources.getByRole('button')).toHaveCount(19);
  await expect(sources.getByRole('button').first()).toHaveText(
    /^Ministry of Justice\s*4 articles\s*Organisation · justice\.gov\.uk$/,
  );
  await expect(sources.getByRole('button', { name: /^38 Degrees/ })).toContainText('1 link');
  await expect(page.getByText('19 sources · 20 articles · 3 links')).toBeVisible();

  const guardian = sources.getByRole('button', { name: /^The Guardian/ });
  await guardian.click();
  await expect(guardian).toHaveAttribute('aria-current', 'true');
  const main = page.getByRole('main', { name: 'The Guardian' });
  await expect(main.getByRole('heading', { level: 3 })).toHaveText('7 May 2014 Omnishambles Update 48');
  const entry = main.getByRole('button', { name: /^The outsourcing bandwagon/ });
  await expect(entry).toBeVisible();
  await shoot('library-articles-1-light');

  await entry.click();
  await expect(switcher.getByRole('button', { name: 'Reader' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
  await expect(
    page.getByRole('navigation', { name: 'Posts' }).getByRole('button', { name: /Omnishambles Update 48/ }),
  ).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('.marked').filter({ hasText: 'The outsourcing bandwagon' }).first()).toBeAttached();
  // The thread scrolls to the article, and the toolbar stays where it is.
  await expect(page.getByRole('figure', { name: 'Quoted from The Guardian' })).toBeInViewport();
  await expect(page.getByRole('toolbar').or(page.locator('.toolbar')).first()).toBeInViewport();
  await shoot('library-articles-2-to-reader');
});

test('a long URL wraps inside its entry, and a link opens in the browser only when clicked', async ({
  page,
  openApp,
  shoot,
}) => {
  const harness = await openApp();
  await page.getByRole('button', { name: 'Articles' }).click();
  await page
    .getByRole('list', { name: 'Sources' })
    .getByRole('button', { name: /^barnet-today\.co\.uk/ })
    .click();
  const main = page.getByRole('main', { name: 'barnet-today.co.uk' });
  const link = main.getByRole('link', { name: /barnet-today\.co\.uk\/news\.cfm/ });
  await expect(link).toBeVisible();
  // Nothing sticks out sideways: the column does not scroll horizontally and the URL stays inside its card.
  expect(await main.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  const card = await main.getByRole('listitem').first().boundingBox();
  const url = await link.boundingBox();
  expect(url!.x + url!.width).toBeLessThanOrEqual(card!.x + card!.width);
  await shoot('library-articles-3-long-url');
  expect(harness.openedLinks).toEqual([]);
  await link.click();
  await expect
    .poll(() => harness.openedLinks)
    .toEqual([expect.stringContaining('barnet-today.co.uk/news.cfm?id=15324')]);
  await expect(page).toHaveURL(/threadline\.test/);
});

test('the filter narrows the sources, and the view works from the keyboard', async ({ page, openApp, shoot }) => {
  await openApp();
  await page.getByRole('button', { name: 'Articles' }).focus();
  await page.keyboard.press('Enter');
  const filter = page.getByRole('searchbox', { name: 'Filter sources' });
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('button')).toHaveCount(19);
  await filter.focus();
  await page.keyboard.type('red pep');
  const sources = page.getByRole('list', { name: 'Sources' });
  await expect(sources.getByRole('button')).toHaveCount(1);
  await expect(page.getByText('1 of 19 sources · 20 articles · 3 links')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(sources.getByRole('button', { name: /^Red Pepper/ })).toBeFocused();
  await shoot('library-articles-5-keyboard');
  await page.keyboard.press('Enter');
  const main = page.getByRole('main', { name: 'Red Pepper' });
  await expect(main.getByRole('button', { name: /^Is there nothing g4s can do/ })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(main.getByRole('button', { name: /^Is there nothing g4s can do/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');

  await page.getByRole('button', { name: 'Articles' }).click();
  await page.getByRole('searchbox', { name: 'Filter sources' }).fill('nothing like this');
  await expect(page.getByText('No source matches “nothing like this”.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear the filter' }).click();
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('button')).toHaveCount(19);
});

test('switching to Articles and back keeps the reader panes as they were', async ({ page, openApp }) => {
  await openApp();
  const posts = page.locator('.pane-posts');
  const separator = page.locator('.separator').first();
  const box = (await separator.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const width = (await posts.boundingBox())!.width;
  expect(Math.abs(width - 0.22 * 1400)).toBeGreaterThan(50);
  await page.getByRole('button', { name: 'Articles' }).click();
  await expect(page.getByRole('list', { name: 'Sources' })).toBeVisible();
  await page.getByRole('button', { name: 'Reader' }).click();
  await expect(posts).toBeVisible();
  expect(Math.round((await posts.boundingBox())!.width)).toBe(Math.round(width));
});

test('the Articles view follows a dark system theme', async ({ page, openApp, shoot }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp();
  await page.getByRole('button', { name: 'Articles' }).click();
  const sources = page.getByRole('list', { name: 'Sources' });
  await sources.getByRole('button', { name: /^politics\.co\.uk/ }).click();
  await expect(page.getByRole('main', { name: 'politics.co.uk' }).getByRole('link')).toBeVisible();
  const background = await page.locator('.library-articles').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toBe('rgb(29, 31, 35)');
  await shoot('library-articles-4-dark');
});

test('a piece quoted in two posts links to the other one, in a narrow window too', async ({ page, openApp, shoot }) => {
  await page.setViewportSize({ width: 900, height: 700 });
  await openApp({ library: await libraryWithRepost() });
  await page.getByRole('button', { name: 'Articles' }).click();
  await page
    .getByRole('list', { name: 'Sources' })
    .getByRole('button', { name: /^politics\.co\.uk/ })
    .click();
  const main = page.getByRole('main', { name: 'politics.co.uk' });
  await expect(main.getByRole('heading', { level: 3 })).toHaveText([
    '14 May 2014 Omnishambles Update 49',
    '7 May 2014 Omnishambles Update 48',
  ]);
  const others = main.getByRole('list', { name: 'Also quoted in' });
  await expect(others).toHaveText(['Omnishambles Update 48 7 May 2014', 'Omnishambles Update 49 14 May 2014']);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
    0,
  );
  expect(await main.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  await shoot('library-articles-6-also-quoted-narrow');
  await others.first().getByRole('button').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
});

test('a library where nothing is quoted says so and what to do', async ({ page, openApp, shoot }) => {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-plain-'));
  await writeFile(
    join(dir, 'plain.txt'),
    'Monday, 3 March 2014\n\nA quiet day\n\nNothing quoted here today.\n\n0 comments:\n',
  );
  await openApp({ library: dir });
  await page.getByRole('button', { name: 'Articles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Articles by source' })).toBeVisible();
  await expect(page.getByText(/^No quoted articles or links were found in this library’s 1 post\./)).toBeVisible();
  await shoot('library-articles-7-empty');
});
