import { describe, expect, it } from 'vitest';
import { matchRanges } from '../../main/core/shared/match';
import { findPattern, markPieces, type MarkRange } from './highlight';

const marked = (text: string, pattern: RegExp | null) =>
  matchRanges(text, pattern).map((r) => text.slice(r.start, r.end));

describe('marking words', () => {
  it('finds what was typed literally, spaces matching any white space', () => {
    expect(marked('a (b) c\n(b)  c', findPattern('(b) c'))).toEqual(['(b) c', '(b)  c']);
    expect(findPattern('   ')).toBeNull();
  });

  it('finds what was typed ignoring accents', () => {
    expect(marked('Un café, Cafe\u0301s et CAFÉ', findPattern('CAFÉ'))).toEqual(['café', 'Cafe\u0301', 'CAFÉ']);
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
