import type { PendingSelection } from '../../store/annotations-slice';

/** Where a selection in the reader falls, in the annotation parts' texts (see ShownParagraph.part/offset). */
export interface PartSelection {
  part: string;
  start: number;
  end: number;
  /** The selected words, when they lie in one paragraph (main checks them against the part's text). */
  exact: string | undefined;
  rect: { x: number; y: number };
}

const paragraphOf = (node: Node | null): HTMLElement | null =>
  ((node instanceof HTMLElement ? node : node?.parentElement)?.closest('p[data-part]') as HTMLElement | null) ?? null;

/** Characters of a paragraph's text before (node, offset). */
function offsetIn(paragraph: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(paragraph, 0);
  range.setEnd(node, offset);
  return Number(paragraph.dataset.offset) + range.toString().length;
}

/**
 * The current selection as a stretch of one part's text, trimmed of white space at its ends;
 * null when nothing is selected, or it crosses from one part (the post, a comment) to another.
 */
export function selectionInPart(selection: Selection | null, within: HTMLElement | null): PartSelection | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !within) return null;
  const range = selection.getRangeAt(0);
  if (!within.contains(range.commonAncestorContainer)) return null;
  const first = paragraphOf(range.startContainer);
  const last = paragraphOf(range.endContainer);
  if (!first || !last || first.dataset.part !== last.dataset.part) return null;
  let start = offsetIn(first, range.startContainer, range.startOffset);
  let end = offsetIn(last, range.endContainer, range.endOffset);
  const text = range.toString();
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  if (first === last) {
    start += lead;
    end -= trail;
  }
  if (end <= start) return null;
  const box = range.getBoundingClientRect();
  return {
    part: first.dataset.part!,
    start,
    end,
    exact: first === last ? text.trim() : undefined,
    rect: { x: box.left + box.width / 2, y: box.top },
  };
}

/** The selection as what the selection toolbar offers to annotate in a post; null when it is not one part's text. */
export function pendingSelectionOf(
  selection: Selection | null,
  within: HTMLElement | null,
  postId: string | null,
): PendingSelection | null {
  const found = selectionInPart(selection, within);
  if (!found || !postId) return null;
  return {
    postId,
    part: found.part,
    start: found.start,
    end: found.end,
    exact: found.exact ?? '',
    x: found.rect.x,
    y: found.rect.y,
  };
}

/**
 * Event handlers for a pane holding highlights: a click on one (not the end of a selection)
 * or Enter on it opens it with `edit`.
 */
export function highlightOpeners(edit: (id: string) => void) {
  const markOf = (target: EventTarget) => (target as HTMLElement).closest<HTMLElement>('mark[data-annotation-id]');
  return {
    onClick: (event: { target: EventTarget }) => {
      const mark = markOf(event.target);
      if (mark && window.getSelection()?.isCollapsed !== false) edit(mark.dataset.annotationId!);
    },
    onKeyDown: (event: { target: EventTarget; key: string }) => {
      const mark = markOf(event.target);
      if (mark && event.key === 'Enter') edit(mark.dataset.annotationId!);
    },
  };
}
