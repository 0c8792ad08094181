import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeCorpus } from '../scripts/corpus.ts';
import { expect, test } from './fixtures';

test('the window opens at once and says which library is on its way', async ({ page, openApp, shoot }) => {
  const library = await mkdtemp(join(tmpdir(), 'threadline-behind-'));
  try {
    await writeCorpus({ posts: 1500, out: library, seed: 11, longThread: 0 });
    await openApp({ library, openBehind: true });
    const status = page.getByRole('status').filter({ hasText: `Opening “${basename(library)}”…` });
    await expect(status).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await shoot('42-opening-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('43-opening-dark');
    await expect(page.getByRole('toolbar').or(page.locator('.toolbar')).first()).toContainText('1500 posts');
    await expect(status).toBeHidden();
  } finally {
    await rm(library, { recursive: true, force: true });
  }
});

const CRASH_NOTICE =
  'The window stopped unexpectedly (crashed) and was opened again on the post you were reading. Nothing you saved was lost.';

test('a crashed window comes back on the post that was open, and says what happened', async ({
  page,
  openApp,
  shoot,
}) => {
  const harness = await openApp();
  const posts = page.getByRole('navigation', { name: 'Posts' });
  await posts.getByRole('button', { name: /Omnishambles Update 48/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Omnishambles Update 48/);
  // What main does when the renderer process is gone (main/app/failures.ts): the notice waits for the reload.
  await expect.poll(() => harness.service.session.resume().postId).toBe(null);
  harness.service.session.failed(
    `${CRASH_NOTICE} If it keeps happening, Help → Show Log Folder has the details.`,
    true,
  );
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Omnishambles Update 48/);
  const notice = page.getByRole('alert');
  await expect(notice).toContainText(CRASH_NOTICE);
  await shoot('40-crash-notice-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('41-crash-notice-dark');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
  // An ordinary reload opens the first post, and says nothing.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Latest From Napo 188/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a failure in main while the window is up is told at once', async ({ page, openApp }) => {
  const harness = await openApp();
  await expect(page.getByRole('navigation', { name: 'Posts' }).getByRole('button')).toHaveCount(2);
  harness.service.session.failed('A helper process of Threadline (GPU) stopped (oom); Threadline carries on.', false);
  await expect(page.getByRole('alert')).toContainText('A helper process of Threadline (GPU) stopped (oom)');
});
