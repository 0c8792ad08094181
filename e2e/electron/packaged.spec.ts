import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../harness/harness';
import { electronBinary, expectSeedsWindow, NO_BINARY } from './binary';

const binary = electronBinary();

/**
 * The installed app as electron-builder lays it out (`--dir`: what the AppImage and deb wrap), started
 * from its own binary: app.asar, the unpacked worker and SQLite, the fuses. Packaging builds better-sqlite3
 * for Electron (scripts/after-pack.mjs), which needs Electron's headers from the internet, as a machine
 * that could download the Electron binary has.
 */
test.describe('the packaged app', () => {
  test.skip(!binary, NO_BINARY);
  test.skip(process.platform !== 'linux', 'The packaged-app spec packages for Linux, the platform CI runs on.');
  test.setTimeout(600_000);

  test('starts from its own binary, serves app://threadline and indexes the bundled seeds', async () => {
    const work = mkdtempSync(join(tmpdir(), 'threadline-packaged-'));
    try {
      execFileSync(
        'npx',
        [
          'electron-builder',
          '--linux',
          'dir',
          `-c.electronDist=${dirname(binary!)}`,
          `-c.directories.output=${join(work, 'dist')}`,
        ],
        { cwd: ROOT, stdio: 'inherit' },
      );
      const executable = join(work, 'dist/linux-unpacked/threadline');
      expect(existsSync(executable)).toBe(true);
      const app = await electron.launch({
        executablePath: executable,
        args: ['--no-sandbox', `--user-data-dir=${join(work, 'profile')}`],
      });
      try {
        const window = await expectSeedsWindow(app);
        // Search needs the second pass, which the unpacked parse worker writes with the Electron build of SQLite.
        await window.keyboard.press('Control+K');
        await window.keyboard.type('tipping point');
        await expect(window.getByText(/matches? in 1 post/)).toBeVisible({ timeout: 30_000 });
      } finally {
        await app.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
