import { test as base } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, startHarness, type Harness, type HarnessOptions } from './harness/harness';

export const SCREENSHOTS = join(ROOT, 'e2e/screenshots');

interface Fixtures {
  /** Opens the app on a library (the bundled seeds by default). */
  openApp: (options?: HarnessOptions) => Promise<Harness>;
  /** Saves a screenshot under e2e/screenshots/ (git-ignored) to look at. */
  shoot: (name: string) => Promise<void>;
  /** Fails the test on any page error, console error or CSP violation. */
  pageErrors: void;
}

export const test = base.extend<Fixtures>({
  openApp: async ({ page }, use) => {
    const opened: Harness[] = [];
    await use(async (options) => {
      const harness = await startHarness(page, options);
      opened.push(harness);
      return harness;
    });
    // Stop each harness's parse workers and close its index.
    for (const harness of opened) await harness.service.close();
  },
  shoot: async ({ page }, use) => {
    await mkdir(SCREENSHOTS, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    });
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
      });
      await use();
      base.expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
