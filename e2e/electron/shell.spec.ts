import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness/harness';

/**
 * Where the Electron binary would be, read the way node_modules/electron/index.js reads it
 * but without its fallback download (which would hang on a machine with no internet).
 */
function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.describe('the Electron shell', () => {
  test.skip(
    !binary,
    'No Electron binary in node_modules/electron/dist (it is downloaded on first start, and this machine has no internet); the same core and renderer run in the Chromium harness specs.',
  );

  test('launches, titles its window Threadline and lists the bundled seeds', async () => {
    const app = await electron.launch({ executablePath: binary!, args: [join(ROOT, 'out/main/index.js'), '--no-sandbox'], cwd: ROOT });
    try {
      const window = await app.firstWindow();
      await expect(window).toHaveTitle('Threadline');
      const posts = window.getByRole('navigation', { name: 'Posts' });
      await expect(posts.getByRole('button')).toHaveText([/Latest From Napo 188/, /Omnishambles Update 48/]);
      const isolated = await window.evaluate(
        () => typeof (globalThis as { require?: unknown }).require === 'undefined' && typeof (globalThis as { process?: unknown }).process === 'undefined',
      );
      expect(isolated).toBe(true);
    } finally {
      await app.close();
    }
  });
});
