import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeed } from './index';

const seed = (name: string) => parseSeed(readFileSync(join(import.meta.dirname, '../../../seeds', name)), name);

describe('the real seed 000 (Latest From Napo 188)', () => {
  const { post, problems } = seed('000_edcf6b3ca6297939.txt');

  it('reads the date, title and a stable id', () => {
    expect(post?.date).toBe('2019-05-20');
    expect(post?.title).toBe('Latest From Napo 188');
    expect(post?.id).toBe('2019-05-20-latest-from-napo-188');
  });

  it('finds 11 top-level comments with replies under 1 (two), 4 and 6 — 15 against 16 declared', () => {
    expect(post?.comments).toHaveLength(11);
    expect(post?.comments.map((c) => c.replies.map((r) => r.id))).toEqual([
      ['1.1', '1.2'],
      [],
      [],
      ['4.1'],
      [],
      ['6.1'],
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(post?.foundCommentCount).toBe(15);
    expect(post?.declaredCommentCount).toBe(16);
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 54,
        severity: 'warning',
        message: expect.stringContaining('declares 16 comments but 15 were found'),
      }),
    );
  });

  it('keeps comment text exactly, with inner blank lines and curly quotes', () => {
    const eight = post!.comments[7]!;
    expect(eight.text.startsWith('\u201cOur preparation in advance of the embargoed news')).toBe(true);
    expect(eight.text).toContain('\n\nI can honestly say');
    expect(post!.comments[10]!.text).toBe('The second option I fear 21:04.');
  });

  it('keeps a numbered list inside a comment as its text, not as replies', () => {
    const three = post!.comments[2]!;
    expect(three.replies).toHaveLength(0);
    expect(three.text).toContain('1) Rehabilitative interventions:');
  });
});

describe('the real seed 004 (Omnishambles Update 48)', () => {
  const { post, problems } = seed('004_72f7fc2b7a245681.txt');

  it('finds 6 top-level comments, 9 in all, matching the declared count', () => {
    expect(post?.comments).toHaveLength(6);
    expect(post?.foundCommentCount).toBe(9);
    expect(post?.declaredCommentCount).toBe(9);
    expect(problems).toEqual([]);
  });

  it('puts the article split over two replies under comment 3', () => {
    expect(post!.comments[2]!.replies.map((r) => r.id)).toEqual(['3.1', '3.2']);
    expect(post!.comments[2]!.text).toBe(
      'http://www.politics.co.uk/news/2014/05/07/prison-governors-grayling-s-regime-is-driving-us-to-tipping',
    );
  });

  it('keeps the £ sign and lines of a body paragraph together', () => {
    const para = post!.body.find((b) => b.text.startsWith('Sick of hearing'));
    expect(para?.text.split('\n')).toHaveLength(3);
    expect(para?.text).toContain('£4 billion');
  });
});
