import { readBloggerPage } from './html/blogger';
import { decodeHtml } from './html/decode-html';
import { LineMap } from './html/dom';
import { parseDom } from './html/parser';
import type { PageResult, Problem } from './types';

export const NO_POST_MESSAGE =
  'The file is an HTML page but no Blogger post was found in it; save the post’s page itself from the blog (File › Save Page As…), or save its text as a .txt file.';

/**
 * Reads a Blogger page saved from a browser ("Web page, complete" or "HTML only") into its posts,
 * with htmlparser2. Pure: nothing in the page is run or fetched, and the files a complete save puts
 * beside it are never read. Never throws; everything odd is a located problem.
 */
export function parseHtmlPage(input: string | Uint8Array, file: string): PageResult {
  const problems: Problem[] = [];
  let text: string;
  if (typeof input === 'string') text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  else {
    const decoded = decodeHtml(input, file);
    for (const problem of decoded.problems) problems.push(problem);
    if (decoded.text === null) return { format: 'html', posts: [], problems, header: null };
    text = decoded.text;
  }
  const map = new LineMap(text);
  const { doc, cutShort } = parseDom(text);
  const page = readBloggerPage(doc, map, file);
  for (const problem of page.problems) problems.push(problem);
  if (cutShort && text.trim())
    problems.push({
      file,
      line: map.lines,
      severity: 'warning',
      message:
        'The page ends before its closing </html>: it may have been saved before it finished loading. What it holds is shown; save the page again to be sure.',
    });
  if (!page.posts.length)
    problems.push({
      file,
      line: null,
      severity: 'error',
      message: text.trim()
        ? NO_POST_MESSAGE
        : 'Reading the page failed: the file is empty. Save the post’s page again, or remove the file from the library folder.',
    });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { format: 'html', posts: page.posts, problems, header: page.header };
}
