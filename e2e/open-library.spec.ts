import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus } from '../scripts/corpus.ts';
import { expect, test } from './fixtures';

test('dropping a folder on the window opens it as a library', async ({ page, openApp, shoot }) => {
  const library = await mkdtemp(join(tmpdir(), 'threadline-drop-'));
  try {
    await writeFile(
      join(library, 'one.txt'),
      'Tuesday, 1 July 2014\n\nDropped Library Post\n\nText.\n\nNo comments:\n',
    );
    await openApp({ droppedPaths: { 'dropped-folder': library, 'gone-folder': join(library, 'gone') } });
    const drop = async (name: string) => {
      const data = await page.evaluateHandle((fileName) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([''], fileName));
        return transfer;
      }, name);
      await page.dispatchEvent('body', 'dragenter', { dataTransfer: data });
      await expect(page.getByRole('status').filter({ hasText: 'Drop a folder of saved posts' })).toBeVisible();
      await shoot('21-drop-overlay');
      await page.dispatchEvent('body', 'drop', { dataTransfer: data });
    };
    await drop('dropped-folder');
    await expect(
      page.getByRole('navigation', { name: 'Posts' }).getByRole('button', { name: /Dropped Library Post/ }),
    ).toBeVisible();
    // Something the system gives no path for: the window says what to do instead.
    await drop('mystery');
    await expect(page.getByRole('alert')).toContainText(
      'Opening "mystery" failed: the system did not say where it is. Use File → Open Folder… instead.',
    );
    // A folder that is gone by the time it is dropped is refused, and the open library stays.
    await drop('gone-folder');
    await expect(page.getByRole('alert')).toContainText(
      `Opening library failed: ${join(library, 'gone')} does not exist. Choose another folder.`,
    );
    await expect(
      page.getByRole('navigation', { name: 'Posts' }).getByRole('button', { name: /Dropped Library Post/ }),
    ).toBeVisible();
    // Page code has no call that names a path to open.
    const calls = await page.evaluate(() => Object.keys(window.threadline ?? {}));
    expect(calls).not.toContain('library.open');
    expect(calls).toEqual(expect.arrayContaining(['library.chooseFolder', 'library.openRecent', 'openDropped']));
  } finally {
    await rm(library, { recursive: true, force: true });
  }
});

test('opening a big library shows progress with Cancel, and the list arrives before the search index', async ({
  page,
  openApp,
  shoot,
}) => {
  const library = await mkdtemp(join(tmpdir(), 'threadline-progress-'));
  try {
    await writeCorpus({ posts: 400, out: library, seed: 7, longThread: 0 });
    const harness = await openApp();
    const opening = harness.service.openLibrary(library);
    const status = page.locator('.index-progress');
    await expect(status).toBeVisible();
    await shoot('22-progress');
    await opening;
    await expect(page.getByRole('toolbar').or(page.locator('.toolbar')).first()).toContainText('400 posts');
    await harness.service.whenIndexed();
    await expect(status).toBeHidden();
  } finally {
    await rm(library, { recursive: true, force: true });
  }
});
