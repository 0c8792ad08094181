import type { Page } from '@playwright/test';
import { authorsLibrary, richerPost } from '../test-support/authors-library';
import { expect, test } from './fixtures';
import type { Harness } from './harness/harness';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const posts = (page: Page) => page.getByRole('navigation', { name: 'Posts' });
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Search the library' });
const results = (page: Page) => dialog(page).getByRole('listbox', { name: 'Search results' });
const comment = (page: Page, name: string) => page.getByRole('article', { name, exact: true });

async function openPost(page: Page, title: string) {
  await posts(page)
    .getByRole('button', { name: new RegExp(title) })
    .click();
  await expect(heading(page)).toHaveText(title);
}

/** Posts answered as a feed would give them (author, time, labels, draft): the text copies have none of these. */
function answerRicher(harness: Harness) {
  const get = harness.service.handlers['posts.get'];
  harness.service.handlers['posts.get'] = async (request) => {
    const answer = await get(request);
    return { ...answer, post: richerPost(answer.post) };
  };
}

test('comments show who wrote them, and the search keeps the texts of one author', async ({ page, openApp, shoot }) => {
  const harness = await openApp({ library: await authorsLibrary() });
  await harness.service.whenIndexed();
  await openPost(page, 'The Weekend Rota');
  // The author is in the comment's name, as a screen reader says it, and in its header.
  await expect(comment(page, 'Comment 1 by Jim Brown')).toBeVisible();
  await expect(comment(page, 'Comment 2 by Anonymous').locator('.comment-author')).toHaveText('Anonymous');
  await expect(page.locator('.post-date')).toHaveText('4 March 2013');
  await shoot('authors-1-thread-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('authors-2-thread-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // A page that names nobody shows no author.
  await openPost(page, 'Branch Meeting Notes');
  await expect(comment(page, 'Comment 1')).toBeVisible();
  await expect(page.locator('.comment-author')).toHaveCount(0);

  // The search: every comment on the rota, then only Jim Brown's, his name typed in any case.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('rota');
  await expect(results(page).getByRole('option')).toHaveCount(6);
  const author = dialog(page).getByLabel('Author');
  await author.fill('jim brown');
  await expect(results(page).getByRole('option')).toHaveText([/^Comment 1 by Jim Brown/]);
  await expect(results(page).getByRole('group')).toHaveAccessibleName(/The Weekend Rota/);
  // Its suggestions are the library's authors, most texts first.
  expect(
    await page.locator('datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
  ).toEqual(['Jim Brown', 'Maggie Lyle', 'Anonymous']);
  await shoot('authors-3-search-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('authors-4-search-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Enter opens Jim Brown's comment.
  await page.getByRole('combobox', { name: 'Search posts, comments and articles' }).focus();
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('The Weekend Rota');
  await expect(comment(page, 'Comment 1 by Jim Brown')).toBeFocused();

  // The filter stays when the search opens again, and Clear filters lets it go.
  await page.keyboard.press('Control+k');
  await expect(author).toHaveValue('jim brown');
  await dialog(page).getByRole('button', { name: 'Clear filters' }).click();
  await expect(author).toHaveValue('');
  await expect(results(page).getByRole('option')).toHaveCount(6);
});

test("a post's author, time, labels and draft mark, and each comment's time, when the page gives them", async ({
  page,
  openApp,
  shoot,
}) => {
  const harness = await openApp({ library: await authorsLibrary() });
  answerRicher(harness);
  await openPost(page, 'The Weekend Rota');
  const header = page.locator('.post-header');
  await expect(header.locator('.post-draft')).toHaveText('Draft');
  await expect(header.locator('.post-date time')).toHaveText('4 March 2013, 09:30');
  await expect(header.locator('.post-author')).toHaveText('by Probation Officer');
  await expect(header.getByRole('list', { name: 'Labels' }).getByRole('listitem')).toHaveText([
    'rota',
    'approved premises',
  ]);
  await expect(comment(page, 'Comment 1 by Jim Brown').locator('time')).toHaveText('4 March 2013, 10:15');
  await shoot('authors-5-rich-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('authors-6-rich-dark');
});
