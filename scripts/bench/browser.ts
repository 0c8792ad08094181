import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/harness/chromium';
import { RENDERER_DIR, startHarness, type Harness } from '../../e2e/harness/harness';
import type { Comment } from '../../main/core/parse';
import type { PostSummary } from '../../preload/api';

export interface ThreadRun {
  /**
   * Click on the post → comment 1 rendered with a size (Playwright's "visible"; it may sit below the fold
   * under a long post body), measured in the page to the frame that shows it.
   */
  firstPaintMs: number;
  /** Click → the whole thread in the page (a long post's later comments come after its first screen). */
  wholeThreadMs: number;
  /** Click → the quoted-article cards shown (a long post's articles are found after its thread is shown). */
  articlesShownMs: number;
  /** Jumping to the bottom of the thread → its last comment in sight (rows are measured as they come in). */
  scrollToEndMs: number;
  /** posts.get (the start of the thread: read and parse) in main alone, for reference. */
  coreMs: number;
  /** posts.articles (finding the articles, after posts.get) in main alone, for reference. */
  articlesCoreMs: number;
}

export interface ThreadBench {
  post: { id: string; title: string; comments: number; lastCommentId: string };
  runs: ThreadRun[];
  chromium: string;
  rendererBuilt: string;
}

/** Fails clearly when the browser or the built renderer is missing. */
export function checkBrowserPrerequisites(): void {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH} (install it with "apt-get install -y chromium", or set CHROMIUM_PATH)`,
    );
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error(`no built renderer at ${RENDERER_DIR} (run "npx electron-vite build", or pass --build)`);
}

/** The last comment in reading order: the last reply of the last top-level comment, or that comment. */
function lastCommentId(comments: Comment[]): string {
  const last = comments[comments.length - 1];
  if (!last) throw new Error('the post has no comments');
  return last.replies.length ? last.replies[last.replies.length - 1]!.id : last.id;
}

/**
 * Brings a post's button into the (virtualised) post list and marks it with data-bench-target:
 * a bisection on the list's scroll position by the rendered rows' data-order, falling back to
 * stepping through the list looking for the title.
 */
async function revealPostButton(page: Page, id: string, title: string, order: number): Promise<void> {
  const found = await page.evaluate(
    async ({ id, title, order }) => {
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      const nav = document.querySelector<HTMLElement>('nav[aria-label="Posts"]');
      if (!nav) return 'no navigation named Posts';
      document.querySelectorAll('[data-bench-target]').forEach((el) => el.removeAttribute('data-bench-target'));
      const scroller =
        [nav, ...nav.querySelectorAll<HTMLElement>('*')].find(
          (el) => el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY),
        ) ?? null;
      const buttons = () => [...nav.querySelectorAll<HTMLElement>('button')];
      const find = () =>
        buttons().find((b) => b.dataset['postId'] === id) ??
        buttons().find((b) =>
          (b.querySelector('.post-title')?.textContent ?? b.textContent ?? '').trim().startsWith(title),
        );
      const mark = async (button: HTMLElement) => {
        button.scrollIntoView({ block: 'center' });
        await frame();
        (find() ?? button).setAttribute('data-bench-target', '');
        return 'ok';
      };
      let button = find();
      if (button) return mark(button);
      if (!scroller) return 'the post list does not scroll and the post is not in it';
      // Bisection by the order of the rows rendered.
      let low = 0;
      let high = scroller.scrollHeight;
      for (let step = 0; step < 40 && buttons().some((b) => b.dataset['order'] !== undefined); step++) {
        scroller.scrollTop = (low + high) / 2;
        await frame();
        await frame();
        button = find();
        if (button) return mark(button);
        const orders = buttons()
          .map((b) => Number(b.dataset['order']))
          .filter((n) => Number.isFinite(n));
        if (!orders.length) break;
        if (order < Math.min(...orders)) high = scroller.scrollTop;
        else low = scroller.scrollTop;
        if (high - low < 1) high = scroller.scrollHeight;
      }
      // Stepping through the whole list.
      for (let top = 0; top <= scroller.scrollHeight; top += scroller.clientHeight * 0.8) {
        scroller.scrollTop = top;
        await frame();
        await frame();
        button = find();
        if (button) return mark(button);
      }
      return 'the post never appeared in the list';
    },
    { id, title, order },
  );
  if (found !== 'ok') throw new Error(`finding "${title}" in the post list failed: ${found}`);
}

/** Opens another post (so the next open is a real switch), waiting for its title. */
async function openOtherPost(page: Page, other: PostSummary, order: number): Promise<void> {
  await revealPostButton(page, other.id, other.title, order);
  await page.click('[data-bench-target]');
  await page.getByRole('heading', { level: 1 }).filter({ hasText: other.title }).waitFor({ timeout: 10_000 });
}

interface OpenTimes {
  firstPaintMs: number;
  wholeThreadMs: number;
  articlesShownMs: number;
}

/** Clicks the marked post and times, in the page from the click, each frame that shows one more part of it. */
async function measureOpen(page: Page, title: string): Promise<OpenTimes> {
  await page.evaluate((title) => {
    const w = window as unknown as Record<string, Partial<OpenTimes> | undefined>;
    const times: Partial<OpenTimes> = {};
    w['__benchOpen'] = undefined;
    const shown = (element: Element | null | undefined) => {
      const box = element?.getBoundingClientRect();
      return Boolean(box && box.height > 0 && box.width > 0);
    };
    document.addEventListener(
      'click',
      () => {
        const clicked = performance.now();
        const poll = () => {
          const now = performance.now() - clicked;
          const heading = [...document.querySelectorAll('h1')].some((h) => h.textContent?.trim() === title);
          if (heading) {
            if (times.firstPaintMs === undefined && shown(document.querySelector('[aria-label="Comment 1"]')))
              times.firstPaintMs = now;
            const loading = [...document.querySelectorAll('[role="status"]')].some((s) =>
              s.textContent?.startsWith('Loading comments'),
            );
            if (times.wholeThreadMs === undefined && !loading) times.wholeThreadMs = now;
            // The cards pane, done finding: its first card (or its "none found" note) on screen.
            const pane = [...document.querySelectorAll('aside')].find(
              (a) => a.querySelector('h2')?.textContent === 'Quoted articles',
            );
            if (
              times.articlesShownMs === undefined &&
              pane &&
              pane.getAttribute('aria-busy') !== 'true' &&
              shown(pane.querySelector('.card, .empty'))
            )
              times.articlesShownMs = now;
          }
          if (
            times.firstPaintMs !== undefined &&
            times.wholeThreadMs !== undefined &&
            times.articlesShownMs !== undefined
          )
            w['__benchOpen'] = times;
          else if (now < 30_000) requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      },
      { capture: true, once: true },
    );
  }, title);
  await page.click('[data-bench-target]');
  const handle = await page.waitForFunction(
    () => (window as unknown as Record<string, OpenTimes | undefined>)['__benchOpen'],
    null,
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as OpenTimes;
}

/** Jumps to the bottom of the thread every frame until its last comment is in sight; null on timeout. */
function measureScrollToEnd(page: Page, lastId: string): Promise<number | null> {
  return page.evaluate(async (lastId) => {
    const first = document.querySelector<HTMLElement>('[aria-label="Comment 1"]');
    let scroller: HTMLElement | null = first?.parentElement ?? null;
    while (
      scroller &&
      !(scroller.scrollHeight > scroller.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(scroller).overflowY))
    )
      scroller = scroller.parentElement;
    scroller ??= document.getElementById('thread-scroller');
    if (!scroller) return null;
    const target = scroller;
    const started = performance.now();
    return new Promise<number | null>((resolve) => {
      const step = () => {
        const last = document.querySelector(`[aria-label="Comment ${lastId}"]`);
        if (last) {
          const box = last.getBoundingClientRect();
          const view = target.getBoundingClientRect();
          if (box.height > 0 && box.top < view.bottom && box.bottom > view.top)
            return resolve(performance.now() - started);
        }
        if (performance.now() - started > 20_000) return resolve(null);
        target.scrollTop = target.scrollHeight;
        requestAnimationFrame(step);
      };
      step();
    });
  }, lastId);
}

/**
 * Opens the post with the most comments in Chromium through the e2e harness (the built
 * renderer over the real core, on an index already built in `profileDir`), `runs` times. The
 * first run is the first open of the thread in a fresh app (main has read no post of it yet).
 */
export async function benchThread(options: {
  library: string;
  profileDir: string;
  posts: PostSummary[];
  runs: number;
  log: (line: string) => void;
}): Promise<ThreadBench> {
  checkBrowserPrerequisites();
  const { posts } = options;
  const order = (post: PostSummary) => posts.indexOf(post);
  const target = posts.reduce((a, b) => (b.foundCommentCount > a.foundCommentCount ? b : a));
  const other = posts.find((p) => p !== target && p.foundCommentCount > 0) ?? posts.find((p) => p !== target);
  if (!other) throw new Error('the library needs at least two posts');

  let browser: Browser | null = null;
  let harness: Harness | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // tsx (esbuild, keepNames) wraps named functions in __name(…): functions serialised into the page
    // (the harness's bridge, the evaluate callbacks here) need it there too. Playwright's own runner does not.
    await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    harness = await startHarness(page, { library: options.library, profileDir: options.profileDir });
    await page.getByRole('navigation', { name: 'Posts' }).getByRole('button').first().waitFor({ timeout: 60_000 });

    const { handlers } = harness.service;
    let lastId: string | null = null;
    const runs: ThreadRun[] = [];
    for (let run = 0; run < options.runs; run++) {
      await openOtherPost(page, other, order(other));
      await revealPostButton(page, target.id, target.title, order(target));
      const open = await measureOpen(page, target.title);
      // Looked up once the page has the thread, so that the first run opens it in a fresh main.
      lastId ??= lastCommentId((await handlers['posts.get']({ id: target.id, part: 'whole' })).post.comments);
      const scrollToEndMs = await measureScrollToEnd(page, lastId);
      if (scrollToEndMs === null)
        throw new Error(
          `comment ${lastId}, the last of "${target.title}", never came into sight after scrolling to the end`,
        );
      const started = performance.now();
      await handlers['posts.get']({ id: target.id, part: 'start' });
      const coreMs = performance.now() - started;
      await handlers['posts.articles']({ id: target.id });
      const articlesCoreMs = performance.now() - started - coreMs;
      runs.push({ ...open, scrollToEndMs, coreMs, articlesCoreMs });
      options.log(
        `  thread run ${run + 1}${run === 0 ? ' (first open)' : ''}: first paint ${Math.round(open.firstPaintMs)} ms, whole thread ${Math.round(open.wholeThreadMs)} ms, ` +
          `articles shown ${Math.round(open.articlesShownMs)} ms, scroll to end ${Math.round(scrollToEndMs)} ms (main: posts.get ${Math.round(coreMs)} ms, posts.articles ${Math.round(articlesCoreMs)} ms)`,
      );
    }
    if (!lastId) throw new Error('no runs');
    if (errors.length) throw new Error(`the page threw: ${errors.slice(0, 3).join('; ')}`);
    return {
      post: { id: target.id, title: target.title, comments: target.foundCommentCount, lastCommentId: lastId },
      runs,
      chromium: browser.version(),
      rendererBuilt: statSync(join(RENDERER_DIR, 'index.html')).mtime.toISOString(),
    };
  } finally {
    await harness?.service.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}
