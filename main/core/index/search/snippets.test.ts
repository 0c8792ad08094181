import { describe, expect, it } from 'vitest';
import { matchRanges, termPattern } from '../../shared/match';
import { hitSnippet, snippetOf } from './snippets';

const pattern = (terms: string[]) => termPattern(terms);
const marked = (parts: { text: string; marked: boolean }[] | null) => parts?.filter((p) => p.marked).map((p) => p.text);

describe('snippets', () => {
  it('start a little before the first match, at a word, and mark every match shown', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(10)}The Probation\nService said probation staff were told.${' More words follow here.'.repeat(20)}`;
    const parts = snippetOf(text, pattern(['probation']))!;
    expect(marked(parts)).toEqual(['Probation', 'probation']);
    expect(parts[0]!.text).toBe('…');
    // It starts at a whole word.
    expect(parts[1]!.text).toMatch(/^(Lorem|ipsum|dolor|sit|amet\.|The) /);
    expect(parts.at(-1)!.text).toBe('…');
    expect(parts.map((p) => p.text).join('')).not.toContain('\n');
    expect(parts.map((p) => p.text).join('').length).toBeLessThan(240);
  });

  it('match accents, phrases across line breaks and prefixes as the index does', () => {
    expect(marked(snippetOf('Le Café Noir', pattern(['cafe'])))).toEqual(['Café']);
    expect(marked(snippetOf('the community\nrehabilitation companies', pattern(['community rehabilitation'])))).toEqual(
      ['community\nrehabilitation'.replace('\n', ' ')],
    );
    expect(marked(snippetOf('privatisation and privately', pattern(['privat*'])))).toEqual(['privat', 'privat']);
    // A word is marked whole, as the index matched it: "the" is not the start of "they".
    expect(marked(snippetOf('they said the end', pattern(['the'])))).toEqual(['the']);
  });

  it('in a long text are the ones the whole text gives, wherever its first match falls', () => {
    // A reference: the snippet made from every match of the whole text, folded whole.
    const whole = (text: string, terms: string[]) => {
      const ranges = matchRanges(text, pattern(terms));
      return ranges.length ? ranges[0]!.start : -1;
    };
    const filler = (n: number) => 'word and more words, '.repeat(n);
    for (const at of [10, 4000, 4080, 4090, 4095, 5000, 16_300, 16_380, 40_000]) {
      // An accented spelling first, the plain one just after, with accents before it to fold.
      const text = `Début ${filler(1)}`.padEnd(at, ' ') + 'the Café and the Cafe again' + ` ${filler(3000)} café`;
      const parts = snippetOf(text, pattern(['cafe']))!;
      expect(marked(parts)).toEqual(['Café', 'Cafe']);
      expect(text.indexOf('Café')).toBe(whole(text, ['cafe']));
    }
    // A word cut where the first piece searched ends (4,096 characters) is not taken for a shorter one.
    const cut = `${'x '.repeat(2043)}enterprises ${filler(2000)}`;
    expect(cut.slice(0, 4096).endsWith('enterprise')).toBe(true);
    expect(snippetOf(cut, pattern(['enterprise']))).toBeNull();
    expect(marked(snippetOf(`${cut} enterprise`, pattern(['enterprise'])))).toEqual(['enterprise']);
  });

  it('are null when the text holds no match', () => {
    expect(snippetOf('nothing here', pattern(['probation']))).toBeNull();
    expect(snippetOf('anything', null)).toBeNull();
  });
});

describe('hitSnippet', () => {
  it('is made from the body when the body holds a match, even when the title holds one too', () => {
    const parts = hitSnippet(
      { title: 'Probation news', body: 'The probation service said so.' },
      pattern(['probation']),
    );
    expect(parts.map((p) => p.text).join('')).toBe('The probation service said so.');
    expect(marked(parts)).toEqual(['probation']);
  });

  it('is made from the title when only the title holds a match', () => {
    expect(hitSnippet({ title: 'Probation news', body: 'Nothing to see.' }, pattern(['probation']))).toEqual([
      { text: 'Probation', marked: true },
      { text: ' news', marked: false },
    ]);
  });

  it('is the start of the text, unmarked and cut at a word, when neither holds a match', () => {
    const body = `${'Words   and\nmore words '.repeat(30)}end`;
    const [opening, ...rest] = hitSnippet({ title: 'A title', body }, pattern(['probation']));
    expect(rest).toEqual([]);
    expect(opening!.marked).toBe(false);
    // White space collapsed, cut at the last space within a snippet's length.
    const flat = body.replace(/\s+/g, ' ');
    expect(opening!.text.endsWith('…')).toBe(true);
    const kept = opening!.text.slice(0, -1);
    expect(flat.startsWith(kept)).toBe(true);
    expect(flat[kept.length]).toBe(' ');
    expect(kept.length).toBeLessThanOrEqual(200);
    expect(kept.length).toBeGreaterThan(190);
    expect(hitSnippet({ title: 'A  title', body: '' }, pattern(['probation']))).toEqual([
      { text: 'A title', marked: false },
    ]);
  });
});
