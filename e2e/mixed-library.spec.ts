import { rm } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { mixedLibrary } from './mixed-library';

test('a folder of text copies, HTML pages and an export opens as one library, with authors', async ({
  page,
  openApp,
  shoot,
}) => {
  const library = await mixedLibrary();
  try {
    await openApp({ library });
    const posts = page.getByRole('navigation', { name: 'Posts' });
    // 2 seeds + 1 threaded (its text copy is the same post) + 1 classic + 3 archive + 2 export posts.
    await expect(page.getByText('9 posts', { exact: false }).first()).toBeVisible();
    for (const title of [
      'Omnishambles Update 48',
      'Caseloads And The Summer Review',
      'Whose Risk Is It Anyway?',
      'Evening Update',
      'Branch Calls For A Pause On Contracts',
    ])
      await expect(posts.getByRole('button', { name: new RegExp(title.replace(/[?]/g, '\\?')) })).toHaveCount(1);

    // The export's draft is marked as such in the list.
    await expect(
      posts.getByRole('button', { name: /Draft.*Notes for Friday's meeting|Notes for Friday's meeting.*Draft/ }),
    ).toHaveCount(1);

    // From the export: threaded comments with their authors.
    await posts.getByRole('button', { name: /Branch Calls For A Pause On Contracts/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Branch Calls For A Pause On Contracts');
    await expect(page.getByRole('article', { name: 'Comment 1 by Kestrel PO', exact: true })).toContainText(
      'Kestrel PO',
    );
    await expect(page.getByRole('article', { name: 'Comment 2.1 by Probation Matters', exact: true })).toBeVisible();
    // The post's author, time and labels under its title.
    await expect(page.getByText('by Probation Matters', { exact: true })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Labels' })).toContainText('contracts');
    await shoot('40-mixed-export');

    // The HTML page and its text copy: one post, read from the page, both files named.
    await posts.getByRole('button', { name: /Caseloads And The Summer Review/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Caseloads And The Summer Review');
    await page.getByText('Source files (2)').click();
    await expect(page.getByText('threaded.txt')).toBeVisible();
    await expect(page.getByText(/threaded\.html — saved web page \(shown\)/)).toBeVisible();

    // A classic page's "Name said..." comments.
    await posts.getByRole('button', { name: /Whose Risk Is It Anyway/ }).click();
    await expect(page.getByRole('article', { name: 'Comment 1 by Jean Okafor', exact: true })).toBeVisible();
    // Only its own paragraphs: none left over from the export's post opened before.
    await expect(page.getByRole('region', { name: 'Post' })).toContainText('The new assessment tool');
    await expect(page.getByRole('region', { name: 'Post' })).not.toContainText('East Riverside');
    await shoot('41-mixed-classic');
  } finally {
    await rm(library, { recursive: true, force: true });
  }
});
