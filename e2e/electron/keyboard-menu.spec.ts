import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, launchApp, expectSeedsWindow, NO_BINARY } from './binary';

const binary = electronBinary();

test.describe('the Go and Help menus', () => {
  test.skip(!binary, NO_BINARY);

  test('Go → Next Comment and Help → Keyboard Shortcuts reach the window through shell.command', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'threadline-keys-profile-'));
    const app = await launchApp(binary!, userData);
    try {
      const window = await expectSeedsWindow(app);
      await expect(window.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');
      const click = (menu: string, item: string) =>
        app.evaluate(
          ({ Menu }, [menu, item]) => {
            const top = Menu.getApplicationMenu()?.items.find((i) => i.label.replace('&', '') === menu);
            const found = top?.submenu?.items.find((i) => i.label === item);
            if (!found) throw new Error(`No ${menu} → ${item}`);
            found.click();
          },
          [menu, item] as const,
        );
      await click('Go', 'Next Comment');
      await expect(window.getByRole('article', { name: 'Comment 1', exact: true })).toBeFocused();
      await click('Go', 'Next Comment');
      await expect(window.getByRole('article', { name: 'Comment 1.1', exact: true })).toBeFocused();
      await click('Go', 'Parent Comment');
      await expect(window.getByRole('article', { name: 'Comment 1', exact: true })).toBeFocused();
      await click('Help', 'Keyboard Shortcuts');
      await expect(window.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await window.keyboard.press('Escape');
      await expect(window.getByRole('article', { name: 'Comment 1', exact: true })).toBeFocused();
    } finally {
      await app.close();
    }
  });
});
