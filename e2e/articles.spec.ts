import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ROOT } from './harness/harness';

const pane = (page: import('@playwright/test').Page) => page.getByRole('complementary', { name: 'Quoted articles' });

test('cards show source and kind, title, URL, place and first lines; links have their own group', async ({
  page,
  openApp,
  shoot,
}) => {
  await openApp();
  await page.getByRole('button', { name: /Omnishambles Update 48/ }).click();
  const cards = pane(page).getByRole('list').first().getByRole('button', { name: /./ });
  const guardian = pane(page).getByRole('button', { name: /The Guardian\s*, news outlet/ });
  await expect(guardian).toContainText('Post');
  await expect(guardian).toContainText('The outsourcing bandwagon has now been rolling for three decades');
  await expect(guardian.locator('svg[data-kind="outlet"]')).toHaveCount(1);
  const pat = pane(page).getByRole('button', { name: /Pat Waterman\s*, person/ });
  await expect(pat).toContainText('Showing the privateers what we think of them');
  const redPepper = pane(page).getByRole('button', { name: /Red Pepper/ });
  await expect(redPepper).toContainText('Comment 2 → 2.1');
  await expect(redPepper).toContainText('.redpepper.org.uk/is-there-nothing-g4s-can-do/');
  await expect(redPepper).toContainText('Is there nothing g4s can do');
  await expect(cards.first()).toBeVisible();
  const links = pane(page).getByRole('heading', { name: 'Links' });
  await expect(links).toBeVisible();
  await expect(pane(page).getByRole('button', { name: /barnet-today\.co\.uk\s*, website/ })).toContainText(
    'Pensioners get £100k tax codes, while Capita error leaves staff unpaid',
  );
  await pane(page)
    .getByText(/^Why this card/)
    .first()
    .click();
  await expect(pane(page).getByText('intro line ends ":-"').first()).toBeVisible();
  await shoot('10-cards');
});

test('quoted passages render as block quotes with their source, apart from the blogger', async ({
  page,
  openApp,
  shoot,
}) => {
  await openApp();
  await page.getByRole('button', { name: /Omnishambles Update 48/ }).click();
  const post = page.getByRole('region', { name: 'Post' });
  const telegraph = post.getByRole('figure', { name: 'Quoted from The Telegraph' });
  await expect(telegraph.locator('blockquote')).toContainText(
    'Charities bidding for contracts to rehabilitate criminals',
  );
  await expect(telegraph.locator('figcaption')).toContainText('The Telegraph');
  // The blogger's intro lines stay outside the quotes.
  const intro = post.getByText("There's more bad news in the Daily Telegraph", { exact: false });
  await expect(intro).toBeVisible();
  expect(await intro.evaluate((el) => el.closest('figure') === null)).toBe(true);
  // "(cont)" stays inside the one Guardian quote.
  await expect(post.getByRole('figure', { name: 'Quoted from The Guardian' }).locator('blockquote')).toContainText(
    '(cont)',
  );
  await expect(post.getByRole('figure')).toHaveCount(7);
  await post.getByRole('figure', { name: 'Quoted from The Guardian' }).scrollIntoViewIfNeeded();
  await shoot('11-blockquotes');
});

test('clicking a card scrolls to the article and outlines all of it, across two replies', async ({
  page,
  openApp,
  shoot,
}) => {
  await openApp();
  await page.getByRole('button', { name: /Omnishambles Update 48/ }).click();
  await page
    .getByRole('article', { name: 'Comment 3', exact: true })
    .getByRole('button', { name: 'Hide replies' })
    .click();
  await pane(page)
    .getByRole('button', { name: /politics\.co\.uk/ })
    .click();
  const first = page.getByRole('article', { name: 'Comment 3.1', exact: true }).getByRole('figure');
  const second = page.getByRole('article', { name: 'Comment 3.2', exact: true }).getByRole('figure');
  await expect(first).toHaveClass(/marked/);
  await expect(second).toHaveClass(/marked/);
  await expect(second.locator('figcaption')).toContainText('continued');
  await expect(page.getByRole('article', { name: 'Comment 3', exact: true })).toBeInViewport();
  // Only this article is outlined.
  await expect(page.locator('.marked')).toHaveCount(3);
  await shoot('12-outline-split-article');
});

test('an internal quote links to the paragraph or comment it quotes', async ({ page, openApp, shoot }) => {
  await openApp();
  const eight = page.getByRole('article', { name: 'Comment 8', exact: true });
  const toPost = eight.getByRole('button', { name: 'Quotes the post' });
  await toPost.click();
  const quoted = page
    .getByRole('region', { name: 'Post' })
    .getByText('Our preparation in advance of the embargoed news', { exact: false });
  await expect(quoted).toBeInViewport();
  await expect(quoted).toBeFocused();
  await page
    .getByRole('article', { name: 'Comment 6', exact: true })
    .getByRole('button', { name: 'Hide reply' })
    .click();
  await page
    .getByRole('article', { name: 'Comment 6', exact: true })
    .getByRole('button', { name: 'Show 1 reply' })
    .click();
  await page
    .getByRole('article', { name: 'Comment 6.1', exact: true })
    .getByRole('button', { name: 'Quotes comment 7' })
    .click();
  await expect(page.getByRole('article', { name: 'Comment 7', exact: true })).toBeFocused();
  // Internal quotes are not listed as outside articles.
  await expect(pane(page).getByRole('button', { name: /Our preparation/ })).toHaveCount(0);
  await eight.scrollIntoViewIfNeeded();
  await shoot('13-internal-quote');
});

test('the same article quoted in another post is linked both ways as "also quoted in"', async ({
  page,
  openApp,
  shoot,
}) => {
  const library = await mkdtemp(join(tmpdir(), 'threadline-also-'));
  try {
    await cp(join(ROOT, 'seeds'), library, { recursive: true });
    // A later post that pastes the Telegraph piece again, under a different intro.
    const original = await readFile(join(ROOT, 'seeds/004_72f7fc2b7a245681.txt'), 'utf8');
    const telegraph = original.split('\n').slice(53, 57).join('\n');
    await writeFile(
      join(library, '010_later.txt'),
      [
        'Friday, 9 May 2014',
        '',
        'Charities Again',
        '',
        'A reminder of what the Telegraph said this week:-',
        telegraph,
        '',
        'No comments:',
        '',
      ].join('\n'),
    );
    await openApp({ library });
    await page.getByRole('button', { name: /Charities Again/ }).click();
    const card = pane(page).getByRole('listitem').filter({ hasText: 'Charities bidding for contracts' });
    await expect(card.getByText('Also quoted in')).toBeVisible();
    await card.getByRole('button', { name: /Omnishambles Update 48/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
    await expect(
      page.getByRole('region', { name: 'Post' }).getByRole('figure', { name: 'Quoted from The Telegraph' }),
    ).toHaveClass(/marked/);
    await expect(
      pane(page)
        .getByRole('listitem')
        .filter({ hasText: 'Charities bidding for contracts' })
        .getByRole('button', { name: /Charities Again/ }),
    ).toBeVisible();
    await shoot('14-also-quoted-in');
  } finally {
    await rm(library, { recursive: true, force: true });
  }
});
