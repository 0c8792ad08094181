import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness/harness';
import { APP_ENTRY_URL } from '../../main/app/app-origin';

/**
 * Where the Electron binary would be, read the way node_modules/electron/index.js reads it
 * but without its fallback download (which would hang on a machine with no internet).
 */
export function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const NO_BINARY =
  'No Electron binary in node_modules/electron/dist (it is downloaded on first start, and this machine has no internet); the same core and renderer run in the Chromium harness specs.';

/** The app's first window, checked as a user sees it: titled Threadline, served from app://threadline, the seeds listed. */
export async function expectSeedsWindow(app: ElectronApplication): Promise<Page> {
  const window = await app.firstWindow();
  await expect(window).toHaveTitle('Threadline');
  // The built renderer comes from the app's own scheme (main/app/protocol.ts), not file://.
  expect(window.url()).toBe(APP_ENTRY_URL);
  const posts = window.getByRole('navigation', { name: 'Posts' });
  await expect(posts.getByRole('button')).toHaveText([/Latest From Napo 188/, /Omnishambles Update 48/]);
  return window;
}

/** The built main process, as `npm start` runs it. */
export const MAIN_ENTRY = join(ROOT, 'out/main/index.js');

/** Launches the built app on the user-data folder `userData`, with more arguments (a folder, a link) after it. */
export function launchApp(binary: string, userData: string, ...args: string[]): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary,
    args: [MAIN_ENTRY, '--no-sandbox', `--user-data-dir=${userData}`, ...args],
    cwd: ROOT,
  });
}
