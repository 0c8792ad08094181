/**
 * `npm run preview`: the real reader in a headed Chromium window, backed by the real core
 * through the harness — for using Threadline here, where Electron's binary is missing.
 * Usage: npm run preview [-- <library folder>]
 */
import { chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { SEEDS_DIR, startHarness } from './harness';

assertChromium();
if (!process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'] && process.platform === 'linux') {
  console.error(
    'Starting the preview failed: there is no display (DISPLAY is not set). Run it in a desktop session, or under xvfb-run.',
  );
  process.exit(1);
}
const library = process.argv[2] ? resolve(process.argv[2]) : SEEDS_DIR;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: false });
const page = await browser.newPage({ viewport: null });
const harness = await startHarness(page, { library });
console.log(`Threadline preview on ${library}. Close the window to stop.`);
page.on('close', () => {
  if (harness.openedLinks.length)
    console.log(`Links the app asked to open in the system browser:\n${harness.openedLinks.join('\n')}`);
  void browser.close().then(() => process.exit(0));
});
