import { expect, test, type ElectronApplication } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness/harness';
import { electronBinary, launchApp } from './binary';

const binary = electronBinary();

/** Starts the app on a user-data folder, with a library folder on the command line or none. */
const launch = (userData: string, ...folder: string[]) => launchApp(binary!, userData, ...folder);

/** The reader window's normal bounds and maximised state, as main sees them. */
const windowOf = (app: ElectronApplication) =>
  app.evaluate(({ BrowserWindow }) => {
    const window = BrowserWindow.getAllWindows()[0]!;
    return { bounds: window.getNormalBounds(), maximised: window.isMaximized() };
  });

test.describe('the Electron shell remembers', () => {
  test.skip(
    !binary,
    'No Electron binary in node_modules/electron/dist (it is downloaded on first start, and this machine has no internet); the window clamping is unit-tested (main/app/window-state.test.ts) and the reading place runs in the Chromium harness (e2e/reading-place.spec.ts).',
  );

  test('the window, the last library and the post read, after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-shell-place-'));
    const library = join(dir, 'Probation Archive');
    cpSync(join(ROOT, 'seeds'), library, { recursive: true });
    const userData = join(dir, 'profile');
    try {
      const first = await launch(userData, library);
      const bounds = { x: 40, y: 30, width: 1000, height: 700 };
      try {
        const window = await first.firstWindow();
        await window.getByRole('button', { name: /Omnishambles Update 48/ }).click();
        await expect(window.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
        await first.evaluate(({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]!.setBounds(b), bounds);
        await expect
          .poll(
            () =>
              existsSync(join(userData, 'reading-place.json')) &&
              readFileSync(join(userData, 'reading-place.json'), 'utf8'),
          )
          .toContain('2014-05-07-omnishambles-update-48');
      } finally {
        await first.close();
      }
      // As the window manager placed it (it may nudge a window clear of its panels).
      const saved = JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'));
      expect(saved).toMatchObject({ version: 1, maximised: false });
      expect(Math.abs(saved.bounds.width - bounds.width) + Math.abs(saved.bounds.height - bounds.height)).toBeLessThan(
        80,
      );

      // No folder named this time: the one open last, at the post read, where the window was.
      const second = await launch(userData);
      try {
        const window = await second.firstWindow();
        await expect(window.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
        await expect(window.locator('.toolbar').first()).toContainText('Probation Archive');
        expect(await windowOf(second)).toEqual({ bounds: saved.bounds, maximised: false });
        await second.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.maximize());
        await expect.poll(async () => (await windowOf(second)).maximised).toBe(true);
      } finally {
        await second.close();
      }

      // Maximised again, and un-maximising goes back to where it was.
      const third = await launch(userData);
      try {
        await third.firstWindow();
        await expect.poll(async () => (await windowOf(third)).maximised).toBe(true);
        expect((await windowOf(third)).bounds).toEqual(saved.bounds);
      } finally {
        await third.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
