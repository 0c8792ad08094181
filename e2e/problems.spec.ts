import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEEDS_DIR } from './harness/harness';
import { expect, test } from './fixtures';

/** A library with the two good seeds, a binary file, an empty file and a Windows-1252 one. */
async function brokenLibrary(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-broken-'));
  await cp(SEEDS_DIR, dir, { recursive: true });
  await writeFile(
    join(dir, 'broken.txt'),
    Buffer.from([0x00, 0x01, 0x02, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]),
  );
  await writeFile(join(dir, 'empty.txt'), '');
  await writeFile(
    join(dir, 'cp1252.txt'),
    Buffer.from(
      'Friday 1 March 2013\n\nPay \x96 a \xa3100 question\n\nBody \x93quoted\x94.\n\nNo comments:\n',
      'latin1',
    ),
  );
  return dir;
}

test('a folder with broken files shows the problems and still shows the good posts', async ({
  page,
  openApp,
  shoot,
}) => {
  await openApp({ library: await brokenLibrary() });
  const posts = page.getByRole('navigation', { name: 'Posts' });
  await expect(posts.getByRole('button')).toHaveText([
    /Latest From Napo 188/,
    /Omnishambles Update 48/,
    /Pay – a £100 question/,
  ]);
  const badge = page.getByRole('button', { name: /\d+ problems/ });
  await expect(badge).toHaveText('4 problems');
  await badge.click();
  const panel = page.getByRole('region', { name: 'Problems in this library' });
  // Grouped by file: the file's heading, then each kind of problem with its line.
  const file = (name: string) =>
    panel
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: new RegExp(name.replace('.', '\\.')) }) });
  await expect(file('broken.txt')).toContainText('binary data');
  await expect(file('broken.txt')).toContainText('No post could be read from this file.');
  await expect(file('empty.txt')).toContainText('the file is empty');
  await expect(file('cp1252.txt').locator('.problem')).toContainText('Windows-1252');
  await expect(file('cp1252.txt').getByRole('button', { name: 'Go to line 3' })).toBeVisible();
  await expect(file('000_edcf6b3ca6297939.txt')).toContainText('Post: Latest From Napo 188');
  await expect(file('000_edcf6b3ca6297939.txt').locator('.problem')).toContainText(
    'declares 16 comments but 15 were found',
  );
  await expect(file('000_edcf6b3ca6297939.txt').getByRole('button', { name: 'Go to line 54' })).toBeVisible();
  await shoot('05-problems');
  await posts.getByRole('button', { name: /Pay – a £100 question/ }).click();
  await expect(page.getByRole('region', { name: 'Post' })).toHaveText('Body “quoted”.');
});

test('Open Folder… opens the chosen library and a bad choice says what went wrong', async ({ page, openApp }) => {
  let choice: string | null = await brokenLibrary();
  await openApp({ chooseFolder: async () => choice });
  await page.getByRole('button', { name: 'Open Folder…' }).click();
  // The first library may still be indexing when another is opened: on a busy machine that can take seconds.
  await expect(page.getByRole('navigation', { name: 'Posts' }).getByRole('button')).toHaveCount(3, { timeout: 20_000 });
  await expect(page.getByText(/threadline-broken-\w+ · 3 posts/)).toBeVisible();
  choice = '/no/such/folder';
  await page.getByRole('button', { name: 'Open Folder…' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Opening library failed: /no/such/folder does not exist. Choose another folder.',
  );
  await expect(page.getByRole('navigation', { name: 'Posts' }).getByRole('button')).toHaveCount(3);
});
