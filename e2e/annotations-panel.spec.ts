import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Comment, RequestOf } from '../preload/api';
import { expect, test } from './fixtures';
import { ROOT, type Harness } from './harness/harness';

const OMNI_ID = '2014-05-07-omnishambles-update-48';
const OMNI_FILE = '004_72f7fc2b7a245681.txt';
const NAPO_ID = '2019-05-20-latest-from-napo-188';

const panel = (page: Page) => page.getByRole('complementary', { name: /^Annotations/ });
const rows = (page: Page) => panel(page).getByRole('listitem');
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** Highlights `words` in a part of a post through main, as the selection toolbar does. */
async function highlight(
  harness: Harness,
  postId: string,
  part: string,
  words: string,
  extra: Partial<RequestOf<'annotations.add'>> = {},
) {
  const { post } = await harness.service.handlers['posts.get']({ id: postId });
  const find = (comments: Comment[]): Comment | undefined =>
    comments.map((c) => (`comment:${c.id}` === part ? c : find(c.replies))).find(Boolean);
  const text = part === 'body' ? post.body.map((b) => b.text).join('\n\n') : find(post.comments)!.text;
  const start = text.indexOf(words);
  expect(start, `"${words}" in ${part}`).toBeGreaterThanOrEqual(0);
  return harness.service.handlers['annotations.add']({
    postId,
    part,
    kind: 'highlight',
    start,
    end: start + words.length,
    exact: words,
    ...extra,
  });
}

test('the annotations panel: every annotation with its place, filters, an orphan kept, open one in its post; badges in the post list', async ({
  page,
  openApp,
  shoot,
}) => {
  const library = await mkdtemp(join(tmpdir(), 'threadline-panel-lib-'));
  await cp(join(ROOT, 'seeds'), library, { recursive: true });
  const saved = join(await mkdtemp(join(tmpdir(), 'threadline-panel-out-')), 'annotations.md');
  const harness = await openApp({ library, saveFile: async () => saved });
  await harness.service.whenIndexed();
  await harness.service.whenWatching();
  await expect(heading(page)).toHaveText('Latest From Napo 188');

  await highlight(harness, OMNI_ID, 'body', 'the latest from Pat Waterman', {
    colour: 'green',
    note: 'Chair of the London branch',
    tags: ['napo', 'people'],
  });
  await highlight(harness, OMNI_ID, 'comment:3.1', 'tipping point', {
    colour: 'pink',
    note: 'The phrase the governors used — worth quoting in the piece on prison staffing.',
    tags: ['prisons'],
  });
  await harness.service.handlers['annotations.add']({
    postId: OMNI_ID,
    part: 'comment:3',
    kind: 'flag',
    colour: 'pink',
  });
  const { post: napo } = await harness.service.handlers['posts.get']({ id: NAPO_ID });
  await highlight(harness, NAPO_ID, 'body', napo.body[0]!.text.slice(0, 60), { colour: 'purple', tags: ['napo'] });

  // The post list counts them.
  const posts = page.getByRole('navigation', { name: 'Posts' });
  await expect(posts.getByRole('button', { name: /Omnishambles Update 48/ })).toContainText('3');
  await expect(posts.getByRole('button', { name: /Omnishambles Update 48/ }).getByText('3 annotations')).toBeAttached();
  await expect(posts.getByRole('button', { name: /Latest From Napo 188/ }).getByText('1 annotation')).toBeAttached();

  // Ctrl+Shift+A opens the panel in the right pane, its filter box focused.
  await page.keyboard.press('Control+Shift+A');
  await expect(panel(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Annotations', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(panel(page).getByRole('searchbox', { name: 'Words in the note or quote' })).toBeFocused();
  await expect(rows(page)).toHaveCount(4);

  // The post's file edited on disk: one passage reworded (text changed), one gone (orphan, its words kept).
  const file = join(library, OMNI_FILE);
  await writeFile(
    file,
    (await readFile(file, 'utf8'))
      .replace('First off, the latest from Pat Waterman', 'New intro.\n\nFirst off, the latest from Pat Watreman')
      .replace(/tipping point/gi, 'edge'),
  );
  const orphan = rows(page).filter({ hasText: 'The passage you highlighted is no longer in this post' });
  await expect(orphan).toContainText('tipping point');
  await expect(rows(page).filter({ hasText: 'text changed' })).toContainText('Chair of the London branch');
  await shoot('annotations-panel-1-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('annotations-panel-2-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Filters: a colour, a tag, words.
  await panel(page).getByRole('button', { name: 'Pink' }).click();
  await expect(rows(page)).toHaveCount(2);
  await panel(page).getByRole('button', { name: 'Pink' }).click();
  await panel(page).getByRole('combobox', { name: 'Tag' }).selectOption('napo');
  await expect(rows(page)).toHaveCount(2);
  await panel(page).getByRole('combobox', { name: 'Tag' }).selectOption('');
  await panel(page).getByRole('searchbox', { name: 'Words in the note or quote' }).fill('staffing');
  await expect(rows(page)).toHaveCount(1);
  await panel(page).getByRole('searchbox', { name: 'Words in the note or quote' }).fill('');
  await expect(rows(page)).toHaveCount(4);

  // A row opens its post at its place: the flagged comment 3.
  await panel(page)
    .getByRole('button', { name: /comment 3 · flagged$/ })
    .click();
  await expect(heading(page)).toHaveText('Omnishambles Update 48');
  const comment3 = page.getByRole('article', { name: 'Comment 3', exact: true });
  await expect(comment3).toBeFocused();
  await expect(comment3).toBeInViewport();
  await expect(rows(page)).toHaveCount(4);
  await expect(panel(page).getByRole('button', { name: /comment 3 · flagged$/ })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await shoot('annotations-panel-3-opened');

  // Export: where it went, in the status line.
  await panel(page).getByRole('button', { name: 'Export Markdown…' }).click();
  await expect(panel(page).getByRole('status')).toHaveText(`Exported 4 annotations to ${saved}.`);
  expect(await readFile(saved, 'utf8')).toContain('Chair of the London branch');

  // The bin: what was deleted, with Restore; emptied once confirmed.
  const [first] = await harness.service.handlers['annotations.list']({ postId: NAPO_ID });
  await harness.service.handlers['annotations.remove']({ id: first!.id });
  await expect(rows(page)).toHaveCount(3);
  await panel(page).getByRole('button', { name: 'Bin', exact: true }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).getByRole('button', { name: 'Restore' })).toBeVisible();
  await panel(page).getByRole('button', { name: 'Empty bin…' }).click();
  await expect(panel(page).getByRole('button', { name: 'Delete for good' })).toBeFocused();
  await shoot('annotations-panel-4-bin');
  await panel(page).getByRole('button', { name: 'Cancel' }).click();
  await rows(page).getByRole('button', { name: 'Restore' }).click();
  await expect(panel(page).getByText('The bin is empty.')).toBeVisible();
  await panel(page).getByRole('button', { name: 'Bin', exact: true }).click();
  await expect(rows(page)).toHaveCount(4);

  // Escape in the panel closes it; the quoted articles come back.
  await panel(page).getByRole('button', { name: 'Bin', exact: true }).focus();
  await page.keyboard.press('Escape');
  await expect(panel(page)).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Quoted articles' })).toBeVisible();
});
