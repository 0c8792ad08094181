import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partTexts } from '../../../main/core/annotations/parts';
import { extractArticles } from '../../../main/core/articles';
import { parseSeed } from '../../../main/core/parse';
import { bodySegments, commentSegments } from './segments';
import type { Comment } from '../../../preload/api';

const SEEDS = join(import.meta.dirname, '../../../seeds');

describe('paragraph offsets', () => {
  it.each(readdirSync(SEEDS))('place every shown paragraph of %s exactly in its annotation part', (file) => {
    const post = parseSeed(readFileSync(join(SEEDS, file)), file).post!;
    const { articles, quotes } = extractArticles(post);
    const parts = partTexts(post, articles);
    const shown = [...bodySegments(post, articles)];
    const visit = (c: Comment) => {
      shown.push(...commentSegments(c, articles, quotes));
      c.replies.forEach(visit);
    };
    post.comments.forEach(visit);
    const paragraphs = shown.flatMap((s) => s.paragraphs);
    expect(paragraphs.length).toBeGreaterThan(10);
    for (const p of paragraphs) expect(parts.get(p.part)!.slice(p.offset, p.offset + p.text.length), p.id).toBe(p.text);
  });
});
