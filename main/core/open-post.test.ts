import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ARTICLE_COMMENT, ARTICLE_URL, bigThreadSeed, QUOTED_COMMENT, QUOTING_COMMENT } from '../../e2e/big-library';
import { extractArticles } from './articles';
import { FIRST_PART_CHARS, firstCommentCount, postChars, SHORT_POST_CHARS } from './open-post';
import { createService } from './service';
import type { Comment, Post } from './parse';

const SEEDS = join(import.meta.dirname, '../../seeds');
const OMNISHAMBLES = '2014-05-07-omnishambles-update-48';
const LONGEST = '2013-06-03-the-longest-thread';

/** The seeds plus a 2,000-comment thread (and any other files), opened and indexed. */
async function open(files: [string, string][] = []) {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-open-post-'));
  await cp(SEEDS, dir, { recursive: true });
  await writeFile(join(dir, 'longest.txt'), bigThreadSeed(2000));
  for (const [name, text] of files) await writeFile(join(dir, name), text);
  const profileDir = await mkdtemp(join(tmpdir(), 'threadline-profile-'));
  const service = createService({
    defaultLibrary: SEEDS,
    profileDir,
    watch: false,
    openExternal: async () => {},
    chooseFolder: async () => null,
  });
  onTestFinished(() => service.close());
  await service.openLibrary(dir);
  await service.whenIndexed();
  return { dir, handlers: service.handlers };
}

const comment = (id: string, text: string, replies: Comment[] = []): Comment => ({
  id,
  writtenNumber: null,
  author: null,
  time: null,
  text,
  line: 1,
  textLine: 1,
  endLine: 1,
  replies,
});

describe('the first comments of a long thread', () => {
  const comments = [
    comment('1', 'a'.repeat(40), [comment('1.1', 'b'.repeat(40))]),
    comment('2', 'c'.repeat(40)),
    comment('3', 'd'.repeat(40)),
  ];

  it('takes the comments whose text, with their replies, fits the budget', () => {
    expect(firstCommentCount(comments, 85)).toBe(1);
    expect(firstCommentCount(comments, 120)).toBe(2);
    expect(firstCommentCount(comments, 1000)).toBe(3);
  });

  it('always takes at least one, so the first screen has a comment', () => {
    expect(firstCommentCount([comment('1', 'a'.repeat(500))], 100)).toBe(1);
    expect(firstCommentCount([], 100)).toBe(0);
  });

  it('counts a post’s text: its body, comments and replies', () => {
    expect(
      postChars({ body: [{ text: 'x'.repeat(10), line: 3, endLine: 3 }], comments } as Pick<
        Post,
        'body' | 'comments'
      > as Post),
    ).toBe(170);
  });
});

describe('opening a post in parts', () => {
  it('answers a short post whole, with its articles and internal quotes', async () => {
    const { handlers } = await open();
    const detail = await handlers['posts.get']({ id: OMNISHAMBLES, part: 'start' });
    expect(postChars(detail.post)).toBeLessThan(SHORT_POST_CHARS);
    expect(detail.post.comments).toHaveLength(detail.commentTotal);
    const found = extractArticles(detail.post);
    expect(detail.quoted?.articles.map((a) => a.id)).toEqual(found.articles.map((a) => a.id));
    expect(detail.quoted?.quotes.map((q) => q.id)).toEqual(found.quotes.map((q) => q.id));
    expect(await handlers['posts.articles']({ id: OMNISHAMBLES })).toEqual(detail.quoted);
  });

  it('answers the start of a long thread at once; the rest and its articles complete it', async () => {
    const { handlers } = await open();
    const start = await handlers['posts.get']({ id: LONGEST, part: 'start' });
    const whole = await handlers['posts.get']({ id: LONGEST });
    expect(start.commentTotal).toBe(2000);
    expect(start.quoted).toBeNull();
    expect(whole.quoted).toBeNull();
    expect(whole.post.comments).toHaveLength(2000);
    // The first part is a screenful or more, and small.
    expect(start.post.comments.length).toBeGreaterThan(20);
    expect(start.post.comments.length).toBeLessThan(ARTICLE_COMMENT);
    expect(postChars({ ...start.post, body: [] })).toBeLessThanOrEqual(FIRST_PART_CHARS);
    expect(JSON.stringify(start).length).toBeLessThan(JSON.stringify(whole).length / 5);
    expect({ ...start.post, comments: [] }).toEqual({ ...whole.post, comments: [] });

    const rest = await handlers['posts.comments']({ id: LONGEST, from: start.post.comments.length });
    expect([...start.post.comments, ...rest]).toEqual(whole.post.comments);
    expect(await handlers['posts.comments']({ id: LONGEST, from: 5000 })).toEqual([]);

    const { articles, quotes } = await handlers['posts.articles']({ id: LONGEST });
    const gazette = articles.find((a) => a.url === ARTICLE_URL)!;
    expect(gazette.location).toEqual({
      part: 'comments',
      commentIds: [`${ARTICLE_COMMENT}`, `${ARTICLE_COMMENT}.1`, `${ARTICLE_COMMENT}.2`],
    });
    expect(gazette.alsoQuotedIn).toEqual([]);
    expect(quotes).toContainEqual(
      expect.objectContaining({
        span: expect.objectContaining({ commentId: `${QUOTING_COMMENT}` }),
        target: expect.objectContaining({ commentId: `${QUOTED_COMMENT}` }),
      }),
    );
  });

  it('reads the file again for the later parts when it changed after the post was opened', async () => {
    const { dir, handlers } = await open();
    const start = await handlers['posts.get']({ id: LONGEST, part: 'start' });
    const text = await readFile(join(dir, 'longest.txt'), 'utf8');
    await writeFile(join(dir, 'longest.txt'), text.replace('  1999. Comment 1999.', '  1999. Comment 1999, edited.'));
    const rest = await handlers['posts.comments']({ id: LONGEST, from: start.post.comments.length });
    expect(rest.find((c) => c.id === '1999')?.text).toMatch(/^Comment 1999, edited\./);
  });

  it('gives the articles of a post the library renamed (a second copy) ids under its name', async () => {
    const { handlers } = await open([['longest-copy.txt', bigThreadSeed(2000)]]);
    const copy = (await handlers['posts.list']({})).find((p) => p.id.startsWith(`${LONGEST}~`))!;
    expect(copy).toBeDefined();
    expect((await handlers['posts.get']({ id: copy.id, part: 'start' })).post.id).toBe(copy.id);
    const { articles, quotes } = await handlers['posts.articles']({ id: copy.id });
    expect(articles.length).toBeGreaterThan(0);
    expect([...articles, ...quotes].every((a) => a.id.startsWith(`${copy.id}#`))).toBe(true);
    // The same piece in both copies.
    expect(articles.find((a) => a.url === ARTICLE_URL)?.alsoQuotedIn).toEqual([
      expect.objectContaining({ postId: LONGEST }),
    ]);
  });

  it('says a post that is not in the library cannot be opened, for every part', async () => {
    const { handlers } = await open();
    for (const call of [
      () => handlers['posts.get']({ id: 'no-such-post' }),
      () => handlers['posts.articles']({ id: 'no-such-post' }),
    ])
      await expect(call()).rejects.toThrow(/^Opening the post failed: "no-such-post" is not in this library/);
    await expect(handlers['posts.comments']({ id: 'no-such-post', from: 0 })).rejects.toThrow(/is not in this library/);
  });
});
