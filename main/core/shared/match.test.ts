import { describe, expect, it } from 'vitest';
import { fold, matchRanges, termPattern } from './match';

const marked = (text: string, pattern: RegExp | null) =>
  matchRanges(text, pattern).map((r) => text.slice(r.start, r.end));

describe('marking words', () => {
  it('marks search terms as whole words, a prefix where words start, ignoring case; a phrase across punctuation and line ends', () => {
    const pattern = termPattern(['tipping point', 'probat*', "grayling's", 'the']);
    expect(
      marked('A "Tipping\nPoint" for probation and reprobates; Grayling’s regime, they said, The end', pattern),
    ).toEqual(['Tipping\nPoint', 'probat', 'Grayling’s', 'The']);
    expect(termPattern([])).toBeNull();
    expect(termPattern(['"', '(('])).toBeNull();
  });

  it('ignores accents, with offsets in the original text', () => {
    const text = 'Un café, Cafe\u0301s et CAFÉ';
    expect(fold(text).text).toBe('Un cafe, Cafes et CAFE');
    expect(marked(text, termPattern(['cafe']))).toEqual(['café', 'CAFÉ']);
    expect(marked(text, termPattern(['cafe*']))).toEqual(['café', 'Cafe\u0301', 'CAFÉ']);
    // Curly quotes, dashes and £ fold to themselves; an accent among them is still folded.
    const plain = '“Cafe” – £5… ‘fine’';
    expect(fold(plain)).toEqual({ text: plain, map: [] });
    expect(fold(`${plain} café`).text).toBe(`${plain} cafe`);
    expect(marked(`“Café” – £5`, termPattern(['cafe']))).toEqual(['Café']);
  });
});
