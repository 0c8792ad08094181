import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Search the library' });
const searchBox = (page: Page) => dialog(page).getByRole('combobox', { name: 'Search posts, comments and articles' });
const results = (page: Page) => dialog(page).getByRole('listbox', { name: 'Search results' });
const chart = (page: Page) => dialog(page).getByRole('group', { name: /^Matching texts per month/ });
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

test('the search timeline: every match per month, a bar chosen by keyboard filters to its month, a table beside', async ({
  page,
  openApp,
  shoot,
}) => {
  const harness = await openApp();
  await harness.service.whenIndexed();
  await expect(heading(page)).toHaveText('Latest From Napo 188');
  // What the chart must show: the core's own count (the bars are drawn from the same answer).
  const counted = await harness.service.handlers['search.timeline']({ query: 'probation' });
  const may2014 = counted.months.find((m) => m.month === '2014-05')!.count;
  const may2019 = counted.months.find((m) => m.month === '2019-05')!.count;
  expect(may2014).toBeGreaterThan(0);
  expect(may2019).toBeGreaterThan(0);

  await page.keyboard.press('Control+k');
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type('probation');
  await expect(results(page).getByRole('group', { name: /Omnishambles Update 48/ })).toBeVisible();
  // Drawn once the results are there: a bar a month from May 2014 to May 2019, the months between empty.
  await expect(chart(page).getByRole('button')).toHaveCount(61);
  await expect(dialog(page).getByText(`${may2014 + may2019} matching texts in all`)).toBeVisible();
  const lastBar = chart(page).getByRole('button', { name: `May 2019: ${may2019} matching texts` });
  await expect(lastBar).toHaveAttribute('tabindex', '0');
  await expect(chart(page).getByRole('button', { name: 'June 2014: 0 matching texts' })).toHaveAttribute(
    'tabindex',
    '-1',
  );
  await shoot('timeline-1-search-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('timeline-2-search-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Tab reaches the chart as one stop (after the source filter), then the table's disclosure;
  // Home goes to the first month, the arrows month by month, Enter chooses one.
  await dialog(page).getByRole('combobox', { name: 'Order' }).focus();
  await page.keyboard.press('Tab');
  await expect(lastBar).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog(page).getByText('Show as table')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(lastBar).toBeFocused();
  await page.keyboard.press('Home');
  const firstBar = chart(page).getByRole('button', { name: `May 2014: ${may2014} matching texts` });
  await expect(firstBar).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(chart(page).getByRole('button', { name: 'June 2014: 0 matching texts' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(firstBar).toHaveAttribute('aria-pressed', 'true');
  await expect(firstBar).toBeFocused();
  await expect(dialog(page).getByRole('textbox', { name: 'From' })).toHaveValue('1 May 2014');
  await expect(dialog(page).getByRole('textbox', { name: 'To' })).toHaveValue('31 May 2014');
  await expect(results(page).getByRole('group', { name: /Latest From Napo 188/ })).toHaveCount(0);
  await expect(results(page).getByRole('group', { name: /Omnishambles Update 48/ })).toBeVisible();
  // The chart still shows every month: the chosen one is marked on it.
  await expect(chart(page).getByRole('button')).toHaveCount(61);
  await shoot('timeline-3-month-chosen-light');

  // Clearable: "All months" lets the dates go.
  await dialog(page)
    .getByRole('button', { name: /All months$/ })
    .click();
  await expect(dialog(page).getByRole('textbox', { name: 'From' })).toHaveValue('');
  await expect(firstBar).toHaveAttribute('aria-pressed', 'false');
  await expect(results(page).getByRole('group', { name: /Latest From Napo 188/ })).toBeVisible();
  // Space chooses too, and pressing the chosen bar again lets go.
  await firstBar.focus();
  await page.keyboard.press('Space');
  await expect(firstBar).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(firstBar).toHaveAttribute('aria-pressed', 'false');
  await expect(dialog(page).getByRole('textbox', { name: 'To' })).toHaveValue('');

  // The table alternative, a row a month with matches.
  await dialog(page).getByText('Show as table').click();
  const table = dialog(page).getByRole('table', { name: 'Matching texts per month' });
  await expect(table.getByRole('row')).toHaveText(['MonthMatching texts', `May 2014${may2014}`, `May 2019${may2019}`]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('timeline-4-table-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Other words: the chart follows (the last one dimmed until the new counts come).
  const napo = await harness.service.handlers['search.timeline']({ query: 'napo' });
  expect(napo.total).toBeGreaterThan(0);
  expect(napo.total).not.toBe(may2014 + may2019);
  await searchBox(page).fill('napo');
  await expect(dialog(page).getByText(`${napo.total} matching texts in all`)).toBeVisible();
  await expect(dialog(page).getByRole('region', { name: 'Matches per month' })).not.toHaveAttribute(
    'aria-busy',
    'true',
  );
});

test('the library timeline: opened from the post list, a busiest thread opened from it, the focus back where it was', async ({
  page,
  openApp,
  shoot,
}) => {
  await openApp();
  await expect(heading(page)).toHaveText('Latest From Napo 188');
  const button = page.getByRole('region', { name: 'Read state' }).getByRole('button', { name: 'Timeline' });
  await button.focus();
  await page.keyboard.press('Enter');
  const timeline = page.getByRole('dialog', { name: 'Library timeline' });
  await expect(timeline).toBeVisible();
  await expect(timeline.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(timeline.getByText('2 posts and 24 comments, May 2014 to May 2019.')).toBeVisible();
  const bars = timeline.getByRole('group', { name: /^Comments per month/ });
  await expect(bars.getByRole('button')).toHaveCount(61);
  const may2014 = bars.getByRole('button', { name: 'May 2014: 1 post, 9 comments; busiest: Omnishambles Update 48' });
  await expect(may2014).toBeVisible();
  await shoot('timeline-5-library-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('timeline-6-library-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // A bar by keyboard: its month's numbers below the chart.
  await bars.getByRole('button', { name: /^May 2019/ }).focus();
  await page.keyboard.press('Home');
  await expect(may2014).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(may2014).toHaveAttribute('aria-pressed', 'true');
  await expect(timeline.getByText('May 2014: 1 post, 9 comments', { exact: true })).toBeVisible();
  // The bars can show posts instead.
  await timeline.getByRole('button', { name: 'Posts', exact: true }).click();
  await expect(timeline.getByRole('group', { name: /^Posts per month/ })).toBeVisible();
  // The table alternative.
  await timeline.getByText('Show as table').click();
  const table = timeline.getByRole('table', { name: 'Posts and comments per month' });
  await expect(table.getByRole('row')).toHaveText(['MonthPostsComments', 'May 201419', 'May 2019115']);

  // Escape closes it, the focus back on the Timeline button.
  await page.keyboard.press('Escape');
  await expect(timeline).toHaveCount(0);
  await expect(button).toBeFocused();

  // A busiest thread opens its post; the dialog closes and the focus goes back.
  await page.keyboard.press('Enter');
  await expect(timeline).toBeVisible();
  const busiest = timeline.getByRole('list').getByRole('button', { name: /^Omnishambles Update 48/ });
  await expect(timeline.getByRole('list').getByRole('button')).toHaveText([
    /^Latest From Napo 188.*15 comments$/,
    /^Omnishambles Update 48.*9 comments$/,
  ]);
  await busiest.focus();
  await page.keyboard.press('Enter');
  await expect(timeline).toHaveCount(0);
  await expect(heading(page)).toHaveText('Omnishambles Update 48');
  await expect(button).toBeFocused();
});
