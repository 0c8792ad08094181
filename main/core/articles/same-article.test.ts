import { describe, expect, it } from 'vitest';
import { previewOf } from './library-index';
import { BAND_COUNT, bandBucket, fingerprintOf, groupsOfKeys, sameArticleText, shingles } from './same-article';
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

describe('band buckets and links', () => {
  const base = Array.from({ length: BAND_COUNT * 4 }, (_, i) => 1000 + i);
  /** The base signature with rows `rows` changed. */
  const changed = (...rows: number[]) => base.map((v, i) => (rows.includes(i) ? v + 1 : v));

  it('put two signatures in the same bucket of a band exactly when its rows agree', () => {
    expect(bandBucket(changed(4, 5, 6, 7), 0)).toBe(bandBucket(base, 0));
    expect(bandBucket(changed(0), 0)).not.toBe(bandBucket(base, 0));
    // The band number is part of the bucket: the same rows in another band are another bucket.
    expect(bandBucket(base.slice(4).concat(base.slice(0, 4)), 1)).not.toBe(bandBucket(base, 0));
    expect(Number.isSafeInteger(bandBucket(base, 3))).toBe(true);
  });

  it('link two texts only through a band whose rows agree, and when enough of the signature agrees', () => {
    // 12 of 40 rows differ (70% agree), none in band 0: linked through band 0, not through band 1.
    const near = changed(4, 8, 12, 16, 20, 24, 28, 32, 36, 5, 9, 13);
    expect(sameArticleText(base, near, 0)).toBe(true);
    expect(sameArticleText(base, near, 1)).toBe(false);
    // 13 differ: under 70%, not the same article even with band 0 agreeing.
    expect(sameArticleText(base, changed(4, 8, 12, 16, 20, 24, 28, 32, 36, 5, 9, 13, 17), 0)).toBe(false);
    const keys = [
      { id: 'a', urlKey: null, fingerprint: base },
      { id: 'b', urlKey: 'example.org/x', fingerprint: near },
      { id: 'c', urlKey: 'example.org/x', fingerprint: null },
      { id: 'd', urlKey: null, fingerprint: changed(...Array.from({ length: 40 }, (_, i) => i)) },
    ];
    // a–b by text, b–c by URL: one group, transitively; d is like none of them.
    expect(groupsOfKeys(keys)).toEqual([['a', 'b', 'c']]);
  });
});
