import type { Element, Text } from 'domhandler';
import { joinTrimmed, WHITESPACE_ONLY } from '../lines';
import type { Block, Link } from '../types';
import { classesOf, collapse, leadingSpace, NEVER_TEXT, trailingSpace, walk, type LineMap } from './dom';

/** Elements that end the line they are on, as a browser copies them as text. */
const LINE_BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);
/** Elements a copy sets apart by a blank line (they have a margin below). */
const PARAGRAPH_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Class names of Blogger's controls that can sit inside a post's body or a comment: not text. */
const CONTROL_CLASSES = ['jump-link', 'post-share-buttons', 'item-control', 'blog-admin', 'comment-actions'];

/** One line of text as a copy of the page would show it, with the source lines it came from. */
export interface OutLine {
  text: string;
  line: number;
  endLine: number;
}

export interface RichText {
  lines: OutLine[];
  /** Links in the text, each with the index in `lines` of the line it starts on. */
  links: { link: Link; at: number }[];
}

/**
 * A link target worth keeping: http(s) and protocol-relative URLs. Anchors, "javascript:" and
 * relative paths (which point into a saved page's own folder) are not.
 */
export function usableHref(raw: string | undefined): string | null {
  if (!raw) return null;
  const href = raw.trim();
  if (/^https?:\/\/[^\s]/i.test(href)) return href;
  if (href.startsWith('//') && href.length > 2) return `https:${href}`;
  return null;
}

class TextBuilder {
  readonly lines: OutLine[] = [];
  private cur = '';
  private curLine = 0;
  private curEnd = 0;
  private blankBefore = false;
  private anyText = false;

  /** Index of the line text goes to next, and the column in it. */
  position(): { at: number; column: number } {
    return { at: this.lines.length, column: this.cur.length };
  }

  /** The text written since `from`, on one line. */
  since(from: { at: number; column: number }): string {
    const parts: string[] = [];
    for (let k = from.at; k < this.lines.length; k++)
      parts.push(k === from.at ? this.lines[k]!.text.slice(from.column) : this.lines[k]!.text);
    parts.push(from.at === this.lines.length ? this.cur.slice(from.column) : this.cur);
    return collapse(parts.join(' ')).trim();
  }

  append(piece: string, line: number, endLine: number): void {
    if (piece === '') return;
    if (this.cur === '') {
      piece = piece.replace(/^ +/, '');
      if (piece === '') return;
      if (this.blankBefore && this.anyText && this.lines[this.lines.length - 1]?.text !== '')
        this.lines.push({ text: '', line, endLine: line });
      this.blankBefore = false;
      this.curLine = line;
    } else if (this.cur.endsWith(' ') && piece.startsWith(' ')) {
      piece = piece.slice(1);
    }
    this.cur += piece;
    this.curEnd = Math.max(this.curLine, endLine);
  }

  /** Ends the current line, if it has text. */
  endLine(): boolean {
    const text = this.cur.slice(0, this.cur.length - trailingSpace(this.cur));
    if (text === '') {
      this.cur = '';
      return false;
    }
    this.lines.push({ text, line: this.curLine, endLine: this.curEnd });
    this.cur = '';
    this.anyText = true;
    return true;
  }

  /** A <br>: ends the line, or adds an empty one when the line is empty. */
  lineBreak(line: number): void {
    if (!this.endLine()) this.lines.push({ text: '', line, endLine: line });
    this.blankBefore = false;
  }

  boundary(paragraph: boolean): void {
    this.endLine();
    if (paragraph) this.blankBefore = true;
  }

  cell(): void {
    if (this.cur.trim() !== '') this.cur = this.cur.replace(/ +$/, '') + '\t';
  }

  finish(): OutLine[] {
    this.endLine();
    return this.lines;
  }
}

const isControl = (el: Element): boolean => {
  const classes = classesOf(el);
  return CONTROL_CLASSES.some((name) => classes.has(name));
};

/**
 * The text of an element as a browser's "select all, copy" gives it: white space collapsed,
 * <br> ends a line, block elements start a new line and paragraphs (and headings) are set apart by a
 * blank line; scripts, styles and Blogger's controls left out. Links are kept with their targets.
 */
export function richText(root: Element, map: LineMap): RichText {
  const out = new TextBuilder();
  const links: RichText['links'] = [];
  let pre = 0;
  let openLink: { el: Element; href: string; from: ReturnType<TextBuilder['position']> } | null = null;

  const textLines = (node: Text): { line: number; endLine: number } => {
    const data = node.data;
    const lead = leadingSpace(data);
    const trail = trailingSpace(data);
    const start = node.startIndex ?? 0;
    const end = node.endIndex ?? start + data.length - 1;
    return { line: map.lineOf(start + lead), endLine: map.lineOf(Math.max(start + lead, end - trail)) };
  };

  walk(root, {
    element: (el) => {
      const name = el.name;
      if (NEVER_TEXT.has(name) || isControl(el)) return 'skip';
      if (name === 'br') {
        out.lineBreak(map.lineOf(el.startIndex));
        return 'skip';
      }
      if (name === 'img' || name === 'wbr') return 'skip';
      if (name === 'td' || name === 'th') out.cell();
      else if (PARAGRAPH_BLOCKS.has(name)) out.boundary(true);
      else if (LINE_BLOCKS.has(name)) out.boundary(false);
      if (name === 'pre') pre++;
      if (name === 'a' && !openLink) {
        const href = usableHref(el.attribs['href']);
        if (href) openLink = { el, href, from: out.position() };
      }
      return 'enter';
    },
    leave: (el) => {
      const name = el.name;
      if (name === 'pre') pre--;
      if (openLink && openLink.el === el) {
        const text = out.since(openLink.from);
        if (text)
          links.push({ link: { text, href: openLink.href, line: map.lineOf(el.startIndex) }, at: openLink.from.at });
        openLink = null;
      }
      if (PARAGRAPH_BLOCKS.has(name)) out.boundary(true);
      else if (LINE_BLOCKS.has(name)) out.boundary(false);
    },
    text: (node) => {
      const { line, endLine } = textLines(node);
      if (pre > 0) {
        const parts = node.data.split(/\r\n|\n|\r/);
        parts.forEach((part, k) => {
          if (k > 0) out.lineBreak(line + k);
          out.append(part, line + k, line + k);
        });
        return;
      }
      out.append(collapse(node.data), line, endLine);
    },
  });
  return { lines: out.finish(), links };
}

const blank = (line: OutLine) => WHITESPACE_ONLY.test(line.text);

/** Paragraphs: runs of lines with text, split at blank lines, each with the links that start in it. */
export function toHtmlBlocks(text: RichText): Block[] {
  const blocks: Block[] = [];
  let run: OutLine[] = [];
  let runStart = 0;
  let linkAt = 0;
  const flush = (end: number) => {
    if (!run.length) return;
    const block: Block = {
      text: run.map((l) => l.text).join('\n'),
      line: run[0]!.line,
      endLine: run.reduce((end, l) => Math.max(end, l.endLine), 0),
    };
    const links: Link[] = [];
    while (linkAt < text.links.length && text.links[linkAt]!.at < end) {
      if (text.links[linkAt]!.at >= runStart) links.push(text.links[linkAt]!.link);
      linkAt++;
    }
    if (links.length) block.links = links;
    blocks.push(block);
    run = [];
  };
  text.lines.forEach((line, k) => {
    if (blank(line)) flush(k);
    else {
      if (!run.length) runStart = k;
      run.push(line);
    }
  });
  flush(text.lines.length);
  return numberLikeText(blocks);
}

/**
 * Readers of a post take line k of a block's text to be file line `line + k`, and blocks to follow
 * one another with a blank line between, as in a text copy. Markup need not: several paragraphs can
 * sit on one source line, and one source line can hold several lines of text. Where it does, the
 * later lines are numbered on from the last, so every line of text has its own number; where the
 * markup gives each line its own source line (Blogger's usual output), the numbers are the source's.
 */
export function numberLikeText(blocks: Block[]): Block[] {
  let floor = 1;
  for (const block of blocks) {
    let lines = 1;
    for (let at = block.text.indexOf('\n'); at >= 0; at = block.text.indexOf('\n', at + 1)) lines++;
    if (block.line < floor) block.line = floor;
    block.endLine = Math.max(block.endLine, block.line + lines - 1);
    floor = block.endLine + 2;
  }
  return blocks;
}

/** A comment's text: its lines with inner blank lines kept, and where its first line is. */
export function commentText(text: RichText): {
  text: string;
  textLine: number | null;
  endLine: number | null;
  links: Link[];
} {
  const first = text.lines.find((l) => !blank(l));
  const last = [...text.lines].reverse().find((l) => !blank(l));
  return {
    text: joinTrimmed(text.lines.map((l) => l.text)),
    textLine: first?.line ?? null,
    endLine: last?.endLine ?? null,
    links: text.links.map((l) => l.link),
  };
}
