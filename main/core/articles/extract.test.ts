import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../parse';
import { extractArticles, sourceFromIntro } from './extract';
import { isOnlyUrl, siteOf, titleFromUrl } from './urls';

const seed = (name: string) => parseSeed(readFileSync(join(import.meta.dirname, '../../../seeds', name)), name).post!;

describe('first-pass article extraction', () => {
  it('finds the Ian Lawrence piece after its ":-" intro, to the end of the body', () => {
    const [article] = extractArticles(seed('000_edcf6b3ca6297939.txt'));
    expect(article).toMatchObject({
      kind: 'article',
      source: 'Ian Lawrence',
      title: '"Irredeemably flawed" - but probation is repairable',
      location: { part: 'body', line: 7 },
    });
    expect(article!.text.endsWith('Ian Lawrence')).toBe(true);
  });

  it('keeps an article split over two replies under a URL-only comment as one article', () => {
    const articles = extractArticles(seed('004_72f7fc2b7a245681.txt'));
    const politics = articles.find((a) => a.source === 'politics.co.uk');
    expect(politics).toMatchObject({ kind: 'article', location: { part: 'comments', commentIds: ['3', '3.1', '3.2'] } });
    expect(politics!.text).toContain('tipping point');
    expect(politics!.text).toContain("The trust's briefing quotes one prisoner");
  });

  it('names outlets and people from intro lines', () => {
    expect(sourceFromIntro("piece in the Guardian suggests there's little if any evidence that privatisation works:-")).toBe('Guardian');
    expect(sourceFromIntro('First off, the latest from Pat Waterman, Chair of Napo Greater London Branch:-')).toBe('Pat Waterman');
    expect(sourceFromIntro('Here is what I think:-')).toBeNull();
  });

  it('lists a link with no pasted text as a link, with a title from its headline parameter', () => {
    const articles = extractArticles(seed('004_72f7fc2b7a245681.txt'));
    expect(articles.find((a) => a.source === 'barnet-today.co.uk')).toMatchObject({
      kind: 'link',
      title: 'Pensioners get £100k tax codes, while Capita error leaves staff unpaid',
      location: { part: 'comments', commentIds: ['5'] },
    });
  });

  it('reads partial URLs and slugs', () => {
    expect(isOnlyUrl('.redpepper.org.uk/is-there-nothing-g4s-can-do/')).toBe(true);
    expect(isOnlyUrl('see .redpepper.org.uk/x for more')).toBe(false);
    expect(siteOf('.redpepper.org.uk/is-there-nothing-g4s-can-do/')).toBe('redpepper.org.uk');
    expect(titleFromUrl('https://x.org/news/2014/05/some-long-headline-here')).toBe('Some long headline here');
    expect(titleFromUrl('https://x.org/%E0%A4%A-bad-escape')).toBe('%E0%A4%A bad escape');
  });
});
