import { describe, expect, it } from 'vitest';
import { anchor, describeRange, findTypedQuote, type Anchor, type PartTexts } from './anchor';

const parts = (entries: Record<string, string>): PartTexts => new Map(Object.entries(entries));
/** The text an anchor lands on. */
const landed = (p: PartTexts, a: Anchor) => (a.state === 'orphan' ? null : p.get(a.part)!.slice(a.start, a.end));

const BODY =
  'The Probation Service was split in 2014 into the National Probation Service and 21 Community Rehabilitation Companies.';
const C1 = 'I remember the day the split was announced; nobody believed it would work.';
const C2 = 'Grayling pushed it through regardless, and we have been picking up the pieces since.';

describe('anchoring an annotation', () => {
  const before = parts({ body: BODY, 'comment:1': C1, 'comment:2': C2 });
  const made = (part: string, words: string) =>
    describeRange(before.get(part)!, before.get(part)!.indexOf(words), before.get(part)!.indexOf(words) + words.length);

  it('lands exactly where it was when nothing changed', () => {
    const s = made('comment:2', 'picking up the pieces');
    expect(anchor(before, 'comment:2', s)).toEqual({
      state: 'exact',
      part: 'comment:2',
      start: C2.indexOf('picking'),
      end: C2.indexOf(' since'),
    });
  });

  it('follows its words when text is inserted before them, and when lines are reflowed', () => {
    const s = made('body', 'National Probation Service');
    const after = parts({
      body: `UPDATE: see below.\n\n${BODY.replace('the National', 'the\n   National')}`,
      'comment:1': C1,
      'comment:2': C2,
    });
    const a = anchor(after, 'body', s);
    expect(a.state).toBe('exact');
    expect(landed(after, a)).toBe('National Probation Service');
  });

  it('follows a comment renumbered by a comment added before it', () => {
    const s = made('comment:2', 'picking up the pieces');
    const after = parts({ body: BODY, 'comment:1': 'First!', 'comment:2': C1, 'comment:3': C2 });
    const a = anchor(after, 'comment:2', s);
    expect(a).toMatchObject({ state: 'exact', part: 'comment:3' });
    expect(landed(after, a)).toBe('picking up the pieces');
  });

  it('lands fuzzily on its passage with a typo fixed inside it', () => {
    const s = made('comment:1', 'nobody believed it would work');
    const after = parts({ body: BODY, 'comment:1': C1.replace('believed', 'beleived'), 'comment:2': C2 });
    const a = anchor(after, 'comment:1', s);
    expect(a.state).toBe('fuzzy');
    expect(landed(after, a)).toBe('nobody beleived it would work');
  });

  it('is an orphan when its passage is gone, even with similar words elsewhere', () => {
    const s = made('comment:1', 'the split was announced');
    const after = parts({
      body: BODY,
      'comment:1': 'I remember it well.',
      'comment:2': `${C2} The split was announced in 2013.`,
    });
    expect(anchor(after, 'comment:1', s)).toEqual({ state: 'orphan' });
  });

  it('is an orphan rather than a guess between copies its context cannot tell apart', () => {
    const s = describeRange('yes yes yes', 4, 7);
    expect(anchor(parts({ body: 'no. no. yes yes yes yes' }), 'body', s)).toEqual({ state: 'orphan' });
  });
});

describe('finding words a person typed', () => {
  const text = 'the latest blog post\u00a0 from Ian Lawrence,\nand the\tlatest  blog post from Napo';
  it.each([
    ['one space for a no-break space and a space', 'blog post from Ian', [[11, 30]]],
    [
      'a no-break space for a space',
      'latest\u00a0blog',
      [
        [4, 15],
        [49, 61],
      ],
    ],
    ['a space for a line end, a tab or two spaces', 'Lawrence, and the latest blog', [[31, 61]]],
    [
      'every place the words stand, whatever their spacing',
      'latest blog post',
      [
        [4, 20],
        [49, 66],
      ],
    ],
    ['white space around the words ignored', '  Ian Lawrence  ', [[27, 39]]],
    ['nothing for words that are not there', 'blog posts from', []],
    ['nothing for white space alone', ' \u00a0 ', []],
  ])('%s', (_name, quote, expected) => {
    const found = findTypedQuote(text, quote as string);
    expect(found.map(({ start, end }) => [start, end])).toEqual(expected);
  });

  it("returns the text's own characters between the offsets", () => {
    const [hit] = findTypedQuote(text, 'post from Ian');
    expect(text.slice(hit!.start, hit!.end)).toBe('post\u00a0 from Ian');
  });
});
