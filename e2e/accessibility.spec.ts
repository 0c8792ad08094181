import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessibleInAllModes, expectFocusNotLost } from './axe';
import { authorsLibrary, richerPost } from '../test-support/authors-library';
import { mixedLibrary } from './mixed-library';
import { select } from './select-text';
import { expect, test } from './fixtures';
import { SEEDS_DIR, type Harness, type HarnessOptions } from './harness/harness';

const OMNI_ID = '2014-05-07-omnishambles-update-48';

interface ViewContext {
  page: Page;
  harness: Harness;
}

/**
 * A view of the app to hold to WCAG 2.2 AA: how to open it (by keyboard where the app offers a
 * key), and how to close it again. Each is checked in light, dark and forced colours, and the
 * focus must never drop to the page body after opening or closing.
 */
interface View {
  name: string;
  /** The library the app opens on (the bundled seeds by default). */
  library?: () => Promise<HarnessOptions>;
  /** Runs before the page loads (e.g. a setting read at start). */
  before?: (page: Page) => Promise<void>;
  open: (context: ViewContext) => Promise<void>;
  close?: (context: ViewContext) => Promise<void>;
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const posts = (page: Page) => page.getByRole('navigation', { name: 'Posts' });

/** Opens a post from the post list by keyboard: focus its button, Enter. */
async function openPost(page: Page, title: RegExp) {
  await expect(heading(page)).toHaveText('Latest From Napo 188');
  const button = posts(page).getByRole('button', { name: title });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText(title);
}

/** A copy of the seeds with a binary file, an empty file and a Windows-1252 one: errors and warnings. */
async function brokenLibrary(): Promise<HarnessOptions> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-axe-broken-'));
  await cp(SEEDS_DIR, dir, { recursive: true });
  await writeFile(join(dir, 'broken.txt'), Buffer.from([0x00, 0x01, 0x02, 0x00, 0xff, 0x00, 0x00, 0x00]));
  await writeFile(join(dir, 'empty.txt'), '');
  await writeFile(
    join(dir, 'cp1252.txt'),
    Buffer.from('Friday 1 March 2013\n\nA \x96 dash\n\nBody \x93quoted\x94.\n\nNo comments:\n', 'latin1'),
  );
  return { library: dir };
}

/** The seeds plus a later copy of "Omnishambles Update 48": its cards say where else each article is quoted. */
async function libraryWithRepost(): Promise<HarnessOptions> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-axe-repost-'));
  await cp(SEEDS_DIR, dir, { recursive: true });
  const omnishambles = await readFile(join(SEEDS_DIR, '004_72f7fc2b7a245681.txt'), 'utf8');
  await writeFile(
    join(dir, '005_repost.txt'),
    omnishambles
      .replace('Wednesday, 7 May 2014', 'Wednesday, 14 May 2014')
      .replace('Omnishambles Update 48', 'Omnishambles Update 49'),
  );
  return { library: dir };
}

/** Highlights `words` in the body of a post through main, as the selection toolbar does. */
async function highlightInBody(harness: Harness, postId: string, words: string) {
  const { post } = await harness.service.handlers['posts.get']({ id: postId });
  const text = post.body.map((b) => b.text).join('\n\n');
  const start = text.indexOf(words);
  expect(start, `"${words}" in the body`).toBeGreaterThanOrEqual(0);
  await harness.service.handlers['annotations.add']({
    postId,
    part: 'body',
    kind: 'highlight',
    colour: 'green',
    start,
    end: start + words.length,
    exact: words,
    note: 'Chair of the London branch',
    tags: ['people'],
  });
}

/** Every view of the app. Adding one is one entry: its name and how to reach it. */
const VIEWS: View[] = [
  {
    name: 'reader',
    open: ({ page }) => openPost(page, /Omnishambles Update 48/),
  },
  {
    name: 'collapsed-thread',
    open: async ({ page }) => {
      await openPost(page, /Omnishambles Update 48/);
      const comment3 = page.getByRole('article', { name: 'Comment 3', exact: true });
      await comment3.getByRole('button', { name: 'Hide replies' }).focus();
      await page.keyboard.press('Enter');
      await expect(comment3.getByRole('button', { name: /Show \d+ repl/ })).toBeVisible();
    },
  },
  {
    name: 'search',
    open: async ({ page, harness }) => {
      await harness.service.whenIndexed();
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Search the library' });
      await page.keyboard.type('tipping point');
      await expect(dialog.getByRole('option', { name: /^Comment 3\.1/ })).toBeVisible();
    },
    close: async ({ page }) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Search the library' })).toHaveCount(0);
    },
  },
  {
    // A post as a feed gives it (author, time, labels, draft), with "Name said..." comments.
    name: 'authors-thread',
    library: async () => ({ library: await authorsLibrary() }),
    open: async ({ page, harness }) => {
      const get = harness.service.handlers['posts.get'];
      harness.service.handlers['posts.get'] = async (request) => {
        const answer = await get(request);
        return { ...answer, post: richerPost(answer.post) };
      };
      const button = posts(page).getByRole('button', { name: /The Weekend Rota/ });
      await button.focus();
      await page.keyboard.press('Enter');
      await expect(heading(page)).toHaveText('The Weekend Rota');
      await expect(page.getByRole('article', { name: 'Comment 1 by Jim Brown' }).locator('time')).toBeVisible();
      await expect(page.getByRole('list', { name: 'Labels' })).toBeVisible();
    },
  },
  {
    // A post read from a saved page that a text copy also holds, its sources listed; then the export's threads.
    name: 'mixed-forms',
    library: async () => ({ library: await mixedLibrary() }),
    open: async ({ page }) => {
      const button = posts(page).getByRole('button', { name: /Caseloads And The Summer Review/ });
      await button.focus();
      await page.keyboard.press('Enter');
      await expect(heading(page)).toHaveText('Caseloads And The Summer Review');
      await page.getByText('Source files (2)').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByText(/threaded\.html — saved web page \(shown\)/)).toBeVisible();
      await expect(page.getByText('by Ruth Pennington', { exact: true })).toBeVisible();
    },
  },
  {
    name: 'search-author',
    library: async () => ({ library: await authorsLibrary() }),
    open: async ({ page, harness }) => {
      await harness.service.whenIndexed();
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Search the library' });
      await page.keyboard.type('rota');
      await dialog.getByLabel('Author').fill('Maggie Lyle');
      await expect(dialog.getByRole('option', { name: /^Comment \d by Maggie Lyle/ })).toHaveCount(2);
    },
    close: async ({ page }) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Search the library' })).toHaveCount(0);
    },
  },
  {
    name: 'find-bar',
    open: async ({ page }) => {
      await openPost(page, /Omnishambles Update 48/);
      await page.keyboard.press('Control+f');
      await page.keyboard.type('probation');
      await expect(page.getByRole('search', { name: 'Find in this post' }).getByRole('status')).toHaveText(
        /^1 of \d+$/,
      );
    },
    close: async ({ page }) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('search', { name: 'Find in this post' })).toHaveCount(0);
    },
  },
  {
    name: 'annotations-panel',
    open: async ({ page, harness }) => {
      await highlightInBody(harness, OMNI_ID, 'the latest from Pat Waterman');
      await openPost(page, /Omnishambles Update 48/);
      await expect(page.locator('mark.annotation-green')).toHaveText('the latest from Pat Waterman');
      await page.keyboard.press('Control+Shift+A');
      await expect(page.getByRole('complementary', { name: /^Annotations/ }).getByRole('listitem')).toHaveCount(1);
    },
    close: async ({ page }) => {
      await page.keyboard.press('Control+Shift+A');
      await expect(page.getByRole('complementary', { name: /^Annotations/ })).toHaveCount(0);
    },
  },
  {
    name: 'selection-toolbar',
    open: async ({ page }) => {
      await openPost(page, /Omnishambles Update 48/);
      await select(page, '.post-body p[data-part="body"]', 'the latest from Pat Waterman');
      await expect(page.getByRole('toolbar', { name: 'Annotate the selection' })).toBeVisible();
    },
  },
  {
    name: 'article-card',
    library: libraryWithRepost,
    open: async ({ page }) => {
      await openPost(page, /Omnishambles Update 48/);
      const item = page.getByRole('complementary', { name: 'Quoted articles' }).locator('.card-item').first();
      const card = item.getByRole('button').first();
      await card.focus();
      await page.keyboard.press('Enter');
      await expect(card).toHaveAttribute('aria-pressed', 'true');
      await expect(item.getByText('Also quoted in')).toBeVisible();
      for (const summary of ['Full text', /^Why this card/]) {
        await item.getByText(summary).focus();
        await page.keyboard.press('Enter');
      }
      await expect(item.locator('details[open]')).toHaveCount(2);
    },
  },
  {
    name: 'library-articles',
    open: async ({ page }) => {
      await expect(heading(page)).toHaveText('Latest From Napo 188');
      await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Articles' }).focus();
      await page.keyboard.press('Enter');
      const guardian = page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: /^The Guardian/ });
      await guardian.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('main', { name: 'The Guardian' })).toBeVisible();
    },
  },
  {
    name: 'problems-panel',
    library: brokenLibrary,
    open: async ({ page }) => {
      const badge = page.getByRole('button', { name: /\d+ problems/ });
      await expect(badge).toHaveText('4 problems');
      await badge.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('region', { name: 'Problems in this library' })).toBeVisible();
    },
    close: async ({ page }) => {
      // Escape from inside the panel, then (opened again) its Close button: the focus goes back to the badge.
      const panel = page.getByRole('region', { name: 'Problems in this library' });
      const badge = page.getByRole('button', { name: /\d+ problems/ });
      await panel.getByRole('button', { name: 'Close' }).focus();
      await page.keyboard.press('Escape');
      await expect(panel).toHaveCount(0);
      await expect(badge).toBeFocused();
      await page.keyboard.press('Enter');
      await panel.getByRole('button', { name: 'Close' }).focus();
      await page.keyboard.press('Enter');
      await expect(panel).toHaveCount(0);
      await expect(badge).toBeFocused();
    },
  },
  {
    name: 'drop-target',
    open: async ({ page }) => {
      await expect(heading(page)).toHaveText('Latest From Napo 188');
      await posts(page)
        .getByRole('button', { name: /Latest From Napo 188/ })
        .focus();
      const data = await page.evaluateHandle(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([''], 'a-folder'));
        return transfer;
      });
      await page.dispatchEvent('body', 'dragenter', { dataTransfer: data });
      await expect(page.getByRole('status').filter({ hasText: 'Drop a folder of saved posts' })).toBeVisible();
    },
  },
  {
    name: 'search-timeline',
    open: async ({ page, harness }) => {
      await harness.service.whenIndexed();
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Search the library' });
      await page.keyboard.type('probation');
      const chart = dialog.getByRole('group', { name: /^Matching texts per month/ });
      // A month chosen (its bar pressed), the table open, the focus on the chosen bar.
      await chart.getByRole('button', { name: /^May 2014/ }).click();
      await expect(chart.getByRole('button', { name: /^May 2014/ })).toHaveAttribute('aria-pressed', 'true');
      await dialog.getByText('Show as table').click();
      await expect(dialog.getByRole('table', { name: 'Matching texts per month' })).toBeVisible();
      await chart.getByRole('button', { name: /^May 2014/ }).focus();
    },
    close: async ({ page }) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Search the library' })).toHaveCount(0);
    },
  },
  {
    name: 'library-timeline',
    open: async ({ page }) => {
      await openPost(page, /Omnishambles Update 48/);
      await page.getByRole('region', { name: 'Read state' }).getByRole('button', { name: 'Timeline' }).focus();
      await page.keyboard.press('Enter');
      const timeline = page.getByRole('dialog', { name: 'Library timeline' });
      await timeline.getByRole('button', { name: /^May 2014/ }).click();
      await timeline.getByText('Show as table').click();
      await expect(timeline.getByRole('table', { name: 'Posts and comments per month' })).toBeVisible();
      await timeline.getByRole('button', { name: /^May 2014/ }).focus();
    },
    close: async ({ page }) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Library timeline' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Timeline' })).toBeFocused();
    },
  },
  {
    name: 'shortcut-sheet',
    open: async ({ page }) => {
      await openPost(page, /Omnishambles Update 48/);
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    },
    close: async ({ page }) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
    },
  },
  {
    name: 'text-settings',
    open: async ({ page }) => {
      await expect(heading(page)).toHaveText('Latest From Napo 188');
      await page.getByRole('button', { name: /Text$/ }).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog', { name: 'Text settings' })).toBeVisible();
    },
    close: async ({ page }) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Text settings' })).toHaveCount(0);
    },
  },
  {
    name: 'export-dialog',
    open: async ({ page }) => {
      await openPost(page, /Omnishambles Update 48/);
      await page.getByRole('button', { name: 'Export thread…' }).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog', { name: 'Export thread' })).toBeVisible();
    },
    close: async ({ page }) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Export thread' })).toHaveCount(0);
    },
  },
  {
    name: 'read-state',
    // Nothing read by dwell while the view is set up: only what the keys mark.
    before: async (page) => {
      await page.addInitScript(() => Object.assign(window, { threadlineDwellMs: 3_600_000 }));
    },
    open: async ({ page }) => {
      await openPost(page, /Omnishambles Update 48/);
      // A comment marked read by key, the list filtered to unread posts, the Mark read choices open.
      await page.locator('#post-title').focus();
      await page.keyboard.press('j');
      await expect(page.locator('[id="comment-1"]')).toBeFocused();
      await page.keyboard.press('m');
      await expect(
        page.getByRole('article', { name: 'Comment 1', exact: true }).getByRole('button', { name: 'Mark unread' }),
      ).toBeVisible();
      const filter = page.getByRole('group', { name: 'Show posts' });
      await filter.getByRole('button', { name: /^Unread/ }).focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('region', { name: 'Read state' })
        .getByRole('button', { name: /^Mark read/ })
        .focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('group', { name: 'Mark read' })).toBeVisible();
    },
    close: async ({ page }) => {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('group', { name: 'Mark read' })).toHaveCount(0);
    },
  },
  {
    name: 'selection-mode',
    open: async ({ page }) => {
      await openPost(page, /Omnishambles Update 48/);
      await page.locator('#post-title').focus();
      await page.keyboard.press('j');
      await page.keyboard.press('v');
      await expect(page.locator('.selection-mode-hint')).toBeVisible();
      await page.keyboard.press('s');
      await expect(page.getByRole('toolbar', { name: 'Annotate the selection' })).toBeVisible();
    },
    close: async ({ page }) => {
      await page.keyboard.press('Escape');
    },
  },
];

for (const view of VIEWS) {
  test(`axe: the ${view.name} view has no WCAG 2.2 AA violations in light, dark and forced colours`, async ({
    page,
    openApp,
    shoot,
  }) => {
    // Three whole-page axe runs and three screenshots: well past the default 30 s on a busy machine.
    test.setTimeout(120_000);
    await view.before?.(page);
    const harness = await openApp(await view.library?.());
    await view.open({ page, harness });
    await expectFocusNotLost(page, `opening the ${view.name} view`);
    await expectAccessibleInAllModes(page, view.name, { shoot });
    if (view.close) {
      await view.close({ page, harness });
      await expectFocusNotLost(page, `closing the ${view.name} view`);
    }
  });
}
