import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../parse';
import { sourceFromIntro } from './attribution';
import { extractArticles } from './extract';
import { siteOf } from './sources';
import { isOnlyUrl, titleFromUrl } from './urls';

const seed = (name: string) => parseSeed(readFileSync(join(import.meta.dirname, '../../../seeds', name)), name).post!;

describe('article extraction on the seeds', () => {
  it('finds the Ian Lawrence piece after its ":-" intro, to the end of the body with its sign-off', () => {
    const [article] = extractArticles(seed('000_edcf6b3ca6297939.txt')).articles;
    expect(article).toMatchObject({
      kind: 'article',
      source: { name: 'Ian Lawrence', kind: 'person' },
      title: '"Irredeemably flawed" - but probation is repairable',
      location: { part: 'body', line: 7 },
    });
    expect(article!.text.endsWith('Ian Lawrence')).toBe(true);
    expect(article!.evidence).toContain('intro line ends ":-"');
  });

  it('keeps an article split over two replies under a URL-only comment as one article', () => {
    const { articles } = extractArticles(seed('004_72f7fc2b7a245681.txt'));
    const politics = articles.find((a) => a.source.name === 'politics.co.uk');
    expect(politics).toMatchObject({
      kind: 'article',
      location: { part: 'comments', commentIds: ['3', '3.1', '3.2'] },
    });
    expect(politics!.spans.map((s) => s.part === 'comment' && s.commentId)).toEqual(['3.1', '3.2']);
    expect(politics!.text).toContain('tipping point');
    expect(politics!.text).toContain("The trust's briefing quotes one prisoner");
    expect(politics!.evidence).toContain('continues in the next reply');
  });

  it('lists a link with no pasted text as a link, with a title from its headline parameter', () => {
    const { articles } = extractArticles(seed('004_72f7fc2b7a245681.txt'));
    expect(articles.find((a) => a.source.name === 'barnet-today.co.uk')).toMatchObject({
      kind: 'link',
      source: { kind: 'website', site: 'barnet-today.co.uk' },
      title: 'Pensioners get £100k tax codes, while Capita error leaves staff unpaid',
      location: { part: 'comments', commentIds: ['5'] },
    });
  });

  it('links internal quotes to what they quote', () => {
    const { quotes } = extractArticles(seed('000_edcf6b3ca6297939.txt'));
    const byComment = Object.fromEntries(
      quotes.map((q) => [q.span.part === 'comment' ? q.span.commentId : 'body', q.target]),
    );
    expect(byComment['8']).toMatchObject({ part: 'body' });
    expect(byComment['6.1']).toMatchObject({ part: 'comment', commentId: '7' });
  });
});

describe('helpers', () => {
  it('names outlets and people from intro lines', () => {
    expect(
      sourceFromIntro("piece in the Guardian suggests there's little if any evidence that privatisation works:-")
        ?.source,
    ).toMatchObject({
      name: 'The Guardian',
      kind: 'outlet',
    });
    expect(
      sourceFromIntro('First off, the latest from Pat Waterman, Chair of Napo Greater London Branch:-')?.source,
    ).toMatchObject({
      name: 'Pat Waterman',
      kind: 'person',
    });
    expect(sourceFromIntro('Here is what I think:-')).toBeNull();
  });

  it('reads partial URLs and slugs', () => {
    expect(isOnlyUrl('.redpepper.org.uk/is-there-nothing-g4s-can-do/')).toBe(true);
    expect(isOnlyUrl('see .redpepper.org.uk/x for more')).toBe(false);
    expect(siteOf('.redpepper.org.uk/is-there-nothing-g4s-can-do/')).toBe('redpepper.org.uk');
    expect(siteOf('https://news.bbc.co.uk/1/hi/uk/123.stm')).toBe('bbc.co.uk');
    expect(titleFromUrl('https://x.org/news/2014/05/some-long-headline-here')).toBe('Some long headline here');
    expect(titleFromUrl('https://x.org/prison-governors-grayling-s-regime')).toBe("Prison governors grayling's regime");
    expect(titleFromUrl('https://x.org/%E0%A4%A-bad-escape')).toBe('%E0%A4%A bad escape');
  });
});

describe('titles and voices', () => {
  it('does not make a title of an id-like slug', () => {
    expect(titleFromUrl('http://www.bbc.co.uk/news/uk-81890576')).toBeNull();
  });

  it('does not take a commenter\'s own first-person words after a ":" line as pasted text', () => {
    const text = [
      'Monday 20 May 2019',
      '',
      'A Post',
      '',
      'Body.',
      '',
      '1 comment:',
      '',
      '  1. Here is what I told the Justice Committee last week:',
      '',
      '    I was a probation officer for twenty years and I have never seen caseloads like the ones my team carries now, with cases transferred without any handover at all.',
      '',
      '    My colleagues are leaving faster than they can be replaced, and the training for new staff has been cut to a few weeks of online modules that nobody finishes.',
      '',
      '    ReplyDelete',
    ].join('\n');
    const post = parseSeed(text, 'voice.txt').post!;
    expect(extractArticles(post).articles.filter((a) => a.kind === 'article')).toEqual([]);
  });
});
