import { describe, expect, it } from 'vitest';
import { previewOf } from './library-index';
import { fingerprintOf, shingles } from './same-article';
import { normalise } from './text';
import type { Article } from './types';

const TEXT =
  "Probation staff were told on Monday that the Community Rehabilitation Companies' contracts would end early, and that the work would return to the National Probation Service by June next year.";

describe('shingles and fingerprints', () => {
  it('split words as normalise() does: case, apostrophes and punctuation make no difference', () => {
    const variant = TEXT.toUpperCase().replace(/'/g, '’').replace(/,/g, ' ;; ');
    expect(shingles(variant)).toEqual(shingles(TEXT));
    expect(shingles(TEXT).size).toBe(normalise(TEXT).split(' ').length - 4);
  });

  it('keep letters outside ASCII as word letters', () => {
    expect(shingles('Café owners in Zürich said naïve things about the rôle')).toEqual(
      shingles('café OWNERS in zürich said naïve things about the RÔLE'),
    );
    expect(shingles('Café owners in Zürich said')).not.toEqual(shingles('Caf owners in Zrich said'));
  });

  it('differ when a word differs', () => {
    expect(shingles(TEXT)).not.toEqual(shingles(TEXT.replace('Monday', 'Tuesday')));
  });

  it('have no fingerprint under forty words, or with fewer distinct shingles than that', () => {
    expect(fingerprintOf(TEXT)).toBeNull();
    expect(fingerprintOf('the same words again '.repeat(30))).toBeNull();
    const long = `${TEXT} ${TEXT.replace(/e/g, 'a')}`;
    expect(fingerprintOf(long)).toHaveLength(40);
    expect(fingerprintOf(long)).toEqual(fingerprintOf(long.toLowerCase()));
  });
});

describe('previewOf', () => {
  const article = (text: string) => ({ kind: 'article', text, url: null }) as unknown as Article;
  const slow = (text: string) => {
    const collapsed = text.replace(/\s+/g, ' ').trim();
    return collapsed.length > 200 ? `${collapsed.slice(0, 200)}…` : collapsed;
  };

  it('collapses only the start of a long text, with the same result as collapsing all of it', () => {
    const word = 'abcdefghi ';
    const texts = [
      '  \n' + word.repeat(100),
      'x'.repeat(201) + ' \n\t ',
      'x'.repeat(200) + ' \n\t ',
      'x'.repeat(200) + ' '.repeat(1000) + 'y',
      'x'.repeat(799) + ' '.repeat(10) + 'y',
      ' '.repeat(900) + word.repeat(30),
      ('a\n\n  b ' + ' '.repeat(300)).repeat(5),
    ];
    for (const text of texts) expect(previewOf(article(text))).toBe(slow(text));
  });
});
