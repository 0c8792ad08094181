import { describe, expect, it } from 'vitest';
import { isOpenableUrl, trimUrl, URL_IN_TEXT } from './url-policy';

describe('which links open in the system browser', () => {
  it.each([
    ['https://www.theguardian.com/society', true],
    ['http://example.org/a?b=c#d', true],
    ['HTTPS://EXAMPLE.COM/', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['mailto:someone@example.org', false],
    ['ftp://example.org/file', false],
    ['app://threadline/index.html', false],
    ['www.napo.org.uk/news', false],
    ['', false],
  ])('%j: %s', (url, openable) => {
    expect(isOpenableUrl(url)).toBe(openable);
  });
});

describe('web addresses in text', () => {
  const found = (text: string) => Array.from(text.matchAll(URL_IN_TEXT), (m) => trimUrl(m[0]));

  it.each([
    ['See https://example.org/story.', ['https://example.org/story']],
    ['(www.napo.org.uk/news), and', ['www.napo.org.uk/news']],
    ['it was .redpepper.org.uk/is-there-a-future/ then', ['.redpepper.org.uk/is-there-a-future/']],
    ['“http://example.com/quoted” said', ['http://example.com/quoted']],
    ['e.g. a 2.5% rise in the U.K.', []],
  ])('in %j', (text, urls) => {
    expect(found(text)).toEqual(urls);
  });
});
