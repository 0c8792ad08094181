import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SCREENSHOTS } from './fixtures';
import type { Harness } from './harness/harness';

const NAPO_ID = '2019-05-20-latest-from-napo-188';
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const comment = (page: Page, id: string) => page.getByRole('article', { name: `Comment ${id}`, exact: true });
const status = (page: Page) => page.locator('.action-status[aria-live="polite"]');

/** Opens the other seed post, then lets the link arrive as from the system, and waits for the post it names. */
async function followFromAnotherPost(page: Page, harness: Harness, link: string) {
  await page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('button', { name: /Omnishambles Update 48/ })
    .click();
  await expect(heading(page)).toHaveText('Omnishambles Update 48');
  harness.service.receiveLink(link);
  await expect(heading(page)).toHaveText('Latest From Napo 188');
}

/** Highlights the first occurrence of `words` in the post's body through main, with a note. */
async function highlightBody(harness: Harness, words: string, note: string) {
  const { post } = await harness.service.handlers['posts.get']({ id: NAPO_ID });
  const text = post.body.map((b) => b.text).join('\n\n');
  const start = text.indexOf(words);
  expect(start).toBeGreaterThanOrEqual(0);
  return harness.service.handlers['annotations.add']({
    postId: NAPO_ID,
    part: 'body',
    kind: 'highlight',
    start,
    end: start + words.length,
    exact: words,
    note,
  });
}

/** How many pixels of a PNG are not near-white, counted by the browser (it decodes the PNG). */
async function inkedPixels(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 200 || pixels[i + 1]! < 200) inked++;
    return inked;
  }, png.toString('base64'));
}

test('a comment link is copied, and opening it from another post lands on the comment, focused', async ({
  page,
  openApp,
  shoot,
}) => {
  const harness = await openApp();
  await expect(heading(page)).toHaveText('Latest From Napo 188');
  await comment(page, '11').getByRole('button', { name: 'Copy link to comment 11' }).click();
  expect(harness.clipboard).toEqual([`threadline://seeds/${NAPO_ID}#c11`]);
  await expect(status(page)).toHaveText('Link to comment 11 copied');
  await shoot('export-link-copied');

  await page.getByRole('button', { name: 'Copy link', exact: true }).first().click();
  expect(harness.clipboard[1]).toBe(`threadline://seeds/${NAPO_ID}`);

  // Another post, then the link arrives from the system (a second launch, the command line).
  await followFromAnotherPost(page, harness, harness.clipboard[0]!);
  await expect(comment(page, '11')).toBeFocused();
  await expect(comment(page, '11')).toBeInViewport();

  // A link that is not one says why and what to do.
  harness.service.receiveLink('threadline://seeds/x#z1');
  await expect(page.getByRole('alert')).toContainText('is not a Threadline link');
  await expect(page.getByRole('alert')).toContainText('Copy the link again');
});

test("an annotation's link is copied from the panel, and opening it shows the annotation", async ({
  page,
  openApp,
}) => {
  const harness = await openApp();
  const highlight = await highlightBody(harness, 'Napo', 'Check this');
  await page.getByRole('button', { name: 'Annotations', exact: true }).click();
  await page.getByRole('button', { name: 'Copy link to this annotation' }).click();
  expect(harness.clipboard).toEqual([`threadline://seeds/${NAPO_ID}#a${highlight.id}`]);
  await expect(status(page)).toHaveText('Link to the annotation copied');
  await followFromAnotherPost(page, harness, harness.clipboard[0]!);
  // The paragraph holding the highlight has the focus, and the annotation's row is the current one.
  await expect(page.locator(':focus')).toContainText('Here we have the latest blog post from Ian Lawrence, Napo');
  await expect(page.locator('.annotations-item-open[aria-current="true"]')).toContainText('Latest From Napo 188');
});

test('a thread is exported as Markdown, HTML and PDF through the dialog', async ({ page, openApp, shoot }) => {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-export-'));
  const harness = await openApp({ saveFile: async (name) => join(dir, name) });
  await highlightBody(harness, 'Napo', 'The union, named here first.');
  await expect(heading(page)).toHaveText('Latest From Napo 188');
  await comment(page, '1').getByRole('button', { name: 'Hide replies' }).click();

  const exportButton = page.getByRole('button', { name: 'Export thread…' });
  const dialog = page.getByRole('dialog', { name: 'Export thread' });
  await exportButton.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /Markdown/ })).toBeChecked();
  await expect(dialog).toContainText('replies of 1 collapsed comment left out');
  await shoot('export-dialog-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('export-dialog-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Esc closes it and gives the focus back.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(exportButton).toBeFocused();

  // Markdown, only the comments shown now, with highlights and notes.
  await exportButton.press('Enter');
  await dialog.getByRole('radio', { name: /Only those shown now/ }).check();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(status(page)).toContainText(`Exported the thread as Markdown to ${join(dir, `${NAPO_ID}.md`)}`);
  await expect(exportButton).toBeFocused();
  const md = await readFile(join(dir, `${NAPO_ID}.md`), 'utf8');
  expect(md).toMatch(/^# Latest From Napo 188\n/);
  expect(md).toContain('### Comment 1');
  expect(md).not.toContain('Reply 1.1');
  expect(md).toMatch(/\*2 replies not included \(collapsed\)\.\*/);
  expect(md).toContain('<mark>Napo</mark>[^1]');
  expect(md).toContain('[^1]: The union, named here first.');
  expect(md).toContain(`[Open in Threadline](threadline://seeds/${NAPO_ID}#c2)`);

  // HTML, all comments, without annotations.
  await exportButton.click();
  await dialog.getByRole('radio', { name: /HTML/ }).check();
  await dialog.getByRole('checkbox', { name: 'Include my highlights and notes' }).uncheck();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(status(page)).toContainText('Exported the thread as HTML');
  const html = await readFile(join(dir, `${NAPO_ID}.html`), 'utf8');
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toContain('<mark');
  expect(html).toContain('id="c1.1"');
  expect(html).toContain('<blockquote class="quoted"');

  // The file opened in a browser on its own: it asks for nothing, and reads as the thread.
  const viewer = await page.context().newPage();
  const requests: string[] = [];
  viewer.on('request', (request) => requests.push(request.url()));
  await viewer.setContent(html, { waitUntil: 'load' });
  await expect(viewer.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');
  await expect(viewer.getByRole('region', { name: 'Reply 1.1' })).toBeVisible();
  expect(requests).toEqual([]);
  await viewer.screenshot({ path: join(SCREENSHOTS, 'export-html.png'), fullPage: false });
  await viewer.close();

  // PDF, printed by Chromium from the same page.
  await exportButton.click();
  await dialog.getByRole('radio', { name: /PDF/ }).check();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(status(page)).toContainText('Exported the thread as PDF');
  const pdfPath = join(dir, `${NAPO_ID}.pdf`);
  expect((await readFile(pdfPath)).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('Latest From Napo 188');
  expect(text).toContain('Quoted article 1');
  const pages = join(dir, 'pages');
  execFileSync('mkdir', ['-p', pages]);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(pages, 'page')]);
  const pngs = (await readdir(pages)).filter((f) => f.endsWith('.png')).sort();
  expect(pngs.length).toBeGreaterThan(1);
  for (const [index, png] of pngs.entries()) {
    const bytes = await readFile(join(pages, png));
    expect(await inkedPixels(page, bytes), `ink on page ${index + 1}`).toBeGreaterThan(500);
    const shot = index < 2 ? `${index + 1}` : index === pngs.length - 1 ? 'last' : null;
    if (shot) execFileSync('cp', [join(pages, png), join(SCREENSHOTS, `export-pdf-page-${shot}.png`)]);
  }
});

test('read aloud: without voices it says what to install', async ({ page, openApp }) => {
  await openApp();
  const voices = await page.evaluate(() =>
    typeof speechSynthesis === 'undefined' ? -1 : speechSynthesis.getVoices().length,
  );
  test.info().annotations.push({ type: 'speech', description: `this Chromium lists ${voices} voices` });
  // Whichever this Chromium has: with no engine or no voices, the message; with voices, the reading starts.
  await page.getByRole('button', { name: 'Read the post aloud' }).click();
  if (voices <= 0) {
    await expect(page.getByRole('alert')).toContainText(
      voices < 0 ? 'no speech synthesis' : 'no speech voices are installed',
    );
    await expect(page.getByRole('alert')).toContainText('speech-dispatcher');
  } else {
    await expect(page.getByRole('button', { name: 'Stop reading' })).toBeVisible();
    await page.keyboard.press('x');
    await expect(page.getByRole('button', { name: 'Read the post aloud' })).toBeVisible();
  }
});

test('read aloud: a comment read a sentence at a time, marked, and stopped by any key', async ({
  page,
  openApp,
  shoot,
}) => {
  // A stand-in speech engine with one voice that finishes a sentence only when the test says.
  await page.addInitScript(() => {
    const spoken: SpeechSynthesisUtterance[] = [];
    const fake = {
      cancelled: 0,
      spoken,
      speak: (u: SpeechSynthesisUtterance) => void spoken.push(u),
      cancel() {
        this.cancelled++;
      },
      getVoices: () => [{ name: 'Stand-in', lang: 'en-GB' }],
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
  });
  // Indexing done first: on a busy machine the seeds are still being indexed when the comment is clicked.
  const harness = await openApp();
  await harness.service.whenIndexed();
  type Fake = { spoken: { text: string; onend: (() => void) | null }[]; cancelled: number };
  const fake = () =>
    page.evaluate(() => {
      const f = (window as unknown as { speechSynthesis: Fake }).speechSynthesis;
      return { texts: f.spoken.map((u) => u.text), cancelled: f.cancelled };
    });
  const readButton = comment(page, '2').getByRole('button', { name: 'Read comment 2 aloud' });
  await readButton.click();
  const stop = comment(page, '2').getByRole('button', { name: 'Stop reading' });
  await expect(stop).toBeVisible();
  await expect(status(page)).toHaveText('Reading aloud. Press any key to stop.');
  const first = (await fake()).texts;
  expect(first).toHaveLength(1);
  expect(await page.evaluate(() => CSS.highlights.has('read-aloud'))).toBe(true);
  const marked = await page.evaluate(() => {
    const h = CSS.highlights.get('read-aloud') as unknown as Iterable<Range>;
    return [...h][0]!.toString();
  });
  expect(marked).toBe(first[0]);
  // The next sentence once the first is spoken.
  await page.evaluate(() => (window as unknown as { speechSynthesis: Fake }).speechSynthesis.spoken[0]!.onend?.());
  await expect.poll(async () => (await fake()).texts.length).toBe(2);
  await shoot('export-read-aloud');

  await page.keyboard.press('x');
  await expect(comment(page, '2').getByRole('button', { name: 'Read comment 2 aloud' })).toBeVisible();
  expect(await page.evaluate(() => CSS.highlights.has('read-aloud'))).toBe(false);
  expect((await fake()).cancelled).toBeGreaterThan(0);
  expect((await fake()).texts).toHaveLength(2);
});
