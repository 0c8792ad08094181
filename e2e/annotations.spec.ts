import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { createService } from '../main/core/service';
import { select } from './select-text';
import { ROOT } from './harness/harness';

const OMNI = '004_72f7fc2b7a245681.txt';

async function tempLibrary() {
  const library = await mkdtemp(join(tmpdir(), 'threadline-annot-lib-'));
  await cp(join(ROOT, 'seeds'), library, { recursive: true });
  return library;
}

test('select → highlight → note and tags → reload → still there; the file edited on disk → it re-anchors; export both formats; import into a fresh profile', async ({
  page,
  openApp,
  shoot,
}) => {
  const library = await tempLibrary();
  const profileDir = await mkdtemp(join(tmpdir(), 'threadline-annot-profile-'));
  const exportsDir = await mkdtemp(join(tmpdir(), 'threadline-annot-out-'));
  let saveTo = join(exportsDir, 'annotations.md');
  const harness = await openApp({ library, profileDir, saveFile: async () => saveTo });
  await harness.service.whenWatching();
  await page.getByRole('button', { name: /Omnishambles Update 48/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');

  // Select words in the post: the toolbar offers five colours, a note and tags.
  await select(page, '.post-body p[data-part="body"]', 'the latest from Pat Waterman');
  const toolbar = page.getByRole('toolbar', { name: 'Annotate the selection' });
  await expect(toolbar).toBeVisible();
  await expect(toolbar.getByRole('button', { name: /^Highlight (yellow|green|blue|pink|purple)/ })).toHaveCount(5);
  await shoot('30-selection-toolbar');
  await toolbar.getByRole('button', { name: 'Highlight green (2)' }).click();
  const mark = page.locator('mark.annotation-green');
  await expect(mark).toHaveText('the latest from Pat Waterman');

  // Click it: the editor; a note and tags.
  await mark.click();
  const editor = page.getByRole('dialog', { name: 'Highlight' });
  await editor.getByLabel('Note').fill('Pat Waterman chairs the London branch.');
  await editor.getByLabel('Tags').fill('napo, people');
  await shoot('31-annotation-editor');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toHaveCount(0);
  await expect(page.locator('mark.annotation-green')).toHaveAttribute(
    'title',
    /note: Pat Waterman chairs the London branch\.; tags: napo, people/,
  );

  // A highlight in a comment (by keyboard: 4 is pink), and a flag on another comment.
  await select(page, 'article[aria-label="Comment 1"] p[data-part="comment:1"]', 'trainee probation officer');
  await expect(toolbar).toBeVisible();
  await page.keyboard.press('4');
  await expect(page.locator('article[aria-label="Comment 1"] mark.annotation-pink')).toHaveText(
    'trainee probation officer',
  );
  await page.getByRole('article', { name: 'Comment 3', exact: true }).getByRole('button', { name: /Flag/ }).click();
  await expect(
    page.getByRole('article', { name: 'Comment 3', exact: true }).getByRole('button', { name: /Flagged/ }),
  ).toHaveAttribute('aria-pressed', 'true');
  await shoot('32-highlights-in-thread');

  // In a quoted article (a block quote in the post): the highlight shows in the thread and under the article's card.
  await select(page, '.post-body blockquote p[data-part="body"]', 'walking out of the office');
  await toolbar.getByRole('button', { name: 'Highlight blue (3)' }).click();
  await expect(page.locator('.post-body blockquote mark.annotation-blue')).toHaveText('walking out of the office');
  const cardHighlights = page.getByRole('list', { name: /Your highlights in this article/ });
  await expect(cardHighlights.locator('mark.annotation-blue')).toHaveText('walking out of the office');
  await page.locator('#thread-scroller').evaluate((el) => el.scrollTo(0, 0));
  await shoot('34-highlights-in-post-and-card');

  // On the article card itself: its full text, words selected there (5 is purple), the highlight in place.
  const card = page.locator('.card-item').first();
  await card.getByText('Full text').click();
  await select(page, '.card-fulltext p[data-part^="article:"]', 'prospective bidders');
  await expect(toolbar).toBeVisible();
  await page.keyboard.press('5');
  await expect(card.locator('.card-fulltext mark.annotation-purple')).toHaveText('prospective bidders');
  await shoot('35-highlight-on-article-card');

  // Reload the window: everything comes back from the annotations file.
  await page.reload();
  await page.getByRole('button', { name: /Omnishambles Update 48/ }).click();
  await expect(page.locator('mark.annotation-green')).toHaveText('the latest from Pat Waterman');
  await expect(page.locator('mark.annotation-pink')).toHaveText('trainee probation officer');

  // The seed file is re-scraped: a paragraph before, a typo inside the green passage, the pink one's words gone.
  const file = join(library, OMNI);
  const text = await readFile(file, 'utf8');
  await writeFile(
    file,
    text
      .replace('First off, the latest from Pat Waterman', 'Late addition.\n\nFirst off, the latest from Pat Watreman')
      .replace('If I was a trainee probation officer', 'If I was a new recruit'),
  );
  await expect(page.locator('mark.annotation-green')).toHaveText('the latest from Pat Watreman');
  await expect(page.locator('mark.annotation-pink')).toHaveCount(0);
  await expect(page.locator('mark.annotation-green')).toHaveAttribute('title', /the text has changed since/);

  // Export: Markdown and W3C JSON-LD, through the same calls File → Export makes.
  const exported = await page.evaluate(async () => {
    const api = (window as unknown as { threadline: Record<string, (p: unknown) => Promise<unknown>> }).threadline;
    return api['annotations.export']!({ format: 'markdown' });
  });
  expect(exported).toEqual({ ok: true, value: { path: saveTo, count: 5 } });
  const markdown = await readFile(saveTo, 'utf8');
  expect(markdown).toContain('## Omnishambles Update 48');
  expect(markdown).toContain('> the latest from Pat Waterman\n\nPat Waterman chairs the London branch.');
  expect(markdown).toMatch(/orphaned: the passage is no longer in this post/);
  expect(markdown).toContain('**Flagged:** comment 3');
  saveTo = join(exportsDir, 'annotations.jsonld');
  await page.evaluate(async () => {
    const api = (window as unknown as { threadline: Record<string, (p: unknown) => Promise<unknown>> }).threadline;
    return api['annotations.export']!({ format: 'jsonld' });
  });
  const jsonld = JSON.parse(await readFile(saveTo, 'utf8')) as { type: string; total: number };
  expect(jsonld).toMatchObject({ type: 'AnnotationCollection', total: 5 });
});

test('annotations imported into a fresh profile show the same highlights', async ({ page, openApp, shoot }) => {
  const library = await tempLibrary();
  // An export made by another profile (as the test above does through the app).
  const source = await mkdtemp(join(tmpdir(), 'threadline-annot-src-'));
  const first = createService({
    defaultLibrary: library,
    profileDir: source,
    watch: false,
    openExternal: async () => undefined,
    chooseFolder: async () => null,
    saveFile: async () => join(source, 'out.jsonld'),
  });
  await first.openLibrary(library);
  const add = await first.handlers['annotations.add']({
    postId: '2014-05-07-omnishambles-update-48',
    part: 'body',
    kind: 'highlight',
    start: 11,
    end: 39,
    colour: 'blue',
    note: 'imported note',
    tags: ['napo'],
  });
  expect(add.quote?.exact).toBe('the latest from Pat Waterman');
  await first.handlers['annotations.export']({ format: 'jsonld' });
  await first.whenIndexed();
  await first.close();

  const fresh = await mkdtemp(join(tmpdir(), 'threadline-annot-fresh-'));
  await openApp({ library, profileDir: fresh, chooseFile: async () => join(source, 'out.jsonld') });
  const imported = await page.evaluate(async () => {
    const api = (window as unknown as { threadline: Record<string, (p: unknown) => Promise<unknown>> }).threadline;
    return [await api['annotations.import']!({}), await api['annotations.import']!({})];
  });
  expect(imported).toEqual([
    { ok: true, value: expect.objectContaining({ added: 1, alreadyThere: 0, exact: 1 }) },
    { ok: true, value: expect.objectContaining({ added: 0, alreadyThere: 1 }) },
  ]);
  await page.getByRole('button', { name: /Omnishambles Update 48/ }).click();
  await expect(page.locator('mark.annotation-blue')).toHaveText('the latest from Pat Waterman');
  await expect(page.locator('mark.annotation-blue')).toHaveAttribute('title', /imported note/);
  await shoot('33-imported-highlight');
});

test('a damaged annotations file: the library still reads, the window says what happened and where the backup is, and restores it', async ({
  page,
  openApp,
  shoot,
}) => {
  const library = await tempLibrary();
  const profileDir = await mkdtemp(join(tmpdir(), 'threadline-annot-damaged-'));
  // A profile with one annotation and its daily backup (taken when the file is opened with data in it).
  for (let round = 0; round < 2; round++) {
    const service = createService({
      defaultLibrary: library,
      profileDir,
      watch: false,
      openExternal: async () => undefined,
      chooseFolder: async () => null,
    });
    await service.openLibrary(library);
    if (round === 0)
      await service.handlers['annotations.add']({
        postId: '2014-05-07-omnishambles-update-48',
        part: 'body',
        kind: 'highlight',
        start: 11,
        end: 39,
        colour: 'yellow',
        note: 'kept',
      });
    else await service.handlers['annotations.status']({});
    await service.whenIndexed();
    await service.close();
  }
  await writeFile(join(profileDir, 'annotations.sqlite'), Buffer.alloc(8192, 0x41));

  await openApp({ library, profileDir });
  await page.getByRole('button', { name: /Omnishambles Update 48/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
  const notice = page.locator('.annotations-notice');
  await expect(notice).toContainText('Annotations are read-only: the annotations file is damaged.');
  await expect(notice).toContainText('The newest backup is');
  await shoot('36-annotations-file-damaged');
  await notice.getByRole('button', { name: 'Restore backup' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.locator('mark.annotation-yellow')).toHaveText('the latest from Pat Waterman');
});
