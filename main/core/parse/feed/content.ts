import { Parser } from 'htmlparser2';

/**
 * Elements a browser lays out as blocks: each starts and ends a paragraph, as it does in a text copy
 * of the rendered page.
 */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);

/** Elements whose text a reader never sees. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object']);

/** White space HTML collapses; the non-breaking space is not among it. */
const COLLAPSIBLE = /[ \t\n\r\f]+/g;
const BLANK = /^[\s\u00a0]*$/;

/**
 * The text a browser shows for a piece of HTML, as lines: `<br>` ends a line, block elements stand
 * apart with a blank line, runs of white space become one space (except inside `<pre>`), and nothing
 * hidden (scripts, styles) is kept. Parsed with htmlparser2; entities are decoded.
 */
export function htmlToText(html: string): string {
  const pieces: string[] = [];
  let hidden = 0;
  let pre = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        else if (name === 'br') pieces.push('\n');
        else if (BLOCK.has(name)) {
          pieces.push('\n\n');
          if (name === 'pre') pre++;
        }
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK.has(name)) {
          pieces.push('\n\n');
          if (name === 'pre') pre = Math.max(0, pre - 1);
        }
      },
      ontext(text) {
        if (hidden) return;
        pieces.push(pre ? text.replace(/\r\n?/g, '\n') : text.replace(COLLAPSIBLE, ' '));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return pieces.join('');
}

/**
 * Splits shown text into paragraphs the way the text-copy reader does: consecutive non-blank lines
 * make one paragraph (joined with "\n"), and a blank line (spaces and non-breaking spaces only)
 * separates them. Spaces at the ends of lines are dropped, as a browser drops them.
 */
export function toParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let run: string[] = [];
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const line = trimEdges(text, from, to);
    if (line === '' || BLANK.test(line)) {
      if (run.length) paragraphs.push(run.join('\n'));
      run = [];
    } else run.push(line);
    from = to + 1;
  }
  if (run.length) paragraphs.push(run.join('\n'));
  return paragraphs;
}

const isEdgeSpace = (code: number) => code === 32 || code === 9 || code === 13 || code === 12;

/** `text.slice(from, to)` without spaces, tabs, CRs and form feeds at its ends (a hand loop: most lines have none). */
function trimEdges(text: string, from: number, to: number): string {
  while (from < to && isEdgeSpace(text.charCodeAt(from))) from++;
  while (to > from && isEdgeSpace(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

/** The paragraphs of an entry's HTML content (`<content type="html">`, already unescaped by the XML parser). */
export function htmlParagraphs(html: string): string[] {
  return toParagraphs(htmlToText(html));
}

/** The paragraphs of plain-text content (`<content type="text">`). */
export function textParagraphs(text: string): string[] {
  return toParagraphs(text.replace(/\r\n?/g, '\n'));
}
