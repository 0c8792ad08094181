import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitting text into sentences', () => {
  it('splits at full stops, questions and exclamations followed by a space', () => {
    expect(texts('The ferry is late. Again! Who runs this?  Nobody knows.')).toEqual([
      'The ferry is late.',
      'Again!',
      'Who runs this?',
      'Nobody knows.',
    ]);
  });

  it('keeps abbreviations, initials and numbers inside their sentence', () => {
    expect(texts('Mr. Hale met Dr. Ono at No. 10 at 2.30 p.m. today. J. Smith agreed, e.g. on fares.')).toEqual([
      'Mr. Hale met Dr. Ono at No. 10 at 2.30 p.m. today.',
      'J. Smith agreed, e.g. on fares.',
    ]);
  });

  it('ends a sentence at a line break and keeps closing quotes with it', () => {
    expect(texts('He said "enough." Then left\nA new line\n\n(And a note.) End')).toEqual([
      'He said "enough."',
      'Then left',
      'A new line',
      '(And a note.)',
      'End',
    ]);
  });

  it('gives where each sentence is in the text, and nothing for text without words', () => {
    const text = '  First one.   Second one?\n';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(splitSentences('  ... \n -- ')).toEqual([]);
  });
});
