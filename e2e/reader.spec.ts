import { expect, test } from './fixtures';

test('opens on the bundled seeds and lists both posts, newest first', async ({ page, openApp, shoot }) => {
  await openApp();
  const posts = page.getByRole('navigation', { name: 'Posts' });
  await expect(posts.getByRole('button')).toHaveText([/Latest From Napo 188/, /Omnishambles Update 48/]);
  await expect(posts.getByRole('heading', { name: 'May 2019', exact: true })).toBeVisible();
  await expect(posts.getByRole('heading', { name: 'May 2014' })).toBeVisible();
  await expect(posts.getByText('15 comments (16 declared)')).toBeVisible();
  await shoot('01-reader');
});

test('shows "Latest From Napo 188" with its body, 11 comments and 4 replies in place', async ({ page, openApp }) => {
  await openApp();
  await page.getByRole('button', { name: /Latest From Napo 188/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');
  await expect(page.getByRole('region', { name: 'Post' })).toContainText('Seizing the day');
  const tree = page.getByRole('feed', { name: 'Comments' });
  await expect(tree.locator(':scope > .comment')).toHaveCount(11);
  await expect(page.locator('#replies-1').getByRole('article')).toHaveCount(2);
  await expect(page.getByRole('article', { name: 'Comment 4.1', exact: true })).toContainText(
    "and here's your £1bn of upw & programmes up for sale:",
  );
  await expect(page.getByRole('article', { name: 'Comment 6.1', exact: true })).toBeVisible();
  await expect(page.getByRole('article', { name: /^Comment \d+(\.\d+)?$/ })).toHaveCount(15);
});

test('collapsing comment 1 hides replies 1.1 and 1.2', async ({ page, openApp, shoot }) => {
  await openApp();
  const toggle = page
    .getByRole('article', { name: 'Comment 1', exact: true })
    .getByRole('button', { name: 'Hide replies' });
  await toggle.click();
  await expect(page.getByRole('article', { name: 'Comment 1.1', exact: true })).toHaveCount(0);
  await expect(page.getByRole('article', { name: 'Comment 1.2', exact: true })).toHaveCount(0);
  await expect(
    page.getByRole('article', { name: 'Comment 1', exact: true }).getByRole('button', { name: 'Show 2 replies' }),
  ).toHaveAttribute('aria-expanded', 'false');
  await shoot('02-collapsed');
  await page.getByRole('button', { name: 'Show 2 replies' }).click();
  await expect(page.getByRole('article', { name: 'Comment 1.2', exact: true })).toBeVisible();
});

test('lists the Ian Lawrence piece and scrolls to it when clicked', async ({ page, openApp, shoot }) => {
  await openApp();
  const pane = page.getByRole('complementary', { name: 'Quoted articles' });
  const card = pane.getByRole('button', { name: /Ian Lawrence/ });
  await expect(card).toContainText('"Irredeemably flawed" - but probation is repairable');
  await page.locator('#thread-scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const start = page
    .getByRole('region', { name: 'Post' })
    .locator('blockquote')
    .getByText('"Irredeemably flawed" - but probation is repairable', { exact: true });
  await expect(start).not.toBeInViewport();
  await card.click();
  await expect(start).toBeInViewport();
  await expect(page.getByRole('figure', { name: 'Quoted from Ian Lawrence' })).toHaveClass(/marked/);
  await expect(card).toHaveAttribute('aria-pressed', 'true');
  await shoot('03-article-marked');
});

test('a URL-only comment with the article in its replies scrolls to comment 3 and expands it', async ({
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
  const card = page
    .getByRole('complementary', { name: 'Quoted articles' })
    .getByRole('button', { name: /politics\.co\.uk/ });
  await expect(card).toContainText('Comment 3 → 3.2');
  await card.click();
  await expect(page.getByRole('article', { name: 'Comment 3', exact: true })).toHaveClass(/marked/);
  await expect(
    page
      .getByRole('article', { name: 'Comment 3.2', exact: true })
      .getByRole('figure', { name: 'Quoted from politics.co.uk' }),
  ).toHaveClass(/marked/);
  await expect(page.getByRole('article', { name: 'Comment 3', exact: true })).toBeInViewport();
  await shoot('04-omnishambles');
});

test('a link opens in the system browser only when clicked, and the window stays put', async ({ page, openApp }) => {
  const harness = await openApp();
  await page.getByRole('button', { name: /Omnishambles Update 48/ }).click();
  expect(harness.openedLinks).toEqual([]);
  await page.getByRole('link', { name: /politics\.co\.uk/ }).click();
  await expect
    .poll(() => harness.openedLinks)
    .toEqual(['http://www.politics.co.uk/news/2014/05/07/prison-governors-grayling-s-regime-is-driving-us-to-tipping']);
  await expect(page).toHaveURL(/threadline\.test/);
});

test('follows a dark system theme', async ({ page, openApp, shoot }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp();
  const background = await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toBe('rgb(23, 24, 27)');
  await shoot('06-dark');
});
