import type { Element } from 'domhandler';
import { LineMap } from '../html/dom';
import { parseDom } from '../html/parser';
import { richText, toHtmlBlocks } from '../html/rich-text';

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

/** Line numbers do not matter here: a feed post's blocks are numbered by the entry's content (assemble.ts). */
const NO_LINES = new LineMap('');

/** A line of spaces and non-breaking spaces only. */
const BLANK = /^[\s\u00a0]*$/;

/**
 * The paragraphs of an entry's HTML content (`<content type="html">`, already unescaped by the XML
 * parser), split as the saved-page reader splits a post's body (html/rich-text.ts), which is how a
 * browser copies it as text: the same post then has the same paragraphs in every form.
 */
export function htmlParagraphs(html: string): string[] {
  const { doc } = parseDom(`<div>${html}</div>`);
  const root = doc.children.find((node): node is Element => node.type === 'tag');
  return root ? toHtmlBlocks(richText(root, NO_LINES)).map((block) => block.text) : [];
}

/** The paragraphs of plain-text content (`<content type="text">`). */
export function textParagraphs(text: string): string[] {
  return toParagraphs(text.replace(/\r\n?/g, '\n'));
}
