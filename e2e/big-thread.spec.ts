import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTICLE_COMMENT, bigThreadSeed, QUOTED_COMMENT, QUOTING_COMMENT, weeklyPosts } from './big-library';
import { SEEDS_DIR } from './harness/harness';
import { expect, test } from './fixtures';

/** A temporary library: the seeds plus generated files. */
async function library(files: [string, string][]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-big-'));
  await cp(SEEDS_DIR, dir, { recursive: true });
  for (const [name, text] of files) await writeFile(join(dir, name), text);
  return dir;
}

const comment = (page: Page, id: string | number) => page.getByRole('article', { name: `Comment ${id}`, exact: true });
const commentsInDom = (page: Page) => page.locator('article.comment-body').count();
const scroller = (page: Page) => page.locator('#thread-scroller');
/** A post's button in the list, by its exact title. */
const postButton = (page: Page, title: string) =>
  page
    .getByRole('navigation', { name: 'Posts' })
    .getByRole('button')
    .filter({ has: page.locator('.post-title', { hasText: new RegExp(`^${title}$`) }) });

/**
 * Holds main's answers to the later parts of a post (the rest of a long thread, its articles)
 * until released, to see the reader while they are on their way.
 */
function partsOnHold() {
  const gates = new Map<string, { held: Promise<void>; release: () => void }>();
  for (const method of ['posts.comments', 'posts.articles']) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    gates.set(method, { held, release });
  }
  return {
    beforeCall: (method: string) => gates.get(method)?.held,
    release: (method: 'posts.comments' | 'posts.articles') => gates.get(method)!.release(),
  };
}

test('a post with 2,000 comments opens fast, renders only what is in sight, and reaches any comment', async ({
  page,
  openApp,
  shoot,
}) => {
  test.setTimeout(120_000);
  const dir = await library([['100_longest-thread.txt', bigThreadSeed(2000)]]);
  try {
    const parts = partsOnHold();
    const harness = await openApp({ library: dir, beforeCall: parts.beforeCall });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');

    // Time from the click to the first comment of the new post in the DOM with a size, measured in the page.
    await page.evaluate(() => {
      const w = window as unknown as Record<string, number>;
      document.addEventListener(
        'click',
        () => {
          const clicked = performance.now();
          const poll = () => {
            const title = document.getElementById('post-title')?.textContent;
            const first = document.getElementById('comment-1');
            if (title === 'The Longest Thread' && first && first.getBoundingClientRect().height > 0)
              w['__firstCommentMs'] = performance.now() - clicked;
            else requestAnimationFrame(poll);
          };
          requestAnimationFrame(poll);
        },
        { capture: true, once: true },
      );
    });
    await page
      .getByRole('navigation', { name: 'Posts' })
      .getByRole('button', { name: /The Longest Thread/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The Longest Thread');
    await expect(comment(page, 1)).toBeInViewport();
    const firstCommentMs = () =>
      page.evaluate(() => (window as unknown as Record<string, number | undefined>)['__firstCommentMs'] ?? null);
    await expect.poll(firstCommentMs).not.toBeNull();
    const openMs = (await firstCommentMs())!;
    await expect(page.getByRole('heading', { name: /^2102 comments \(2000 declared\)$/ })).toBeVisible();
    expect(await commentsInDom(page)).toBeLessThan(200);

    // The first screen came alone: the rest of the thread and the articles are on their way (held in main here).
    const cards = page.getByRole('complementary', { name: 'Quoted articles' });
    await expect(cards.getByRole('status')).toHaveText('Finding quoted articles…');
    await expect(page.getByRole('status').filter({ hasText: /^Loading comments \d+–2000…$/ })).toHaveCount(1);
    await shoot('big-thread-1-open-finding-articles');

    // Find waits for the whole thread: "hostels" is only in the article pasted into the replies of comment 1500.
    await page.keyboard.press('Control+f');
    const findBar = page.getByRole('search', { name: 'Find in this post' });
    await findBar.getByRole('textbox').fill('hostels');
    await expect(findBar.getByRole('status')).toHaveText('Finding…');
    parts.release('posts.comments');
    await expect(findBar.getByRole('status')).toHaveText(/^1 of \d+$/);
    await expect(page.getByRole('status').filter({ hasText: /^Loading comments/ })).toHaveCount(0);
    const found = (await findBar.getByRole('status').textContent())!;
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Enter');
    const currentMatch = page.locator('mark.find-current');
    await expect(currentMatch).toBeInViewport();
    await expect(currentMatch.locator('xpath=ancestor::article[1]')).toHaveAttribute(
      'aria-label',
      new RegExp(`^Comment ${ARTICLE_COMMENT}\\.\\d$`),
    );
    await expect(cards.getByRole('status')).toHaveText('Finding quoted articles…');
    await shoot('big-thread-2-found-before-articles');

    // The articles arrive: cards, and the pasted article becomes a block quote; find keeps its place.
    parts.release('posts.articles');
    const card = cards.getByRole('button', { name: /westshire-gazette\.co\.uk/ });
    await expect(card).toBeVisible();
    await expect(cards.getByRole('status')).toHaveCount(0);
    await expect(comment(page, `${ARTICLE_COMMENT}.1`).getByRole('figure', { name: /^Quoted from / })).toBeVisible();
    await expect(findBar.getByRole('status')).toHaveText(found);
    await expect(currentMatch.locator('xpath=ancestor::article[1]')).toHaveAttribute(
      'aria-label',
      new RegExp(`^Comment ${ARTICLE_COMMENT}\\.\\d$`),
    );
    await shoot('big-thread-3-articles-shown');
    await page.keyboard.press('Escape');
    await expect(findBar).toHaveCount(0);

    // Of which main's part: reading the file again and parsing it (posts.get), and finding its articles (posts.articles).
    const started = performance.now();
    await harness.service.handlers['posts.get']({ id: '2013-06-03-the-longest-thread', part: 'start' });
    const coreMs = performance.now() - started;
    await harness.service.handlers['posts.articles']({ id: '2013-06-03-the-longest-thread' });
    const articlesMs = performance.now() - started - coreMs;
    console.log(
      `2,000 comments: ${Math.round(openMs)} ms from clicking the post to its first comment on screen ` +
        `(in main alone: posts.get ${Math.round(coreMs)} ms, then posts.articles ${Math.round(articlesMs)} ms)`,
    );

    // A card for the article pasted into the replies of comment 1500 (not rendered): scroll there and outline it.
    await scroller(page).evaluate((el) => el.scrollTo(0, 0));
    await expect(comment(page, ARTICLE_COMMENT)).toHaveCount(0);
    await expect(card).toContainText(`Comment ${ARTICLE_COMMENT} → ${ARTICLE_COMMENT}.2`);
    await card.click();
    await expect(comment(page, ARTICLE_COMMENT)).toHaveClass(/marked/);
    await expect(comment(page, ARTICLE_COMMENT)).toBeInViewport();
    await expect(comment(page, ARTICLE_COMMENT)).toBeFocused();
    await expect(comment(page, `${ARTICLE_COMMENT}.1`).getByRole('figure')).toHaveClass(/marked/);
    await expect(comment(page, `${ARTICLE_COMMENT}.2`).getByRole('figure')).toHaveClass(/marked/);
    expect(await commentsInDom(page)).toBeLessThan(200);
    await shoot('big-thread-4-article-1500');

    // Collapse and expand its replies there.
    await comment(page, ARTICLE_COMMENT).getByRole('button', { name: 'Hide replies' }).click();
    await expect(comment(page, `${ARTICLE_COMMENT}.1`)).toHaveCount(0);
    await expect(comment(page, ARTICLE_COMMENT)).toBeInViewport();
    await shoot('big-thread-5-collapsed');
    await comment(page, ARTICLE_COMMENT).getByRole('button', { name: 'Show 2 replies' }).click();
    await expect(comment(page, `${ARTICLE_COMMENT}.2`)).toBeVisible();

    // Collapsed and scrolled out of the DOM, the card still finds it, expanding the replies again.
    await comment(page, ARTICLE_COMMENT).getByRole('button', { name: 'Hide replies' }).click();
    await scroller(page).evaluate((el) => el.scrollTo(0, 0));
    await expect(comment(page, ARTICLE_COMMENT)).toHaveCount(0);
    await card.click();
    await expect(comment(page, `${ARTICLE_COMMENT}.1`).getByRole('figure')).toHaveClass(/marked/);
    await expect(comment(page, ARTICLE_COMMENT)).toBeInViewport();

    // Scrolling to the end shows the last comment (row heights are estimates until measured: keep going to the bottom).
    await expect(async () => {
      await scroller(page).evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect(comment(page, 2000)).toBeInViewport({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    expect(await commentsInDom(page)).toBeLessThan(200);
    await shoot('big-thread-6-end');

    // An internal quote near the end links to an early comment that is not rendered.
    await expect(comment(page, QUOTED_COMMENT)).toHaveCount(0);
    await comment(page, QUOTING_COMMENT).scrollIntoViewIfNeeded();
    await comment(page, QUOTING_COMMENT)
      .getByRole('button', { name: `Quotes comment ${QUOTED_COMMENT}` })
      .click();
    await expect(comment(page, QUOTED_COMMENT)).toBeFocused();
    await expect(comment(page, QUOTED_COMMENT)).toBeInViewport();
    await shoot('big-thread-7-quoted-comment');

    // Opening another post starts at its top, and so does coming back.
    await page
      .getByRole('navigation', { name: 'Posts' })
      .getByRole('button', { name: /Latest From Napo 188/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');
    expect(await scroller(page).evaluate((el) => el.scrollTop)).toBe(0);
    await page
      .getByRole('navigation', { name: 'Posts' })
      .getByRole('button', { name: /The Longest Thread/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The Longest Thread');
    await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
    expect(await scroller(page).evaluate((el) => el.scrollTop)).toBe(0);

    // From the Articles view, with another post open: the long post opens and scrolls to comment 1500.
    await page
      .getByRole('navigation', { name: 'Posts' })
      .getByRole('button', { name: /Latest From Napo 188/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest From Napo 188');
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Articles' }).click();
    await page
      .getByRole('list', { name: 'Sources' })
      .getByRole('button', { name: /^westshire-gazette\.co\.uk/ })
      .click();
    await page
      .getByRole('main', { name: 'westshire-gazette.co.uk' })
      .getByRole('button', { name: /^Probation hostel closures leave towns without cover/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The Longest Thread');
    await expect(comment(page, ARTICLE_COMMENT)).toHaveClass(/marked/);
    await expect(comment(page, ARTICLE_COMMENT)).toBeInViewport();
    await expect(page.locator('.toolbar')).toBeInViewport();
    await shoot('big-thread-8-from-articles-view');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a long post list renders only what is in sight, keeps the open post in view and works from the keyboard', async ({
  page,
  openApp,
  shoot,
}) => {
  test.setTimeout(120_000);
  // 400 weekly posts from 2017 back to 2010; the seeds' Omnishambles (May 2014) sits in the middle.
  const dir = await library(weeklyPosts(400, '2017-08-28'));
  try {
    await openApp({ library: dir });
    const posts = page.getByRole('navigation', { name: 'Posts' });
    await expect(posts.getByRole('button').first()).toHaveText(/Latest From Napo 188/);
    expect(await posts.getByRole('button').count()).toBeLessThan(100);
    await expect(posts.getByRole('heading', { name: 'May 2019', exact: true })).toBeVisible();

    // Opened from the Articles view, the post is scrolled into the list's view and marked current.
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Articles' }).click();
    await page
      .getByRole('list', { name: 'Sources' })
      .getByRole('button', { name: /^The Guardian/ })
      .click();
    await page
      .getByRole('main', { name: 'The Guardian' })
      .getByRole('button', { name: /^The outsourcing bandwagon/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omnishambles Update 48');
    const omnishambles = posts.getByRole('button', { name: /Omnishambles Update 48/ });
    await expect(omnishambles).toHaveAttribute('aria-current', 'true');
    await expect(omnishambles).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('figure', { name: 'Quoted from The Guardian' })).toBeInViewport();
    await shoot('big-list-1-opened-from-articles');

    // Keyboard: End goes to the oldest post, Up to the one before, Enter opens it, Home goes back to the top.
    await omnishambles.focus();
    await page.keyboard.press('End');
    const oldest = postButton(page, 'Weekly Notes 1');
    await expect(oldest).toBeFocused();
    await expect(oldest).toBeInViewport();
    await page.keyboard.press('ArrowUp');
    const second = postButton(page, 'Weekly Notes 2');
    await expect(second).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly Notes 2');
    await expect(second).toHaveAttribute('aria-current', 'true');
    await shoot('big-list-2-keyboard-end');
    await page.keyboard.press('Home');
    await expect(posts.getByRole('button', { name: /Latest From Napo 188/ })).toBeFocused();
    await expect(posts.getByRole('button', { name: /Latest From Napo 188/ })).toBeInViewport();
    expect(await posts.getByRole('button').count()).toBeLessThan(100);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
