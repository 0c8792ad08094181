import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Service } from '../main/core/service';
import type { Comment, PostSummary } from '../preload/api';
import { writeCorpus } from './../scripts/corpus.ts';
import { expect, test } from './fixtures';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Search the library' });
const searchBox = (page: Page) => dialog(page).getByRole('combobox', { name: 'Search posts, comments and articles' });
const results = (page: Page) => dialog(page).getByRole('listbox', { name: 'Search results' });
const findBar = (page: Page) => page.getByRole('search', { name: 'Find in this post' });
const findBox = (page: Page) => findBar(page).getByRole('textbox', { name: 'Find in this post' });
const findCount = (page: Page) => findBar(page).getByRole('status');
const comment = (page: Page, id: string | number) => page.getByRole('article', { name: `Comment ${id}`, exact: true });
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

test('search the seeds: Ctrl+K, marked snippets, open a hit with the words marked in the post; find in the post', async ({
  page,
  openApp,
  shoot,
}) => {
  const harness = await openApp();
  await harness.service.whenIndexed();
  await expect(heading(page)).toHaveText('Latest From Napo 188');

  // Ctrl+K opens the search with the focus in its box.
  await page.keyboard.press('Control+k');
  await expect(dialog(page)).toBeVisible();
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type('tipping point');
  const hit = results(page).getByRole('option', { name: /^Comment 3\.1/ });
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark')).toHaveText(['tipping', 'point']);
  await expect(results(page).getByRole('group', { name: /Omnishambles Update 48/ })).toContainText('7 May 2014');
  await expect(results(page).getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await shoot('search-1-panel-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('search-2-panel-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Hostile input: a note, no error (the fixture fails on any console error).
  await searchBox(page).fill('"tipping (');
  await expect(dialog(page).getByText(/^Left out: an unmatched "/)).toBeVisible();
  await expect(results(page).getByRole('option').first()).toBeVisible();
  await searchBox(page).fill('tipping point');
  await expect(dialog(page).getByText(/^Left out/)).toHaveCount(0);
  await expect(hit).toBeVisible();

  // Down to the comment's hit (the article pasted in it ranks alike), and Enter opens it: the post, scrolled to comment 3.1, with the search words marked.
  for (let i = 0; i < 5 && (await hit.getAttribute('aria-selected')) !== 'true'; i++)
    await page.keyboard.press('ArrowDown');
  await expect(hit).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toHaveCount(0);
  await expect(heading(page)).toHaveText('Omnishambles Update 48');
  await expect(comment(page, '3.1')).toBeInViewport();
  await expect(comment(page, '3.1')).toBeFocused();
  const marks = comment(page, '3.1').locator('mark.hit');
  await expect(marks.first()).toBeInViewport();
  expect((await marks.allTextContents()).map((t) => t.toLowerCase())).toEqual(
    expect.arrayContaining(['tipping', 'point']),
  );
  await shoot('search-3-opened-hit');

  // Escape in the search gives the focus back to where it was.
  await page.getByRole('button', { name: 'Open Folder…' }).focus();
  await page.keyboard.press('/');
  await expect(dialog(page)).toBeVisible();
  await expect(searchBox(page)).toHaveValue('tipping point');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Open Folder…' })).toBeFocused();

  // Find in the post: Ctrl+F, a count, next and previous, Escape.
  await page.locator('#thread-scroller').evaluate((el) => el.scrollTo(0, 0));
  await page.keyboard.press('Control+f');
  await expect(findBox(page)).toBeFocused();
  await page.keyboard.type('prison');
  await expect(findCount(page)).toHaveText(/^1 of \d+$/);
  const total = Number((await findCount(page).textContent())!.split(' of ')[1]);
  expect(total).toBeGreaterThan(10);
  const current = page.locator('mark.find-current');
  await expect(current).toHaveCount(1);
  await expect(current).toBeInViewport();
  expect(await page.locator('mark.find').count()).toBe(total - 1);
  await page.keyboard.press('Enter');
  await expect(findCount(page)).toHaveText(`2 of ${total}`);
  await expect(current).toHaveId('find-1');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await expect(findCount(page)).toHaveText(`${total} of ${total}`);
  await expect(current).toHaveId(`find-${total - 1}`);
  await expect(current).toBeInViewport();
  await expect(findBox(page)).toBeFocused();
  await shoot('search-4-find-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('search-5-find-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await findBar(page).getByRole('button', { name: 'Next match' }).click();
  await expect(findCount(page)).toHaveText(`1 of ${total}`);
  await expect(current).toBeInViewport();
  await findBox(page).press('Escape');
  await expect(findBar(page)).toHaveCount(0);
  await expect(page.locator('mark.find, mark.find-current')).toHaveCount(0);
  // The search words stay marked until another post is opened.
  await expect(page.locator('mark.hit').first()).toBeAttached();
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('button', { name: /Latest From Napo 188/ })
    .click();
  await expect(heading(page)).toHaveText('Latest From Napo 188');
  await expect(page.locator('mark.hit')).toHaveCount(0);
});

test('search filters narrow the results, and "no results" says what to try', async ({ page, openApp, shoot }) => {
  const harness = await openApp();
  await harness.service.whenIndexed();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await searchBox(page).fill('grayling');
  await expect(results(page).getByRole('group')).toHaveCount(2);
  await dialog(page).getByLabel('From', { exact: true }).fill('2015-01-01');
  await expect(results(page).getByRole('group')).toHaveCount(1);
  await expect(results(page).getByRole('group')).toHaveAccessibleName(/Latest From Napo 188/);
  await dialog(page).getByLabel('From', { exact: true }).fill('');
  await dialog(page).getByRole('group', { name: 'Search in' }).getByRole('button', { name: 'Comments' }).click();
  await dialog(page).getByRole('group', { name: 'Search in' }).getByRole('button', { name: 'Articles' }).click();
  await expect(results(page).getByRole('option')).toHaveText([/^Post/, /^Post/]);
  await dialog(page).getByRole('button', { name: 'Clear filters' }).click();
  await searchBox(page).fill('outsourcing');
  await dialog(page).getByLabel('Source').selectOption({ label: 'The Guardian' });
  await expect(results(page).getByRole('option')).toHaveCount(1);
  await expect(results(page).getByRole('option')).toContainText('Article: The Guardian');
  await searchBox(page).fill('zzyzx');
  await expect(dialog(page).getByText('Nothing matches “zzyzx”.')).toBeVisible();
  await expect(dialog(page).getByRole('status')).toHaveText('No results');
  await shoot('search-6-no-results');
});

/** Top-level comments and their replies, in reading order. */
const flatten = (comments: Comment[]): Comment[] => comments.flatMap((c) => [c, ...c.replies]);

/**
 * A word whose best hit, searching the long thread's comments (its date, comments only), is a
 * comment deep in it; and the last comment of the thread holding the word (for find).
 */
async function deepWord(
  handlers: Service['handlers'],
  long: PostSummary,
): Promise<{ word: string; commentId: string; lastId: string }> {
  const { post } = await handlers['posts.get']({ id: long.id });
  const deep = Math.floor(post.comments.length * 0.6);
  const seen = new Set<string>();
  for (const candidate of flatten(post.comments.slice(deep))) {
    for (const word of candidate.text.match(/\b[A-Za-z]{6,}\b/g) ?? []) {
      if (seen.has(word.toLowerCase())) continue;
      seen.add(word.toLowerCase());
      const found = await handlers['search.query']({ query: word, kinds: ['comment'], from: long.date, to: long.date });
      const ref = found.groups[0]?.postId === long.id ? found.groups[0].hits[0]?.ref : null;
      if (!ref || Number(ref.split('.')[0]) <= deep) continue;
      const holders = flatten(post.comments).filter((c) => c.text.toLowerCase().includes(word.toLowerCase()));
      return { word, commentId: ref, lastId: holders[holders.length - 1]!.id };
    }
  }
  throw new Error('No word found whose best hit is deep in the long thread.');
}

test('a 500-post library: search, open a hit deep in the 2,000-comment thread, and find in it', async ({
  page,
  openApp,
  shoot,
}) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(join(tmpdir(), 'threadline-search-'));
  try {
    await writeCorpus({ posts: 500, out: dir, seed: 1, longThread: 2000 });
    const harness = await openApp({ library: dir });
    await harness.service.whenIndexed();
    const posts = await harness.service.handlers['posts.list']({});
    expect(posts).toHaveLength(500);
    const long = posts.reduce((a, b) => (b.foundCommentCount > a.foundCommentCount ? b : a));
    expect(long.foundCommentCount).toBeGreaterThanOrEqual(2000);
    const { word, commentId, lastId } = await deepWord(harness.service.handlers, long);
    expect(Number(commentId.split('.')[0])).toBeGreaterThan(500);
    await expect(heading(page)).not.toHaveText('');

    // Search the word in the comments of the long thread's day.
    await page.keyboard.press('Control+k');
    await page.keyboard.type(word);
    await dialog(page).getByLabel('From', { exact: true }).fill(long.date!);
    await dialog(page).getByLabel('To', { exact: true }).fill(long.date!);
    await dialog(page).getByRole('group', { name: 'Search in' }).getByRole('button', { name: 'Posts' }).click();
    await dialog(page).getByRole('group', { name: 'Search in' }).getByRole('button', { name: 'Articles' }).click();
    const hit = results(page).getByRole('option').first();
    await expect(hit).toContainText(`Comment ${commentId}`);
    await expect(results(page).getByRole('group').first()).toHaveAccessibleName(
      new RegExp(`^${long.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    await expect(hit.locator('mark').first()).toHaveText(new RegExp(`^${word}$`, 'i'));
    await shoot('search-7-big-library');

    // Enter opens it: the thread is scrolled to that comment, which was not rendered, with the word marked.
    await searchBox(page).press('Enter');
    await expect(heading(page)).toHaveText(long.title);
    await expect(comment(page, commentId)).toBeInViewport();
    await expect(comment(page, commentId)).toBeFocused();
    await expect(comment(page, commentId).locator('mark.hit').first()).toBeInViewport();
    expect(await page.locator('article.comment-body').count()).toBeLessThan(200);
    await shoot('search-8-big-thread-hit');

    // Find from the top of the thread; Shift+Enter wraps round to the last match, in a row that is not rendered.
    await page.locator('#thread-scroller').evaluate((el) => el.scrollTo(0, 0));
    await expect(page.locator('#comment-1')).toBeInViewport();
    if (lastId.split('.')[0] !== commentId.split('.')[0]) await expect(comment(page, lastId)).toHaveCount(0);
    await page.keyboard.press('Control+f');
    await findBox(page).fill(word);
    await expect(findCount(page)).toHaveText(/^1 of \d+\+?$/);
    const current = page.locator('mark.find-current');
    await expect(current).toBeInViewport();
    await findBox(page).press('Shift+Enter');
    await expect(comment(page, lastId).locator('mark.find-current')).toHaveCount(1);
    await expect(current).toBeInViewport();
    await expect(findBox(page)).toBeFocused();
    await shoot('search-9-big-thread-find');

    // A very common word (in comments, as the kinds chosen above): the best matches of the whole
    // library, as the core ranks them.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await dialog(page).getByLabel('From', { exact: true }).fill('');
    await dialog(page).getByLabel('To', { exact: true }).fill('');
    await searchBox(page).fill('the');
    const best = await harness.service.handlers['search.query']({ query: 'the', kinds: ['comment'] });
    const titles = () => results(page).locator('.search-post-title').allTextContents();
    await expect.poll(titles).toEqual(best.groups.map((g) => g.title || '(untitled)'));
    await expect(results(page).getByRole('option').first().locator('mark').first()).toHaveText(/^the$/i);
    await shoot('search-10-common-word');

    // Newest first: the newest posts of the library, in date order.
    await dialog(page).getByLabel('Order').selectOption('Newest first');
    const newest = await harness.service.handlers['search.query']({ query: 'the', kinds: ['comment'], sort: 'date' });
    await expect.poll(titles).toEqual(newest.groups.map((g) => g.title || '(untitled)'));
    const dates = newest.groups.map((g) => g.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(newest.groups[0]!.date).toBe(posts[0]!.date);
    await shoot('search-11-newest-first');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
