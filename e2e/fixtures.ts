import { test as base } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, startHarness, type Harness, type HarnessOptions } from './harness/harness';

export const SCREENSHOTS = join(ROOT, 'e2e/screenshots');

/** Each test opens the app itself, on the library it needs. */
export const test = base.extend<{ openApp: (options?: HarnessOptions) => Promise<Harness>; shoot: (name: string) => Promise<void> }>({
  openApp: async ({ page }, use) => {
    await use((options) => startHarness(page, options));
  },
  shoot: async ({ page }, use) => {
    await mkdir(SCREENSHOTS, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    });
  },
});

export { expect } from '@playwright/test';
