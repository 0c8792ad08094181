import { describe, expect, it } from 'vitest';
import {
  articlePart,
  BODY_PART,
  bodyOffsets,
  bodyParagraphAt,
  bodyText,
  commentPart,
  describePart,
  parsePart,
  type ParsedPart,
} from './part-keys';

describe('part keys', () => {
  it.each<[string, string, ParsedPart]>([
    ['the body', BODY_PART, { kind: 'body', id: null }],
    ['a comment', commentPart('3'), { kind: 'comment', id: '3' }],
    ['a reply', commentPart('3.2'), { kind: 'comment', id: '3.2' }],
    ['an article', articlePart('omnishambles-48#a2'), { kind: 'article', id: 'omnishambles-48#a2' }],
    ['an article id holding a colon', articlePart('a:b#a1'), { kind: 'article', id: 'a:b#a1' }],
  ])('reads back what was built for %s', (_case, key, parsed) => {
    expect(parsePart(key)).toEqual(parsed);
  });

  it('spells the keys as stored in the annotations file', () => {
    expect([BODY_PART, commentPart('3.2'), articlePart('p#a1')]).toEqual(['body', 'comment:3.2', 'article:p#a1']);
  });

  it.each(['', 'Body', 'post', 'comment:', 'article:', 'comments:3', '3.2', 'note:1'])(
    'is not a part key: %j',
    (key) => {
      expect(parsePart(key)).toBeNull();
    },
  );

  it.each([
    ['body', 'the post'],
    ['comment:3', 'comment 3'],
    ['comment:3.2', 'comment 3.2'],
    ['article:omnishambles-48#a2', 'quoted article 2'],
    ['article:p#a12', 'quoted article 12'],
    ['article:no-number', 'quoted article no-number'],
    ['something-else', 'something-else'],
  ])('describes %s as "%s"', (key, words) => {
    expect(describePart(key)).toBe(words);
  });
});

describe('body offsets', () => {
  const body = [{ text: 'First paragraph.' }, { text: 'Second,\non two lines.' }, { text: 'Third.' }];

  it('joins the paragraphs with a blank line and finds each one at its offset', () => {
    const text = bodyText(body);
    expect(text).toBe('First paragraph.\n\nSecond,\non two lines.\n\nThird.');
    const offsets = bodyOffsets(body);
    expect(offsets).toEqual([0, 18, 41]);
    body.forEach((paragraph, i) =>
      expect(text.slice(offsets[i], offsets[i]! + paragraph.text.length)).toBe(paragraph.text),
    );
  });

  it.each([
    [0, 0],
    [15, 0],
    // The blank line after a paragraph is still its own.
    [16, 0],
    [17, 0],
    [18, 1],
    [40, 1],
    [41, 2],
    [46, 2],
    // Past the end: the last paragraph.
    [500, 2],
  ])('puts offset %i in paragraph %i', (offset, index) => {
    expect(bodyParagraphAt(body, offset)).toBe(index);
  });

  it('has no paragraph in an empty body', () => {
    expect(bodyText([])).toBe('');
    expect(bodyOffsets([])).toEqual([]);
    expect(bodyParagraphAt([], 0)).toBe(-1);
  });
});
