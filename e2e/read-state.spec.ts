import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible } from './axe';
import type { Page } from '@playwright/test';
import { startHarness, SEEDS_DIR } from './harness/harness';
import { expect, SCREENSHOTS, test } from './fixtures';

const NAPO = /Latest From Napo 188/;
const OMNI = /Omnishambles Update 48/;
const JUNE = /Hostel Places in June/;
const OMNI_FILE = '004_72f7fc2b7a245681.txt';

/** A post of our own, in another month and year: two comments, all unread until opened. */
const JUNE_POST = `Friday, 10 June 2016

Hostel Places in June

The approved premises in the county have fewer beds free than at any time this year.

2 comments:

  1. Our team has been waiting three weeks for a bed for one man.

    ReplyDelete
  2. Same in the city. The referrals just sit in a queue.

    ReplyDelete
`;

/** Two comments added at the top of a thread, numbered 1 and 2, the rest renumbered after them (a re-saved page). */
function withTwoAtTheTop(text: string): string {
  const count = /^(\d+) comments:\n\n/m.exec(text)!;
  const start = count.index + count[0].length;
  const added =
    '  1. Word from the North West: the CRC staff there were told on Friday that the transfer date has moved again.\n\n    ReplyDelete\n' +
    '  2. Same in the Midlands. Nobody can say which cases go where, and the team meeting was cancelled twice.\n\n    ReplyDelete\n';
  const rest = text.slice(start).replace(/^ {2}(\d+)\. /gm, (_m, n: string) => `  ${Number(n) + 2}. `);
  return `${text.slice(0, count.index)}${Number(count[1]) + 2} comments:\n\n${added}${rest}`;
}

const postButton = (page: Page, title: RegExp) =>
  page.getByRole('navigation', { name: 'Posts' }).getByRole('button', { name: title });

/** The unread count the post list gives a post (0 when it shows none: all read). */
async function unreadOf(page: Page, title: RegExp): Promise<number> {
  const text = (await postButton(page, title).locator('.read-counts .sr-only').allTextContents())[0] ?? '';
  return Number(/(\d+) unread/.exec(text)?.[1] ?? 0);
}

const comment = (page: Page, id: string) => page.getByRole('article', { name: `Comment ${id}`, exact: true });

test('read state: by dwell and by hand, kept across a restart, New comments of a re-saved file, filters', async ({
  page,
  browser,
  openApp,
}) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'threadline-read-'));
  const library = join(dir, 'library');
  const profileDir = join(dir, 'profile');
  try {
    await cp(SEEDS_DIR, library, { recursive: true });
    await writeFile(join(library, 'june.txt'), JUNE_POST);
    // A comment counts as read after 300 ms in view instead of 2 s.
    await page.addInitScript(() => Object.assign(window, { threadlineDwellMs: 300 }));
    const first = await openApp({ library, profileDir });
    await first.service.whenIndexed();

    // (a) The newest post opens; what stays in view is read, and its count drops. The last comment, never seen, is not.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');
    await expect.poll(() => unreadOf(page, NAPO)).toBeLessThan(16);
    await comment(page, '1').scrollIntoViewIfNeeded();
    await expect(comment(page, '1').getByRole('button', { name: 'Mark unread' })).toBeVisible();
    await expect.poll(() => unreadOf(page, NAPO)).toBeGreaterThan(0);
    const last = page.locator('.thread article.comment-body').last();
    await expect(last.getByRole('button', { name: 'Mark read', exact: true })).toHaveCount(1);
    await expect(postButton(page, JUNE)).toHaveAccessibleName(/3 unread/);
    await page.screenshot({ path: join(SCREENSHOTS, 'read-state-dwell.png') });

    // (b) A post marked read by hand, then a month from the menu above the list.
    await page.getByRole('button', { name: 'Mark post read' }).click();
    await expect(page.locator('.post-read')).toContainText('All read');
    await expect(postButton(page, NAPO)).toHaveAccessibleName(/^Read: Latest From Napo 188/);
    await postButton(page, OMNI).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
    await page.locator('.read-bar').getByRole('button', { name: 'Mark read', exact: true }).click();
    await page.getByRole('button', { name: 'Mark May 2014 read' }).click();
    await expect(page.locator('.read-bar').getByRole('button', { name: 'Mark read', exact: true })).toBeFocused();
    await expect(postButton(page, OMNI)).toHaveAccessibleName(/^Read: Omnishambles Update 48/);
    await expect(page.locator('.post-read')).toContainText('All read');
    await expect(postButton(page, JUNE)).toHaveAccessibleName(/3 unread/);
    await page.locator('.read-bar').getByRole('button', { name: 'Mark read', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Mark all posts read' })).toBeFocused();
    await page.screenshot({ path: join(SCREENSHOTS, 'read-state-list-light.png') });
    await expectAccessible(page, 'read state, light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SCREENSHOTS, 'read-state-list-dark.png') });
    await expectAccessible(page, 'read state, dark');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Mark all posts read' })).toHaveCount(0);
    await expect(page.locator('.read-bar').getByRole('button', { name: 'Mark read', exact: true })).toBeFocused();
    await page.close();
    await first.service.close();

    // (c) Started again on the same profile: the same state. Dwell is off (ten minutes) from here on.
    // A context of its own (axe needs one made with newContext).
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const again = await context.newPage();
    await again.addInitScript(() => Object.assign(window, { threadlineDwellMs: 600_000 }));
    const errors: string[] = [];
    again.on('pageerror', (error) => errors.push(error.message));
    const second = await startHarness(again, { profileDir });
    try {
      await expect(postButton(again, NAPO)).toHaveAccessibleName(/^Read: /);
      await expect(postButton(again, OMNI)).toHaveAccessibleName(/^Read: /);
      await expect(postButton(again, JUNE)).toHaveAccessibleName(/3 unread/);
      await postButton(again, JUNE).click();
      await expect(again.getByRole('heading', { level: 1 })).toHaveText('Hostel Places in June');
      await again.getByRole('button', { name: 'Mark post read' }).click();
      await expect(postButton(again, JUNE)).toHaveAccessibleName(/^Read: /);

      // (d) The older post re-saved with two comments at the top, renumbering the rest: exactly those two are New.
      await second.service.whenWatching();
      const file = join(library, OMNI_FILE);
      await writeFile(file, withTwoAtTheTop(await readFile(file, 'utf8')));
      await expect(postButton(again, OMNI)).toHaveAccessibleName(/2 unread, 2 new/);
      await expect(
        again.getByRole('group', { name: 'Show posts' }).getByRole('button', { name: /New 1/ }),
      ).toBeVisible();

      // (e) The filters: New lists only posts with New comments (and the open one).
      const filters = again.getByRole('group', { name: 'Show posts' });
      await filters.getByRole('button', { name: /^New/ }).click();
      await expect(postButton(again, NAPO)).toHaveCount(0);
      await expect(postButton(again, OMNI)).toBeVisible();
      await filters.getByRole('button', { name: /^Unread/ }).click();
      await expect(postButton(again, NAPO)).toHaveCount(0);
      await expect(postButton(again, OMNI)).toBeVisible();

      // Next unread opens the post and goes to each New comment in turn, then says nothing is left.
      await again.getByRole('button', { name: 'Next unread' }).click();
      await expect(again.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
      await expect(comment(again, '1')).toBeFocused();
      await expect(comment(again, '1')).toContainText('Word from the North West');
      await expect(again.locator('.thread .comment-header .new-tag')).toHaveText(['New', 'New']);
      await expect(comment(again, '2').locator('.new-tag')).toHaveText('New');
      // Every comment that was there before is still read: only the two New ones offer "Mark read".
      await expect(again.locator('.thread').getByRole('button', { name: 'Mark read', exact: true })).toHaveCount(2);
      await expect(comment(again, '3').getByRole('button', { name: 'Mark unread' })).toBeVisible();
      await expect.poll(() => comment(again, '1').evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(200);
      await again.screenshot({ path: join(SCREENSHOTS, 'read-state-new-light.png') });
      await expectAccessible(again, 'New comments, light');
      await again.emulateMedia({ colorScheme: 'dark' });
      await again.screenshot({ path: join(SCREENSHOTS, 'read-state-new-dark.png') });
      await expectAccessible(again, 'New comments, dark');
      await again.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
      await again.screenshot({ path: join(SCREENSHOTS, 'read-state-new-forced-colours.png') });
      await expectAccessible(again, 'New comments, forced colours');
      await again.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });

      await again.getByRole('button', { name: 'Next unread' }).click();
      await expect(comment(again, '2')).toBeFocused();
      // Reading them by hand clears New, and the count with it.
      await comment(again, '1').getByRole('button', { name: 'Mark read', exact: true }).click();
      await comment(again, '2').getByRole('button', { name: 'Mark read', exact: true }).click();
      await expect(again.locator('.thread .comment-header .new-tag')).toHaveCount(0);
      await expect(postButton(again, OMNI)).toHaveAccessibleName(/^Read: /);
      await again.getByRole('button', { name: 'Next unread' }).click();
      await expect(again.getByRole('status').filter({ hasText: 'Nothing unread below.' })).toBeVisible();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await second.service.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
