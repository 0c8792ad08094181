import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticles } from '../../../main/core/articles';
import { parseSeed } from '../../../main/core/parse';
import { placeAtTop, revealOfPlace } from './reading-place';
import { postParagraphs } from './segments';

const SEEDS = join(import.meta.dirname, '../../../seeds');
const file = readdirSync(SEEDS).find((f) => f.startsWith('000'))!;
const post = parseSeed(readFileSync(join(SEEDS, file)), file).post!;
const detail = { post, ...extractArticles(post) };

describe('the place at the top of the thread pane', () => {
  it.each([
    [
      'above every paragraph (the title): the scroll offset',
      [{ id: 'post-block-5', top: 40, height: 20 }],
      12,
      { offset: 12 },
    ],
    [
      'inside a body paragraph',
      [
        { id: 'post-block-5', top: -30.4, height: 60 },
        { id: 'post-block-9', top: 30, height: 20 },
      ],
      300,
      { line: 5, offset: 30 },
    ],
    [
      'inside a paragraph of a reply: the innermost element holding the top edge',
      [
        { id: 'comment-3', top: -400, height: 900 },
        { id: 'comment-3-p0', top: -380, height: 40 },
        { id: 'comment-3.1', top: -120, height: 300 },
        { id: 'comment-3.1-p2', top: -10, height: 40 },
        { id: 'comment-3.2', top: 180, height: 100 },
      ],
      5000,
      { commentId: '3.1', line: 2, offset: 10 },
    ],
    [
      'between paragraphs, in a comment’s header: the comment',
      [
        { id: 'comment-12', top: -8, height: 200 },
        { id: 'comment-12-p0', top: 24, height: 40 },
      ],
      900,
      { commentId: '12', offset: 8 },
    ],
    [
      'ignoring hidden elements and ids that name no place',
      [
        { id: 'post-block-1', top: -300, height: 40 },
        { id: 'comments-heading', top: -40, height: 30 },
        { id: 'comment-4.1', top: -20, height: 0 },
        { id: 'find-3', top: -5, height: 16 },
      ],
      700,
      { line: 1, offset: 300 },
    ],
  ])('%s', (_case, elements, scrollTop, expected) => {
    expect(placeAtTop('p', elements, scrollTop)).toEqual({ postId: 'p', ...expected });
  });
});

describe('scrolling back to a remembered place', () => {
  const paragraphs = postParagraphs(detail);
  const inReply = paragraphs.find((p) => p.commentId?.includes('.'))!;
  const inBody = paragraphs.find((p) => p.bodyLine !== null && p.bodyLine > 3)!;

  it('goes to the same paragraph of a reply, offset as it was', () => {
    const line = Number(/-p(\d+)$/.exec(inReply.id)![1]);
    expect(revealOfPlace({ postId: post.id, commentId: inReply.commentId!, line, offset: 14 }, detail)).toEqual({
      target: { commentId: inReply.commentId },
      elementId: inReply.id,
      offset: 14,
    });
  });

  it('goes to the same body paragraph', () => {
    expect(revealOfPlace({ postId: post.id, line: inBody.bodyLine!, offset: 3 }, detail)).toEqual({
      target: { bodyLine: inBody.bodyLine },
      elementId: inBody.id,
      offset: 3,
    });
  });

  it('falls back to the comment’s start when its paragraph is gone, and to the scroll offset when the comment is', () => {
    expect(revealOfPlace({ postId: post.id, commentId: '2', line: 999, offset: 50 }, detail)).toEqual({
      target: { commentId: '2' },
      elementId: 'comment-2',
      offset: 0,
    });
    expect(revealOfPlace({ postId: post.id, commentId: '99', offset: 50 }, detail)).toBeNull();
    expect(revealOfPlace({ postId: post.id, offset: 50 }, detail)).toBeNull();
  });
});
