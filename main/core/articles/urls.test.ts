import { describe, expect, it } from 'vitest';
import { trimUrl, URL_IN_TEXT } from '../shared/url-policy';
import { findUrls } from './urls';

/** What the pattern alone finds, with no cheap test first. */
const byPatternAlone = (text: string) => Array.from(text.matchAll(URL_IN_TEXT), (m) => trimUrl(m[0]));

describe('findUrls', () => {
  const texts = [
    'See https://www.theguardian.com/society/2014/probation-sell-off for the story.',
    'Worth a look:\nwww.napo.org.uk/news',
    '.redpepper.org.uk/is-there-a-future/ was the piece',
    'It was cut (.redpepper.org.uk/is-there-a-future/) by the subs',
    'Partial, after a space .example.co.uk/page and after a line break\n.example.org/x',
    'HTTP://EXAMPLE.COM/SHOUTING and Www.Example.Com too',
    'No address here, e.g. a 2.5% rise, the U.K. and ...etc. and so on.',
    'An ellipsis...then text, a decimal 3.14159 and word.word with no space',
    'file.txt is not a link, nor is version 1.2.3, but see .gov.uk/guidance.',
    '',
  ];

  it('finds what the pattern alone finds, in every text (the cheap test first never drops one)', () => {
    for (const text of texts) expect(findUrls(text), text).toEqual(byPatternAlone(text));
  });

  it('finds the partial address after an opening bracket and at the start of a line', () => {
    expect(findUrls(texts[3]!)).toEqual(['.redpepper.org.uk/is-there-a-future/']);
    expect(findUrls(texts[4]!)).toEqual(['.example.co.uk/page', '.example.org/x']);
  });
});
