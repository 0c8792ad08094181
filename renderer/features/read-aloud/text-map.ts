/**
 * The text of some elements as a reader hears it, with a map back to the DOM: a line break
 * between blocks (paragraphs, headings), headers and buttons left out, so a sentence found in the
 * text can be marked on the page as a Range.
 */

const BLOCKS = new Set(['P', 'LI', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'DIV', 'SECTION', 'ARTICLE', 'FIGURE', 'PRE']);
const SKIPPED = 'header:not(.post-header), button, .comment-header, [aria-hidden="true"]';

export interface TextMap {
  text: string;
  /** Each text node and where its text starts in `text`. */
  nodes: { node: Text; start: number }[];
}

export function textMapOf(roots: readonly Element[]): TextMap {
  let text = '';
  const nodes: TextMap['nodes'] = [];
  const breakLine = () => {
    if (text && !text.endsWith('\n')) text += '\n';
  };
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      nodes.push({ node: node as Text, start: text.length });
      text += (node as Text).data;
      return;
    }
    if (!(node instanceof Element) || node.matches(SKIPPED)) return;
    const block = BLOCKS.has(node.tagName);
    if (block) breakLine();
    node.childNodes.forEach(visit);
    if (block) breakLine();
  };
  roots.forEach(visit);
  return { text, nodes };
}

/** The DOM range of text[start, end); null when the page changed under it. */
export function rangeOf(map: TextMap, start: number, end: number): Range | null {
  const at = (offset: number, isEnd: boolean) => {
    for (const { node, start: from } of map.nodes) {
      const to = from + node.data.length;
      if (offset >= from && (isEnd ? offset <= to : offset < to)) return { node, offset: offset - from };
    }
    return null;
  };
  const from = at(start, false);
  const to = at(end, true);
  if (!from || !to || !from.node.isConnected || !to.node.isConnected) return null;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}
