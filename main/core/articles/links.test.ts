import { describe, expect, it } from 'vitest';
import { parseHtmlPage } from '../parse/html';
import { extractArticles } from './extract';

const PASTED =
  'Probation officers in three regions say caseloads have risen by a fifth since the reforms, according to figures obtained under freedom of information rules. The ministry said it did not recognise the figures and that recruitment was on track.';

const page = (body: string, comments = '') =>
  parseHtmlPage(
    `<!DOCTYPE html><html><body><h2 class="date-header">Monday, 20 May 2019</h2>
<div class="post"><h3 class="post-title">Links Kept</h3>
<div class="post-body">${body}</div></div>
<div id="comments"><h4>1 comment:</h4><dl id="comments-block">${comments}</dl></div>
</body></html>`,
    'links.html',
  ).posts[0]!;

describe('articles from a saved HTML page', () => {
  it('give a pasted article the URL its intro links to, with the source it tells', () => {
    const post = page(
      `The figures were detailed earlier in <a href="https://www.theguardian.com/society/2019/may/20/probation-caseloads-rise">this piece</a>:-<br><br>"${PASTED}"`,
    );
    const [article] = extractArticles(post).articles;
    expect(article).toMatchObject({
      kind: 'article',
      url: 'https://www.theguardian.com/society/2019/may/20/probation-caseloads-rise',
      source: { name: 'The Guardian', site: 'theguardian.com' },
    });
    expect(article!.evidence).toContain('URL from the link in its intro');
  });

  it('list a link whose text is not its URL, once, where it is', () => {
    const post = page(
      'Read <a href="https://www.napo.org.uk/news/workload-survey">the union survey</a> before Friday.',
      '<dt class="comment-author">Jo said...</dt><dd class="comment-body">Also <a href="https://www.napo.org.uk/news/workload-survey">this</a> and <a href="https://example.org/other-page-here">another page</a>.</dd>',
    );
    const links = extractArticles(post).articles.filter((a) => a.kind === 'link');
    expect(links.map((a) => [a.url, a.location])).toEqual([
      ['https://www.napo.org.uk/news/workload-survey', { part: 'body', line: 3, endLine: 3 }],
      ['https://example.org/other-page-here', { part: 'comments', commentIds: ['1'] }],
    ]);
  });

  it('do not list a link twice when its text is its URL', () => {
    const post = page('See <a href="http://www.example.org/a-report">www.example.org/a-report</a> for more.');
    const links = extractArticles(post).articles.filter((a) => a.kind === 'link');
    expect(links).toHaveLength(1);
  });
});
