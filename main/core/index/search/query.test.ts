import { describe, expect, it } from 'vitest';
import { hasPrefix, toFtsQuery } from './query';

describe('toFtsQuery', () => {
  it('says what it left out of a query', () => {
    expect(toFtsQuery('"unclosed').dropped).toEqual(['an unmatched "']);
    expect(toFtsQuery('NEAR( probation').dropped).toContain('NEAR( (searched as a word)');
    expect(toFtsQuery('probation AND napo').match).toBe('"probation" "AND" "napo"');
  });

  it('searches a one- or two-letter prefix as a word, and says so', () => {
    expect(toFtsQuery('pr*')).toMatchObject({
      match: '"pr"',
      dropped: ['pr* (a prefix search needs 3 letters or more; searched as a word)'],
    });
    expect(toFtsQuery('pro*')).toMatchObject({ match: '"pro"*', terms: ['pro*'] });
    expect(toFtsQuery('é*').match).toBe('"é"');
  });

  it('keeps a quoted phrase whole and searches every other word on its own', () => {
    expect(toFtsQuery('"media  arena" napo privat*')).toEqual({
      match: '"media arena" "napo" "privat"*',
      terms: ['media arena', 'napo', 'privat*'],
      dropped: [],
    });
  });

  it('keeps the pieces of a word split by punctuation together as a phrase, and reports the punctuation', () => {
    expect(toFtsQuery('a/b')).toEqual({ match: '"a b"', terms: ['a b'], dropped: ['/'] });
  });

  it("drops stray punctuation and reports it, but not a sentence's own", () => {
    expect(toFtsQuery('(probation): the union.')).toEqual({
      match: '"probation" "the" "union"',
      terms: ['probation', 'the', 'union'],
      dropped: ['():'],
    });
  });

  it('searches nothing when nothing searchable was typed, and reports each piece once', () => {
    expect(toFtsQuery('^ : ( ^')).toEqual({ match: '', terms: [], dropped: ['^', ':', '('] });
  });

  it('searches a word typed with a combining accent as the same word precomposed', () => {
    expect(toFtsQuery('cafe\u0301').terms).toEqual(['caf\u00e9']);
  });
});

describe('hasPrefix', () => {
  it('tells a query holding a prefix term, wherever it stands, from one without', () => {
    expect(hasPrefix(toFtsQuery('napo privat*'))).toBe(true);
    expect(hasPrefix(toFtsQuery('privat* napo'))).toBe(true);
    expect(hasPrefix(toFtsQuery('pr* napo'))).toBe(false);
    expect(hasPrefix(toFtsQuery('"privat napo"'))).toBe(false);
  });
});
