import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ROOT } from './harness/harness';

test('a file changed, added or removed on disk shows up in the open window', async ({ page, openApp, shoot }) => {
  const library = await mkdtemp(join(tmpdir(), 'threadline-live-'));
  try {
    await cp(join(ROOT, 'seeds'), library, { recursive: true });
    const harness = await openApp({ library });
    await harness.service.whenWatching();
    const posts = page.getByRole('navigation', { name: 'Posts' });
    await page.getByRole('button', { name: /Omnishambles Update 48/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');

    // An edit to the open post: the text changes in place.
    const file = join(library, '004_72f7fc2b7a245681.txt');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace('If I was a trainee probation officer', 'If I were a trainee probation officer'),
    );
    await expect(page.getByRole('article', { name: 'Comment 1', exact: true })).toContainText(
      'If I were a trainee probation officer',
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');

    // A new file: it joins the list.
    await writeFile(
      join(library, 'late.txt'),
      'Tuesday, 1 July 2014\n\nA Post That Arrived Later\n\nNew text.\n\nNo comments:\n',
    );
    await expect(posts.getByRole('button', { name: /A Post That Arrived Later/ })).toBeVisible();
    await shoot('20-live-update');

    // Removed: it leaves the list.
    await rm(join(library, 'late.txt'));
    await expect(posts.getByRole('button', { name: /A Post That Arrived Later/ })).toHaveCount(0);
  } finally {
    await rm(library, { recursive: true, force: true });
  }
});
