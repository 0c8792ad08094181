import { describe, expect, it } from 'vitest';
import { fingerprintOf, shingles } from './same-article';
import { normalise } from './text';

const TEXT =
  "Probation staff were told on Monday that the Community Rehabilitation Companies' contracts would end early, and that the work would return to the National Probation Service by June next year.";

describe('shingles and fingerprints', () => {
  it('split words as normalise() does: case, apostrophes and punctuation make no difference', () => {
    const variant = TEXT.toUpperCase().replace(/'/g, '’').replace(/,/g, ' ;; ');
    expect(shingles(variant)).toEqual(shingles(TEXT));
    expect(shingles(TEXT).size).toBe(normalise(TEXT).split(' ').length - 4);
  });

  it('keep letters outside ASCII as word letters', () => {
    expect(shingles('Café owners in Zürich said naïve things about the rôle')).toEqual(shingles('café OWNERS in zürich said naïve things about the RÔLE'));
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
