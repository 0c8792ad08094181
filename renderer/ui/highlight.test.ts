import { describe, expect, it } from 'vitest';
import { findPattern, fold, markPieces, matchRanges, termPattern, type MarkRange } from './highlight';

const marked = (text: string, pattern: RegExp | null) => matchRanges(text, pattern).map((r) => text.slice(r.start, r.end));

describe('marking words', () => {
  it('marks search terms as whole words, a prefix where words start, ignoring case; a phrase across punctuation and line ends', () => {
    const pattern = termPattern(['tipping point', 'probat*', "grayling's", 'the']);
    expect(marked('A "Tipping\nPoint" for probation and reprobates; Grayling’s regime, they said, The end', pattern)).toEqual([
      'Tipping\nPoint',
      'probat',
      'Grayling’s',
      'The',
    ]);
    expect(termPattern([])).toBeNull();
    expect(termPattern(['"', '(('])).toBeNull();
  });

  it('ignores accents, with offsets in the original text', () => {
    const text = 'Un café, Cafe\u0301s et CAFÉ';
    expect(fold(text).text).toBe('Un cafe, Cafes et CAFE');
    expect(marked(text, termPattern(['cafe']))).toEqual(['café', 'CAFÉ']);
    expect(marked(text, termPattern(['cafe*']))).toEqual(['café', 'Cafe\u0301', 'CAFÉ']);
    expect(marked(text, findPattern('CAFÉ'))).toEqual(['café', 'Cafe\u0301', 'CAFÉ']);
    // Curly quotes, dashes and £ fold to themselves; an accent among them is still folded.
    const plain = '“Cafe” – £5… ‘fine’';
    expect(fold(plain)).toEqual({ text: plain, map: [] });
    expect(fold(`${plain} café`).text).toBe(`${plain} cafe`);
    expect(marked(`“Café” – £5`, termPattern(['cafe']))).toEqual(['Café']);
  });

  it('finds what was typed literally, spaces matching any white space', () => {
    expect(marked('a (b) c\n(b)  c', findPattern('(b) c'))).toEqual(['(b) c', '(b)  c']);
    expect(findPattern('   ')).toBeNull();
  });

  it('cuts a text into pieces, the higher-priority mark winning where marks overlap', () => {
    const marks: MarkRange[] = [
      { start: 0, end: 5, className: 'hit', priority: 1 },
      { start: 3, end: 8, className: 'find', id: 'find-0', priority: 2 },
    ];
    const pieces = markPieces('abcdefghij', marks);
    expect(pieces.map((p) => [p.text, p.mark?.className ?? null])).toEqual([
      ['abc', 'hit'],
      ['defgh', 'find'],
      ['ij', null],
    ]);
    expect(markPieces('abcdefghij', marks, 4, 9).map((p) => [p.text, p.mark?.className ?? null])).toEqual([
      ['efgh', 'find'],
      ['i', null],
    ]);
  });
});
