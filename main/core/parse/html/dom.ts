import type { ChildNode, Element, ParentNode, Text } from 'domhandler';

/**
 * Small, iterative helpers over htmlparser2's tree. Nothing here recurses, so markup nested a
 * hundred thousand levels deep walks in a loop, not on the call stack.
 */

/** Elements whose content is never page text: code, styles, embedded documents, form controls. */
export const NEVER_TEXT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'select',
  'textarea',
  'button',
  'input',
  'head',
  'title',
  'meta',
  'link',
]);

export const isElement = (node: ChildNode): node is Element =>
  node.type === 'tag' || node.type === 'script' || node.type === 'style';
export const isText = (node: ChildNode): node is Text => node.type === 'text';

const NO_CLASSES: ReadonlySet<string> = new Set();

/** The element's class names. */
export function classesOf(el: Element): ReadonlySet<string> {
  const value = el.attribs['class'];
  return value ? new Set(value.split(/[ \t\n\r\f]+/).filter(Boolean)) : NO_CLASSES;
}

/** What a walk does at an element: go inside it, or pass it by. */
export type Visit = 'enter' | 'skip';

export interface WalkCallbacks {
  element?: (el: Element) => Visit;
  leave?: (el: Element) => void;
  text?: (node: Text) => void;
}

/** Visits the children of `root` in document order, depth first, with an explicit stack. */
export function walk(root: ParentNode, callbacks: WalkCallbacks): void {
  // Entries are nodes to visit, or elements to leave (wrapped so the two never mix up).
  const stack: (ChildNode | { leave: Element })[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length) {
    const entry = stack.pop()!;
    if ('leave' in entry) {
      callbacks.leave?.(entry.leave);
      continue;
    }
    if (isText(entry)) {
      callbacks.text?.(entry);
      continue;
    }
    if (!isElement(entry)) continue;
    if (callbacks.element && callbacks.element(entry) === 'skip') continue;
    if (callbacks.leave) stack.push({ leave: entry });
    for (let i = entry.children.length - 1; i >= 0; i--) stack.push(entry.children[i]!);
  }
}

/** White space that collapsing changes: runs of two or more, and any tab, line end or form feed. A lone space stays. */
const SPACES = /[ \t\n\r\f]{2,}|[\t\n\r\f]/g;

const isSpace = (ch: number) => ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 12;

/** How many HTML white-space characters a text starts with. */
export function leadingSpace(text: string): number {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** How many HTML white-space characters a text ends with. */
export function trailingSpace(text: string): number {
  let i = text.length;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return text.length - i;
}

/** Collapses HTML white space (not non-breaking spaces) to single spaces. */
export const collapse = (text: string): string => text.replace(SPACES, ' ');

/** The element's visible text on one line: white space collapsed, trimmed; scripts and styles left out. */
export function plainText(el: Element, skip?: (el: Element) => boolean): string {
  const parts: string[] = [];
  walk(el, {
    element: (child) => (NEVER_TEXT.has(child.name) || skip?.(child) ? 'skip' : 'enter'),
    text: (node) => parts.push(node.data),
  });
  return collapse(parts.join('')).trim();
}

/** The first element under `root` (not `root` itself) that matches, in document order. */
export function findFirst(root: ParentNode, test: (el: Element) => boolean): Element | null {
  let found: Element | null = null;
  walk(root, {
    element: (el) => {
      if (found) return 'skip';
      if (test(el)) {
        found = el;
        return 'skip';
      }
      return NEVER_TEXT.has(el.name) ? 'skip' : 'enter';
    },
  });
  return found;
}

/** Every element under `root` that matches, not looking inside a match. */
export function findAll(root: ParentNode, test: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  walk(root, {
    element: (el) => {
      if (test(el)) {
        found.push(el);
        return 'skip';
      }
      return NEVER_TEXT.has(el.name) ? 'skip' : 'enter';
    },
  });
  return found;
}

/** Maps offsets in the parsed text to 1-based line numbers (CRLF, LF or a lone CR end a line). */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    // The native search finds line ends far faster than a loop over every character of a large page.
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
    let lone = false;
    for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) {
      if (text.charCodeAt(at + 1) !== 10) {
        this.starts.push(at + 1);
        lone = true;
      }
    }
    if (lone) this.starts.sort((a, b) => a - b);
  }

  /** The line of an offset; line 1 for an unknown one. */
  lineOf(offset: number | null): number {
    if (offset === null || offset < 0) return 1;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  get lines(): number {
    return this.starts.length;
  }
}
