import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { bigThreadSeed } from './big-library';
import { startHarness, SEEDS_DIR } from './harness/harness';
import { expect, SCREENSHOTS, test } from './fixtures';

/** What is at the top of the thread pane: the innermost paragraph or comment holding its top edge, and how far past its top. */
function topOfThread(page: Page) {
  return page.locator('#thread-scroller').evaluate((scroller) => {
    const edge = scroller.getBoundingClientRect().top + scroller.clientTop;
    let found = { id: '', offset: scroller.scrollTop };
    for (const element of scroller.querySelectorAll<HTMLElement>('[id^="post-block-"], [id^="comment-"]')) {
      const rect = element.getBoundingClientRect();
      if (rect.height > 0 && rect.top - edge <= 0.5 && !element.id.startsWith('comments-'))
        found = { id: element.id, offset: Math.round(edge - rect.top) };
    }
    return found;
  });
}

/** The reading-place file as JSON; an empty object while it is missing or not whole. */
const readPlaceFile = async (profileDir: string): Promise<unknown> => {
  try {
    return JSON.parse(await readFile(join(profileDir, 'reading-place.json'), 'utf8'));
  } catch {
    return {};
  }
};

/**
 * What is at the top of the thread pane, read as `expected` when it is the same paragraph at the same offset give
 * or take a pixel (element tops are fractional, scroll offsets are not).
 */
async function topNear(page: Page, expected: { id: string; offset: number }) {
  const top = await topOfThread(page);
  return top.id === expected.id && Math.abs(top.offset - expected.offset) <= 1 ? expected : top;
}

const paneWidth = async (page: Page) => Math.round((await page.locator('.pane-posts').boundingBox())!.width);

test('a restart reopens the last library at the same post, scrolled to the same place, with the panes as they were', async ({
  page,
  browser,
  openApp,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-place-'));
  const library = join(dir, 'Probation Archive');
  await cp(SEEDS_DIR, library, { recursive: true });
  const profileDir = join(dir, 'profile');
  const first = await openApp({ library, profileDir });

  // Read the older post, part way through its comments.
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('button', { name: /Omnishambles Update 48/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
  await page.locator('#thread-scroller').evaluate((scroller) => {
    scroller.scrollTop = Math.round(scroller.scrollHeight / 2);
  });
  // Widen the post list by dragging its separator.
  const separator = page.locator('.separator').first();
  const box = (await separator.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 140, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const width = await paneWidth(page);
  const top = await topOfThread(page);
  const [, commentId, line] = /^comment-([\d.]+)(?:-p(\d+))?$/.exec(top.id)!;
  expect(top.offset).toBeGreaterThan(0);

  // Kept in the profile once the reader has stopped scrolling for a moment.
  const place = { postId: '2014-05-07-omnishambles-update-48', commentId, offset: top.offset };
  await expect
    .poll(() => readPlaceFile(profileDir))
    .toMatchObject({
      lastLibrary: library,
      places: [{ root: library, place: line === undefined ? place : { ...place, line: Number(line) } }],
      panes: { posts: expect.any(Number) },
    });
  await page.close();
  await first.service.close();

  // The app started again on the same profile, with no folder named: as the reader left it.
  const again = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const errors: string[] = [];
  again.on('pageerror', (error) => errors.push(error.message));
  const second = await startHarness(again, { profileDir });
  try {
    await expect(again.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
    await expect(again.getByRole('toolbar').or(again.locator('.toolbar')).first()).toContainText('Probation Archive');
    await expect.poll(() => topNear(again, top)).toEqual(top);
    await expect.poll(() => paneWidth(again)).toBe(width);
    await again.screenshot({ path: join(SCREENSHOTS, 'reading-place-restored.png') });
    expect(errors).toEqual([]);
  } finally {
    await again.close();
    await second.service.close();
  }
});

test('a damaged reading-place file is ignored: the app opens the bundled library at its newest post', async ({
  page,
  openApp,
}) => {
  const profileDir = await mkdtemp(join(tmpdir(), 'threadline-place-damaged-'));
  await writeFile(join(profileDir, 'reading-place.json'), '{"version":1,"lastLibrary":"/nowhere","pan');
  await openApp({ profileDir });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');
  // Replaced by a good one as soon as the reader's place changes.
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('button', { name: /Omnishambles Update 48/ })
    .click();
  await expect
    .poll(() => readPlaceFile(profileDir))
    .toMatchObject({ version: 1, places: [{ place: { postId: '2014-05-07-omnishambles-update-48' } }] });
});

test('deep in a 2,000-comment thread, a restart comes back to the same comment, though the rows above it were never rendered', async ({
  page,
  browser,
  openApp,
}) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'threadline-place-long-'));
  try {
    const library = join(dir, 'library');
    await cp(SEEDS_DIR, library, { recursive: true });
    await writeFile(join(library, '100_longest-thread.txt'), bigThreadSeed(2000));
    const profileDir = join(dir, 'profile');
    const first = await openApp({ library, profileDir });
    await page
      .getByRole('navigation', { name: 'Posts' })
      .getByRole('button', { name: /The Longest Thread/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The Longest Thread');
    await expect(page.getByText(/^Loading comments/)).toHaveCount(0);
    // Jump two thirds of the way down, then let the list settle.
    await page.locator('#thread-scroller').evaluate((scroller) => {
      scroller.scrollTop = Math.round((scroller.scrollHeight * 2) / 3);
    });
    await expect.poll(() => topOfThread(page), { intervals: [300] }).toEqual(await topOfThread(page));
    const top = await topOfThread(page);
    const commentId = /^comment-(\d+)/.exec(top.id)?.[1];
    expect(Number(commentId)).toBeGreaterThan(1000);
    await expect
      .poll(() => readPlaceFile(profileDir))
      .toMatchObject({
        places: [
          {
            place: {
              postId: expect.stringMatching(/longest-thread/),
              commentId: expect.stringMatching(new RegExp(`^${commentId}`)),
              offset: top.offset,
            },
          },
        ],
      });
    await page.close();
    await first.service.close();

    const again = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const second = await startHarness(again, { profileDir });
    try {
      await expect(again.getByRole('heading', { level: 1 })).toHaveText('The Longest Thread');
      await expect.poll(() => topNear(again, top)).toEqual(top);
      // Only the rows near it are rendered: it was reached through the list, not by rendering everything.
      expect(await again.locator('article.comment-body').count()).toBeLessThan(200);
      await again.screenshot({ path: join(SCREENSHOTS, 'reading-place-long-thread.png') });
    } finally {
      // The page first: its last place is sent as it goes, and the service waits for that write.
      await again.close();
      await second.service.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
