import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The whole reading and annotating path with the keyboard alone: no mouse event, no click. From
 * the top of the window to the thread, every comment with `j` and back with `k`, collapsing,
 * the parent, the bottom and the top, then a sentence selected in selection mode, highlighted
 * and given a note with the toolbar's keys, saved in the annotations file.
 */

/** What has the focus: its id, else its accessible label, else its tag ("BODY" when it dropped to the page). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return 'BODY';
    return active.id || active.getAttribute('aria-label') || active.textContent?.trim().slice(0, 40) || active.tagName;
  });

async function press(page: Page, key: string, expected: string | RegExp) {
  await page.keyboard.press(key);
  const exact =
    typeof expected === 'string' ? new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : expected;
  await expect.poll(() => focused(page), { message: `focus after ${key}` }).toMatch(exact);
}

test('reads a whole thread, collapses, climbs and highlights a sentence with a note, by keyboard only', async ({
  page,
  openApp,
  shoot,
}) => {
  const harness = await openApp();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');

  // The first Tab reaches the skip link; it goes to the reading pane.
  await press(page, 'Tab', 'Skip to the reading pane');
  await shoot('keyboard-5-skip-link');
  await press(page, 'Enter', 'post-title');

  // Every comment and reply in reading order with j, to the last.
  const order = await page.evaluate(() =>
    Array.from(document.querySelectorAll('article.comment-body')).map((a) => a.id),
  );
  expect(order).toHaveLength(15);
  for (const id of order) {
    await press(page, 'j', id);
    await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
    await expect(page.locator(`[id="${id}"]`)).toHaveAttribute('tabindex', '0');
  }
  // j at the last stays there.
  await press(page, 'j', order[order.length - 1]!);
  // Back with k to the first.
  for (const id of order.slice(0, -1).reverse()) await press(page, 'k', id);
  await expect(page.locator('[id="comment-1"]')).toBeInViewport();

  await shoot('keyboard-6-comment-focused');
  // c hides comment 1's replies and shows them again.
  const toggle = page.locator('[id="comment-1"]').locator('button.collapse');
  await press(page, 'c', 'comment-1');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('[id="comment-1.1"]')).toHaveCount(0);
  await press(page, 'j', 'comment-2');
  await press(page, 'k', 'comment-1');
  await press(page, 'c', 'comment-1');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  // u from a reply goes to its comment.
  await press(page, 'j', 'comment-1.1');
  await press(page, 'j', 'comment-1.2');
  await press(page, 'u', 'comment-1');

  // Tab from the focused comment goes into its own buttons, not through every comment's.
  // Its first is Mark read (or unread: dwelling on it may have read it already), then Copy link, Read aloud, Flag.
  await press(page, 'Tab', /^Mark (un)?read$/);
  await expect(page.locator('[id="comment-1"] button.flag')).toHaveAttribute('tabindex', '0');
  await expect(page.locator('[id="comment-2"] button.flag')).toHaveAttribute('tabindex', '-1');
  await press(page, 'Shift+Tab', 'comment-1');

  // G to the bottom, g g to the top.
  await press(page, 'Shift+G', order[order.length - 1]!);
  await press(page, 'g', order[order.length - 1]!);
  await press(page, 'g', 'post-title');
  await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();

  // A sentence of comment 2, selected in selection mode, highlighted with a note.
  await press(page, 'j', 'comment-1');
  await press(page, 'j', 'comment-1.1');
  await press(page, 'j', 'comment-1.2');
  await press(page, 'j', 'comment-2');
  await press(page, 'v', 'comment-2');
  await expect(page.locator('.selection-mode-hint')).toBeVisible();
  await press(page, 's', 'comment-2');
  const selected = await page.evaluate(() => window.getSelection()?.toString().trim() ?? '');
  expect(selected.length).toBeGreaterThan(10);
  const toolbar = page.getByRole('toolbar', { name: 'Annotate the selection' });
  await expect(toolbar).toBeVisible();
  await expect(page.locator('[aria-live="polite"]').filter({ hasText: 'Selected:' })).toContainText(
    selected.slice(0, 30),
  );
  // N: highlight and write a note; Ctrl+Enter saves it.
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'Highlight' }).getByRole('textbox', { name: 'Note' })).toBeFocused();
  await page.keyboard.type('Said by keyboard alone.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('dialog', { name: 'Highlight' })).toHaveCount(0);
  await expect.poll(() => focused(page)).not.toBe('BODY');

  const postId = await page.evaluate(
    () => document.querySelector<HTMLElement>('.post-item[aria-current="true"]')?.dataset['postId'] ?? '',
  );
  const saved = await harness.service.handlers['annotations.list']({ postId });
  const note = saved.find((a) => a.note === 'Said by keyboard alone.');
  expect(note?.anchor.part).toBe('comment:2');
  expect(note?.quote?.exact).toBe(selected);
  await expect(page.locator('[id="comment-2"] mark.annotation')).toHaveText(selected);
});
