import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { comfortLibrary, weeklyLibrary } from './comfort-library';
import { startHarness } from './harness/harness';
import { expect, SCREENSHOTS, test } from './fixtures';

/** The names of headings, as a screen reader says them (a list heading is named by its words, its unread counts aside). */
const headingNames = (headings: Locator) =>
  headings.evaluateAll((els) =>
    els.map((el) => {
      const by = el.getAttribute('aria-labelledby');
      return ((by && document.getElementById(by)?.textContent) || el.textContent || '').trim();
    }),
  );

/** The computed font size (px) of the first body paragraph, and of a toolbar button (chrome). */
const sizes = (page: Page) =>
  page.evaluate(() => {
    const px = (selector: string) => parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize);
    return { text: px('.post-body p'), chrome: px('.toolbar-actions button') };
  });

const threadStyle = (page: Page) =>
  page.locator('.thread').evaluate((thread) => {
    const style = getComputedStyle(thread);
    return { maxWidth: parseFloat(style.maxWidth) / parseFloat(style.fontSize), font: style.fontFamily };
  });

test('Ctrl +, - and 0 size the reading text, not the chrome, and the Text menu sets size, width and typeface, remembered after a restart', async ({
  page,
  browser,
  openApp,
  shoot,
}) => {
  const profileDir = await mkdtemp(join(tmpdir(), 'threadline-comfort-profile-'));
  const first = await openApp({ profileDir });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');
  const before = await sizes(page);
  expect(before.text).toBe(17);

  await page.getByRole('region', { name: 'Post' }).click();
  await page.keyboard.press('Control+Equal');
  await expect.poll(() => sizes(page)).toEqual({ text: 18.7, chrome: before.chrome });
  await page.keyboard.press('Control+Minus');
  await page.keyboard.press('Control+Minus');
  await expect.poll(() => sizes(page)).toEqual({ text: 15.3, chrome: before.chrome });
  await page.keyboard.press('Control+0');
  await expect.poll(() => sizes(page)).toEqual(before);

  // The Text menu, by keyboard only.
  const textButton = page.getByRole('button', { name: 'Text', exact: true });
  await textButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: 'Text settings' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Smaller text' })).toBeFocused();
  await page.keyboard.press('Tab'); // Larger text
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(menu.getByRole('status').or(menu.locator('output'))).toHaveText('120%');
  await menu.getByRole('radio', { name: 'Medium' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(menu.getByRole('radio', { name: 'Wide' })).toBeChecked();
  await menu.getByRole('radio', { name: 'Serif', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(menu.getByRole('radio', { name: 'Sans serif' })).toBeChecked();
  await shoot('comfort-text-settings');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(textButton).toBeFocused();
  await expect.poll(() => sizes(page)).toEqual({ text: 20.4, chrome: before.chrome });
  expect(await threadStyle(page)).toMatchObject({ maxWidth: 64 });
  expect((await threadStyle(page)).font).toContain('system-ui');
  await expect
    .poll(async () => JSON.parse(await readFile(join(profileDir, 'reading-prefs.json'), 'utf8').catch(() => '{}')))
    .toEqual({ version: 1, prefs: { textSize: 120, width: 'wide', typeface: 'sans' } });
  await page.close();
  await first.service.close();

  // Started again on the same profile: the text as it was left.
  const again = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const second = await startHarness(again, { profileDir });
  try {
    await expect(again.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');
    await expect.poll(() => sizes(again)).toEqual({ text: 20.4, chrome: before.chrome });
    expect(await threadStyle(again)).toMatchObject({ maxWidth: 64 });
    await again.screenshot({ path: join(SCREENSHOTS, 'comfort-restarted.png') });
  } finally {
    await again.close();
    await second.service.close();
  }
});

/** Every toolbar control is inside the viewport, and is what a click at its middle reaches. */
async function expectToolbarReachable(page: Page) {
  const viewport = page.viewportSize()!;
  // The library has finished opening (its problems counted), so the toolbar holds what it keeps.
  await expect(page.getByRole('button', { name: /\d+ problems?/ })).toBeVisible();
  // The controls as they are now, each checked in turn (not found again by position while the layout settles).
  const controls = await page.locator('.toolbar button:visible').elementHandles();
  let checked = 0;
  for (const control of controls) {
    const box = await control.boundingBox();
    // Gone since (a control re-rendered as the window settled): not on screen, nothing to reach.
    if (!box) continue;
    checked++;
    const name = (await control.textContent())?.trim();
    expect(box.x, `${name} starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} ends inside the window`).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height, `${name} is above the window's bottom`).toBeLessThanOrEqual(viewport.height);
    const hit = await control.evaluate((element: Element) => {
      const rect = element.getBoundingClientRect();
      const at = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
      return element === at || element.contains(at);
    });
    expect(hit, `${name} is not covered`).toBe(true);
  }
  expect(checked).toBeGreaterThanOrEqual(7);
  for (const name of ['Open Folder…', 'Annotations', 'Text']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
  }
  await expect(page.getByRole('button', { name: /\d+ problems?/ })).toBeInViewport({ ratio: 1 });
}

test('the toolbar cuts nothing off at the smallest window (760 × 600) nor at 200% zoom', async ({
  page,
  openApp,
  shoot,
}) => {
  await page.setViewportSize({ width: 760, height: 600 });
  await openApp({ library: await comfortLibrary() });
  await expect(page.getByRole('navigation', { name: 'Posts' }).getByRole('button')).toHaveCount(5);
  await expectToolbarReachable(page);
  await shoot('comfort-760');
  // 200% zoom of a 1400 × 860 window lays the page out as 700 × 430 CSS pixels.
  await page.setViewportSize({ width: 700, height: 430 });
  await expectToolbarReachable(page);
  await shoot('comfort-zoom-200');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('comfort-zoom-200-dark');
  // Each control still works from there: the Text menu opens inside the window.
  await page.getByRole('button', { name: 'Text', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Text settings' })).toBeInViewport({ ratio: 1 });
  await shoot('comfort-zoom-200-text-menu');
});

test('the post list: one heading for a one-month year, titles clamped to two lines, an untitled post by its first words, a copy marked with its file', async ({
  page,
  openApp,
  shoot,
}) => {
  await page.setViewportSize({ width: 1100, height: 700 });
  await openApp({ library: await comfortLibrary() });
  const posts = page.getByRole('navigation', { name: 'Posts' });
  await expect(posts.getByRole('button')).toHaveCount(5);
  // 2016 has posts in two months, so it has month headings; 2013 only April, so its heading names the month.
  await expect
    .poll(() => headingNames(posts.getByRole('heading', { level: 2 })))
    .toEqual(['2016', 'April 2013', 'Undated']);
  await expect.poll(() => headingNames(posts.getByRole('heading', { level: 3 }))).toEqual(['April 2016', 'March 2016']);

  const untitled = posts.getByRole('button', { name: /^Untitled: The regional office has written again/ });
  await expect(untitled).toBeVisible();
  await expect(untitled.locator('.post-title')).toHaveText(
    'Untitled: The regional office has written again about the rota for the approved premises, and staff are…',
  );
  // The undated page's first paragraph became its title: two lines at most.
  const long = posts.getByRole('button', { name: /Somebody asked why the office/ }).locator('.post-title');
  const lines = await long.evaluate((title) => {
    const style = getComputedStyle(title);
    return {
      shown: title.clientHeight / parseFloat(style.lineHeight),
      clipped: title.scrollHeight > title.clientHeight,
    };
  });
  expect(lines.shown).toBeLessThanOrEqual(2.05);
  expect(lines.clipped).toBe(true);

  const copies = posts.getByRole('button', { name: /Branch News for March/ });
  await expect(copies).toHaveCount(2);
  await expect(copies.nth(0)).not.toContainText('Copy');
  await expect(copies.nth(1)).toContainText('Copy 031_napo-news-saved-again.txt');

  // The header: the first words, marked as such; the date in the app's form; the file out of the way.
  await untitled.click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/^Untitled: The regional office has written again/);
  await expect(page.locator('.post-date')).toHaveText('12 April 2016');
  const source = page.locator('.post-source');
  await expect(source.locator('code')).toBeHidden();
  await source.getByText('Source file').click();
  await expect(source.locator('code')).toHaveText('010_no-title.txt');
  await shoot('comfort-post-list');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('comfort-post-list-dark');
});

test('the sticky year heading never covers a month heading', async ({ page, openApp, shoot }) => {
  await page.setViewportSize({ width: 1100, height: 700 });
  await openApp({ library: await weeklyLibrary(60) });
  const list = page.locator('.post-list-scroller');
  await expect(
    page.getByRole('navigation', { name: 'Posts' }).getByRole('heading', { level: 3 }).first(),
  ).toHaveAccessibleName('December 2016');
  const covered = () =>
    page.evaluate(() => {
      const sticky = document.querySelector('[data-testid="virtuoso-top-item-list"]')!.getBoundingClientRect();
      const found: string[] = [];
      for (const heading of document.querySelectorAll<HTMLElement>('.post-list .month, .post-list .post-item')) {
        const box = heading.getBoundingClientRect();
        // Drawn over the sticky year heading: what is at a point inside both is the row, not the heading.
        if (box.bottom <= sticky.top + 1 || box.top >= sticky.bottom - 1) continue;
        const y = (Math.max(box.top, sticky.top) + Math.min(box.bottom, sticky.bottom)) / 2;
        const at = document.elementFromPoint(box.left + 30, y);
        if (at && heading.contains(at)) found.push(heading.textContent ?? '');
      }
      return found;
    });
  for (let top = 0; top <= 1200; top += 37) {
    await list.evaluate((scroller, y) => scroller.scrollTo({ top: y }), top);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await covered(), `scrolled ${top}px`).toEqual([]);
    if (top === 333) await shoot('comfort-sticky');
  }
});

test('the problems panel groups by file and kind, links to the line, never pushes the reader down, and gives the focus back to the badge', async ({
  page,
  openApp,
  shoot,
}) => {
  await openApp({ library: await comfortLibrary() });
  const thread = page.locator('#thread-scroller');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const threadTop = (await thread.boundingBox())!.y;
  const badge = page.getByRole('button', { name: /\d+ problems/ });
  await badge.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: 'Problems in this library' });
  await expect(panel).toBeVisible();
  expect((await thread.boundingBox())!.y).toBe(threadTop);

  const cutShort = panel
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: /040_cut-short\.txt/ }) });
  await expect(cutShort.locator('.problem')).toHaveCount(2);
  await expect(cutShort.locator('.problem').first()).toContainText(
    'The post declares 30 comments but 2 were found; both are shown.',
  );
  const copy = panel.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /031_napo/ }) });
  await expect(copy).toContainText('Another file (030_napo-news.txt) holds a post with the same date and title');
  // No internal ids: nothing like "2016-03-04-branch-news-for-march~031-…".
  await expect(panel).not.toContainText(/\d{4}-\d{2}-\d{2}-[a-z0-9-]+/);
  await shoot('comfort-problems');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('comfort-problems-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Close and Escape both give the focus back to the badge.
  await panel.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(panel).toBeHidden();
  await expect(badge).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(badge).toBeFocused();

  // "Go to line" opens the post at the comment holding that line.
  await page.keyboard.press('Enter');
  await cutShort.getByRole('button', { name: 'Go to line 11' }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A Page Saved Half Way');
  await expect(page.getByRole('article', { name: 'Comment 2', exact: true })).toBeFocused();
});

test('dates read one way everywhere, also in the search filters', async ({ page, openApp }) => {
  const harness = await openApp();
  await harness.service.whenIndexed();
  await expect(page.locator('.post-date')).toHaveText('20 May 2019');
  await expect(page.getByRole('navigation', { name: 'Posts' }).getByRole('button').first()).toContainText(
    '20 May 2019',
  );
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search the library' });
  await dialog.getByRole('combobox', { name: 'Search posts, comments and articles' }).fill('tipping point');
  const from = dialog.getByLabel('From');
  await from.fill('2015-01-01');
  await from.blur();
  await expect(from).toHaveValue('1 January 2015');
  await from.fill('sometime');
  await expect(dialog.getByText('Not a date: type one like 7 May 2014.')).toBeVisible();
  await from.fill('7 may 2014');
  await from.blur();
  await expect(from).toHaveValue('7 May 2014');
  await expect(dialog.getByRole('group', { name: /Omnishambles Update 48/ })).toContainText('7 May 2014');
});
