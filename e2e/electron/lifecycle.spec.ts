import { expect, test, type ElectronApplication } from '@playwright/test';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness/harness';
import { electronBinary, launchApp, MAIN_ENTRY, NO_BINARY } from './binary';

const binary = electronBinary();

/** The app on a fresh user-data folder; extra arguments after the app's own (a folder to open). */
async function launch(userData: string, ...args: string[]): Promise<ElectronApplication> {
  return launchApp(binary!, userData, ...args);
}

const menuLabels = (app: ElectronApplication, menu: string) =>
  app.evaluate(({ Menu }, name) => {
    const item = Menu.getApplicationMenu()?.items.find((i) => i.label.replace('&', '') === name || i.role === name);
    return item?.submenu?.items.map((i) => i.label) ?? [];
  }, menu);

test.describe('the Electron lifecycle', () => {
  test.skip(!binary, NO_BINARY);

  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'threadline-lifecycle-'));
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('starts with its window at once, lists the seeds, and offers Help → Show Log Folder', async () => {
    const app = await launch(join(dir, 'profile'));
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle('Threadline');
      await expect(page.getByRole('navigation', { name: 'Posts' }).getByRole('button')).toHaveCount(2);
      expect(await menuLabels(app, 'help')).toContain('Show Log Folder');
      expect(await page.evaluate(() => 'library.open' in (window.threadline ?? {}))).toBe(false);
    } finally {
      await app.close();
    }
  });

  test('refuses a path the page makes up, and a folder that is gone, writing nothing to the profile', async () => {
    const userData = join(dir, 'profile');
    const app = await launch(userData);
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('navigation', { name: 'Posts' }).getByRole('button')).toHaveCount(2);
      // A File made in the page has no place on disk: the preload sends nothing to main.
      const made = await page.evaluate(() => window.threadline!.openDropped(new File([''], '/etc')));
      expect(made).toMatchObject({ ok: false, error: { code: 'drop-without-path' } });
      // A folder named to the File → Open Folder… dialog that is gone by then is refused with what to do.
      const gone = join(dir, 'gone');
      await app.evaluate(({ dialog }, path) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
      }, gone);
      const chosen = await page.evaluate(() => window.threadline!['library.chooseFolder']({}));
      expect(chosen).toEqual({
        ok: false,
        error: {
          code: 'library-unreadable',
          message: `Opening library failed: ${gone} does not exist. Choose another folder.`,
        },
      });
      const recent = existsSync(join(userData, 'recent-libraries.json'))
        ? readFileSync(join(userData, 'recent-libraries.json'), 'utf8')
        : '[]';
      expect(recent).not.toContain(gone);
    } finally {
      await app.close();
    }
  });

  test('a second launch hands its folder to the first window and quits', async () => {
    const userData = join(dir, 'profile');
    const library = join(dir, 'Second Library');
    cpSync(join(ROOT, 'seeds'), library, { recursive: true });
    const app = await launch(userData);
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('navigation', { name: 'Posts' }).getByRole('button')).toHaveCount(2);
      const second = spawn(binary!, [MAIN_ENTRY, '--no-sandbox', `--user-data-dir=${userData}`, library], {
        cwd: ROOT,
      });
      const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
      expect(code).toBe(0);
      await expect(page.getByRole('toolbar').or(page.locator('.toolbar')).first()).toContainText('Second Library');
    } finally {
      await app.close();
    }
  });

  test('a crashed window comes back on the post that was open, and says what happened', async () => {
    const app = await launch(join(dir, 'profile'));
    try {
      const page = await app.firstWindow();
      await page.getByRole('button', { name: /Omnishambles Update 48/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Omnishambles Update 48/);
      await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer(),
      );
      await expect(page.getByRole('alert')).toContainText('The window stopped unexpectedly');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Omnishambles Update 48/);
      const log = join(dir, 'profile', 'logs', 'threadline.log');
      await expect.poll(() => (existsSync(log) ? readFileSync(log, 'utf8') : '')).toContain('renderer process stopped');
    } finally {
      await app.close();
    }
  });
});
