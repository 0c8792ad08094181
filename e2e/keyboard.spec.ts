import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { bigThreadSeed } from './big-library';
import { SEEDS_DIR } from './harness/harness';
import { expect, test } from './fixtures';

/** Each binding of the keymap on the seeds, the menu's commands, and the shortcut sheet. */

const NAPO = 'Latest From Napo 188';
const OMNI = 'Omnishambles Update 48';

const focusedId = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return 'BODY';
    return active.id || active.className || active.tagName;
  });

async function expectFocus(page: Page, id: string | RegExp) {
  await expect.poll(() => focusedId(page)).toEqual(typeof id === 'string' ? id : expect.stringMatching(id));
}

const title = (page: Page) => page.getByRole('heading', { level: 1 });

async function toThread(page: Page) {
  await expect(title(page)).toHaveText(NAPO);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expectFocus(page, 'post-title');
}

test('J/K and ]/[ step through the posts in list order; o and Enter open the post chosen in the list', async ({
  page,
  openApp,
}) => {
  await openApp();
  await toThread(page);
  await page.keyboard.press('Shift+J');
  await expect(title(page)).toHaveText(OMNI);
  await expectFocus(page, 'post-title');
  await page.keyboard.press('Shift+K');
  await expect(title(page)).toHaveText(NAPO);
  await page.keyboard.press(']');
  await expect(title(page)).toHaveText(OMNI);
  await page.keyboard.press('[');
  await expect(title(page)).toHaveText(NAPO);

  // In the list: arrows choose, o opens, the focus stays on the post.
  await page.keyboard.press('Shift+F6');
  await expect(page.locator('.post-item[aria-current="true"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('o');
  await expect(title(page)).toHaveText(OMNI);
  await expect(page.locator('.post-item[aria-current="true"]')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(title(page)).toHaveText(NAPO);
  await expect(page.locator('.post-item[aria-current="true"]')).toBeFocused();
  // J from the list keeps the focus in the list.
  await page.keyboard.press('Shift+J');
  await expect(title(page)).toHaveText(OMNI);
  await expect(page.locator('.post-item[aria-current="true"]')).toBeFocused();
});

test('Space pages the thread down and, at its bottom, goes to the next post with something unread', async ({
  page,
  openApp,
}) => {
  await openApp();
  await toThread(page);
  const scroller = page.locator('#thread-scroller');
  const top = () => scroller.evaluate((el) => el.scrollTop);
  await page.keyboard.press('Space');
  await expect.poll(top).toBeGreaterThan(100);
  for (let i = 0; i < 60 && (await title(page).textContent()) === NAPO; i++) {
    await page.keyboard.press('Space');
    await expect.poll(() => focusedId(page)).not.toBe('BODY');
  }
  await expect(title(page)).toHaveText(OMNI);
  // Nothing of it is read yet: its text's first paragraph is the first unread part.
  await expectFocus(page, /^post-block-/);
  await expect(page.locator('.post-body [id^="post-block-"]').first()).toBeFocused();
});

test('C collapses every reply and shows them again; c on a reply hides its siblings and moves to its comment', async ({
  page,
  openApp,
}) => {
  await openApp();
  await toThread(page);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expectFocus(page, 'comment-1.1');
  await page.keyboard.press('c');
  await expectFocus(page, 'comment-1');
  await expect(page.locator('[id="comment-1.1"]')).toHaveCount(0);
  await page.keyboard.press('c');
  await expect(page.locator('[id="comment-1.1"]')).toBeVisible();
  await page.keyboard.press('Shift+C');
  await expect(page.locator('article.comment-body[aria-description]')).toHaveCount(0);
  await expect(page.locator('button.collapse[aria-expanded="true"]')).toHaveCount(0);
  await page.keyboard.press('Shift+C');
  await expect(page.locator('article.comment-body[aria-description]')).toHaveCount(4);
});

test('F6 and Shift+F6 cycle the panes; Esc closes the annotations panel and the find bar', async ({
  page,
  openApp,
}) => {
  await openApp();
  await toThread(page);
  await page.keyboard.press('F6');
  await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('.pane-articles')))).toBe(true);
  await page.keyboard.press('F6');
  await expect(page.locator('.post-item[aria-current="true"]')).toBeFocused();
  await page.keyboard.press('F6');
  await expectFocus(page, 'post-title');
  await page.keyboard.press('Shift+F6');
  await expect(page.locator('.post-item[aria-current="true"]')).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('.pane-articles')))).toBe(true);

  // The annotations panel takes the third pane's place; F6 reaches it; Esc there closes it, the focus back.
  await page.keyboard.press('Shift+F6');
  await expectFocus(page, 'post-title');
  await page.keyboard.press('Control+Shift+A');
  await expect(page.getByRole('complementary', { name: 'Annotations' })).toBeVisible();
  // The panel takes the focus as it opens; F6 goes on to the posts, Shift+F6 comes back to it.
  await expect
    .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('.pane-annotations'))))
    .toBe(true);
  await page.keyboard.press('F6');
  await expect(page.locator('.post-item[aria-current="true"]')).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect
    .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('.pane-annotations'))))
    .toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Annotations' })).toHaveCount(0);
  await expect.poll(() => focusedId(page)).not.toBe('BODY');

  // Ctrl+F, F3 and Shift+F3 still work; Esc closes the bar and the focus goes back.
  await page.keyboard.press('j');
  await expectFocus(page, 'comment-1');
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('textbox', { name: 'Find in this post' })).toBeFocused();
  await page.keyboard.type('probation');
  await expect(page.locator('.find-bar')).toContainText(/\d+ of \d+/);
  const at = Number(/(\d+) of/.exec((await page.locator('.find-bar').textContent()) ?? '')![1]);
  await page.keyboard.press('F3');
  await expect(page.locator('.find-bar')).toContainText(`${at + 1} of`);
  await page.keyboard.press('Shift+F3');
  await expect(page.locator('.find-bar')).toContainText(`${at} of`);
  await page.keyboard.press('Escape');
  await expect(page.locator('.find-bar')).toHaveCount(0);
  await expectFocus(page, 'comment-1');
});

test('/ and Ctrl+K open the search; Esc closes it and the focus goes back', async ({ page, openApp }) => {
  await openApp();
  await toThread(page);
  await page.keyboard.press('j');
  // The search gives the focus back to where it was when it opened: once j has landed.
  await expectFocus(page, 'comment-1');
  await page.keyboard.press('/');
  await expect(page.getByRole('dialog', { name: 'Search the library' })).toBeVisible();
  // j is typed in the search box, not a move.
  await page.keyboard.press('j');
  await expect(page.locator(':focus')).toHaveValue('j');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Search the library' })).toHaveCount(0);
  await expectFocus(page, 'comment-1');
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Search the library' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expectFocus(page, 'comment-1');
  // In a text field, / is a character.
  await page.keyboard.press('Control+f');
  await page.keyboard.type('and/or');
  await expect(page.getByRole('textbox', { name: 'Find in this post' })).toHaveValue('and/or');
  await expect(page.getByRole('dialog', { name: 'Search the library' })).toHaveCount(0);
});

test('? opens the shortcut sheet from the keymap: grouped, focus kept inside, Esc closes it where it was', async ({
  page,
  openApp,
  shoot,
}) => {
  await openApp();
  await toThread(page);
  await page.keyboard.press('j');
  await expectFocus(page, 'comment-1');
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('heading', { level: 3 })).toHaveText([
    'Comments',
    'Reading',
    'Posts',
    'Panes',
    'Search and find',
    'Annotations',
    'Help',
    'Selection mode',
  ]);
  await expect(sheet.getByText('Next comment', { exact: true })).toBeVisible();
  await expect(sheet.locator('.shortcut-row', { hasText: 'Top of the thread' })).toContainText('g then g');
  // Tab goes round inside the sheet.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('.shortcut-sheet'))))
      .toBe(true);
  }
  // j does nothing under the sheet.
  await page.keyboard.press('j');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.shortcut-sheet')))).toBe(true);
  await shoot('keyboard-1-shortcut-sheet-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('keyboard-2-shortcut-sheet-dark');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expectFocus(page, 'comment-1');

  // The toolbar's button opens it too, and the focus goes back to the button.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
  await page.keyboard.press('Enter');
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
});

test('the menu’s commands run the keymap’s bindings (Go, Help → Keyboard Shortcuts)', async ({ page, openApp }) => {
  const harness = await openApp();
  await toThread(page);
  await harness.sendCommand('thread.next');
  await expectFocus(page, 'comment-1');
  await harness.sendCommand('thread.next');
  await expectFocus(page, 'comment-1.1');
  await harness.sendCommand('thread.parent');
  await expectFocus(page, 'comment-1');
  await harness.sendCommand('thread.bottom');
  await expectFocus(page, 'comment-11');
  await harness.sendCommand('thread.top');
  await expectFocus(page, 'post-title');
  await harness.sendCommand('posts.next');
  await expect(title(page)).toHaveText(OMNI);
  await harness.sendCommand('help.shortcuts');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  // Under the sheet, a command that moves in the thread waits.
  await harness.sendCommand('thread.next');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expectFocus(page, 'post-title');
});

test('selection mode: V selects a paragraph, arrows and Shift+arrows move and extend, Esc leaves', async ({
  page,
  openApp,
  shoot,
}) => {
  await openApp();
  await toThread(page);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expectFocus(page, 'comment-2');
  // Once the comment has scrolled to the top.
  await expect
    .poll(() => page.locator('[id="comment-2"]').evaluate((el) => Math.round(el.getBoundingClientRect().top)))
    .toBeLessThan(120);
  const selected = () => page.evaluate(() => window.getSelection()?.toString() ?? '');

  await page.keyboard.press('v');
  await expect(page.locator('.keyboard-caret')).toBeVisible();
  expect(await selected()).toBe('');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  expect(await selected()).toBe('Th');
  await page.keyboard.press('Control+Shift+ArrowRight');
  expect(await selected()).toBe('This');
  await page.keyboard.press('ArrowRight');
  expect(await selected()).toBe('');
  await page.keyboard.press('Control+Shift+ArrowRight');
  expect((await selected()).trim()).toBe('BigIssue');
  await expect(page.getByRole('toolbar', { name: 'Annotate the selection' })).toBeVisible();
  await shoot('keyboard-3-selection-mode-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('keyboard-4-selection-mode-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // V: the whole paragraph, highlighted green with the toolbar's key.
  await page.keyboard.press('Shift+V');
  const paragraph = await page.locator('[id="comment-2"] p[data-part]').first().textContent();
  expect((await selected()).trim()).toBe(paragraph?.trim());
  await page.keyboard.press('2');
  await expect(page.locator('[id="comment-2"] mark.annotation-green')).toHaveText(paragraph!.trim());
  await expect(page.locator('.selection-mode-hint')).toHaveCount(0);
  await expectFocus(page, 'comment-2');

  // Esc leaves the mode, nothing selected, the focus on the comment.
  await page.keyboard.press('j');
  await expectFocus(page, 'comment-3');
  await page.keyboard.press('v');
  await page.keyboard.press('s');
  expect((await selected()).length).toBeGreaterThan(5);
  // In the mode, j is not a move.
  await page.keyboard.press('j');
  await expectFocus(page, 'comment-3');
  await page.keyboard.press('Escape');
  await expect(page.locator('.selection-mode-hint')).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Annotate the selection' })).toHaveCount(0);
  expect(await selected()).toBe('');
  await expectFocus(page, 'comment-3');
});

test('in a long virtualised thread, G, k, g g and j reach rows that were not rendered', async ({ page, openApp }) => {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-keys-'));
  await cp(SEEDS_DIR, dir, { recursive: true });
  await writeFile(join(dir, '100_longest-thread.txt'), bigThreadSeed(600));
  try {
    await openApp({ library: dir });
    await toThread(page);
    // The list: the oldest post (the long thread) opened with End and Enter.
    await page.keyboard.press('Shift+F6');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect(title(page)).toHaveText('The Longest Thread');
    await page.keyboard.press('F6');
    await expectFocus(page, 'post-title');
    const rendered = await page.locator('article.comment-body').count();
    expect(rendered).toBeLessThan(200);
    await expect(page.locator('[id="comment-600"]')).toHaveCount(0);

    await page.keyboard.press('Shift+G');
    await expectFocus(page, /^comment-600(\.\d+)?$/);
    const last = await focusedId(page);
    await expect(page.locator(`[id="${last}"]`)).toBeInViewport();
    await page.keyboard.press('k');
    await expect.poll(() => focusedId(page)).not.toBe(last);
    await expectFocus(page, /^comment-(599|600)(\.\d+)?$/);
    await page.keyboard.press('g');
    await page.keyboard.press('g');
    await expectFocus(page, 'post-title');
    await page.keyboard.press('j');
    await expectFocus(page, 'comment-1');
    await expect(page.locator('[id="comment-1"]')).toBeInViewport();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
