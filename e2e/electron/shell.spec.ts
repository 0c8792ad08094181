import { expect, test } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness/harness';
import { SHARDS } from '../../main/core/index/schema';
import { electronBinary, launchApp, expectSeedsWindow, NO_BINARY } from './binary';

const binary = electronBinary();

test.describe('the Electron shell', () => {
  test.skip(!binary, NO_BINARY);

  test('launches, titles its window Threadline and lists the bundled seeds', async () => {
    // A fresh profile: the app reopens the library of the last run, which on a developer's machine may be another.
    const userData = mkdtempSync(join(tmpdir(), 'threadline-shell-profile-'));
    const app = await launchApp(binary!, userData);
    try {
      const window = await expectSeedsWindow(app);
      const isolated = await window.evaluate(
        () =>
          typeof (globalThis as { require?: unknown }).require === 'undefined' &&
          typeof (globalThis as { process?: unknown }).process === 'undefined',
      );
      expect(isolated).toBe(true);
    } finally {
      await app.close();
    }
  });

  test('opens a folder named on the command line, keeps its index in the user-data folder and lists it under File → Open Recent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-shell-'));
    const library = join(dir, 'My Library');
    cpSync(join(ROOT, 'seeds'), library, { recursive: true });
    const userData = join(dir, 'profile');
    const app = await launchApp(binary!, userData, library);
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('navigation', { name: 'Posts' }).getByRole('button')).toHaveCount(2);
      const where = await app.evaluate(({ app }) => app.getPath('userData'));
      // One index (with its full-text shards beside it, main/core/index/schema.ts) in the user-data folder.
      await expect
        .poll(() =>
          existsSync(join(where, 'index'))
            ? readdirSync(join(where, 'index')).filter((f) => /^[0-9a-f]{16}\.sqlite$/.test(f)).length
            : 0,
        )
        .toBe(1);
      expect(readdirSync(join(where, 'index')).filter((f) => /\.text-\d\.sqlite$/.test(f))).toHaveLength(SHARDS);
      const recent = await app.evaluate(({ Menu }) => {
        const file = Menu.getApplicationMenu()?.items.find((item) => item.label.replace('&', '') === 'File');
        const open = file?.submenu?.items.find((item) => item.label === 'Open Recent');
        return open?.submenu?.items.map((item) => item.label) ?? [];
      });
      expect(recent.some((label) => label.startsWith('My Library — '))).toBe(true);
      // The drop target's opener is exposed (it takes a File, never a path), and nothing else of Node is.
      expect(
        await window.evaluate(
          () => typeof (globalThis as { threadline?: { openDropped?: unknown } }).threadline?.openDropped,
        ),
      ).toBe('function');
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('File → Export Annotations writes the highlights of the user-data annotations file where the save dialog says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-shell-annot-'));
    const userData = join(dir, 'profile');
    const target = join(dir, 'exported.md');
    const app = await launchApp(binary!, userData);
    try {
      const window = await app.firstWindow();
      await window.getByRole('button', { name: /Omnishambles Update 48/ }).click();
      const added = await window.evaluate(() =>
        (window as unknown as { threadline: Record<string, (p: unknown) => Promise<{ ok: boolean }>> }).threadline[
          'annotations.add'
        ]!({
          postId: '2014-05-07-omnishambles-update-48',
          part: 'body',
          kind: 'highlight',
          start: 11,
          end: 39,
          note: 'from the shell',
        }),
      );
      expect(added.ok).toBe(true);
      expect(existsSync(join(userData, 'annotations.sqlite'))).toBe(true);
      // The save dialog answers with the target; then the menu item is clicked.
      await app.evaluate(({ dialog }, path) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog;
      }, target);
      await app.evaluate(({ Menu }) => {
        const file = Menu.getApplicationMenu()?.items.find((item) => item.label.replace('&', '') === 'File');
        file?.submenu?.items.find((item) => item.label === 'Export Annotations as Markdown…')?.click();
      });
      await expect
        .poll(() => (existsSync(target) ? readFileSync(target, 'utf8') : ''))
        .toContain('> the latest from Pat Waterman');
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
