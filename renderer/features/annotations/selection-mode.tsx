/**
 * Selection mode: annotating by keyboard. `v` on a focused comment or paragraph puts a caret at
 * the start of its text (`V` selects the whole paragraph); then
 * - ← → move the caret by a character, ↑ ↓ by a line, Ctrl (⌥ on a Mac) + ← → by a word;
 * - Shift + those extend the selection the same way (by a character, a word with Ctrl/⌥, a line);
 * - `s` / Shift+S extend it to the end of the sentence / back to the start of one; `V` selects the paragraph;
 * - Esc leaves the mode, the focus back on the comment or paragraph it started from.
 * The selection is the document's own, so the selection toolbar (./SelectionToolbar.tsx) opens on it
 * as after a mouse selection, and its keys (1–5, H, N, T) highlight, note and tag. What is selected
 * is read out through a polite live region.
 */
import { useContext, useEffect, useState } from 'react';
import { StoreContext, useApp, type AppStore } from '../../store';
import { focusThread } from '../layout/keyboard-actions';
import { isTextField } from '../../ui/text-field';
import { pendingSelectionOf } from './selection';

/** How much of the selected text is read out. */
const SPOKEN_CHARS = 120;

let returnTo: HTMLElement | null = null;

/** The paragraph selection mode starts in: the focused one, else the first of the focused comment (or of the post). */
function startParagraph(): HTMLElement | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !active.closest('.thread')) return null;
  if (active.matches('p[data-part]')) return active;
  const holder =
    active.closest('article.comment-body') ??
    (active.id === 'post-title' ? document.querySelector('.post-body') : null);
  return holder?.querySelector<HTMLElement>('p[data-part]') ?? null;
}

/** `v` (caret) / `V` (whole paragraph): starts selection mode; false (the key does nothing) when no comment or paragraph has the focus. */
export function enterSelectionMode(store: AppStore, how: 'caret' | 'paragraph'): boolean {
  const paragraph = startParagraph();
  const selection = window.getSelection();
  if (!paragraph || !selection) return false;
  returnTo = document.activeElement as HTMLElement;
  if (how === 'paragraph') selection.selectAllChildren(paragraph);
  else selection.collapse(paragraph, 0);
  store.getState().setSelectionMode(true);
  return true;
}

/** Leaves selection mode; the focus goes back where it started unless `keepFocus` (it has moved on, to a note). */
function leave(store: AppStore, keepFocus = false): void {
  store.getState().setSelectionMode(false);
  if (keepFocus) return;
  window.getSelection()?.removeAllRanges();
  store.getState().setPendingSelection(null);
  if (returnTo?.isConnected) returnTo.focus({ preventScroll: true });
  else focusThread(store);
  returnTo = null;
}

type Move = [alter: 'move' | 'extend', direction: 'forward' | 'backward', granularity: string];

/** What a key does in selection mode, or null for a key it leaves alone (the toolbar's, Tab …). */
export function moveOf(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>,
): Move | 'paragraph' | null {
  const alter = event.shiftKey ? 'extend' : 'move';
  const word = event.ctrlKey || event.altKey;
  switch (event.key) {
    case 'ArrowLeft':
      return [alter, 'backward', word ? 'word' : 'character'];
    case 'ArrowRight':
      return [alter, 'forward', word ? 'word' : 'character'];
    case 'ArrowUp':
      return [alter, 'backward', 'line'];
    case 'ArrowDown':
      return [alter, 'forward', 'line'];
    case 'Home':
      return [alter, 'backward', 'lineboundary'];
    case 'End':
      return [alter, 'forward', 'lineboundary'];
    case 's':
      return event.ctrlKey || event.metaKey || event.altKey ? null : ['extend', 'forward', 'sentence'];
    case 'S':
      return event.ctrlKey || event.metaKey || event.altKey ? null : ['extend', 'backward', 'sentence'];
    case 'V':
      return 'paragraph';
    default:
      return null;
  }
}

/** What is read out for a selection. */
export function spokenSelection(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim();
  if (!words) return '';
  return `Selected: ${words.length > SPOKEN_CHARS ? `${words.slice(0, SPOKEN_CHARS)}…` : words}`;
}

interface Caret {
  left: number;
  top: number;
  height: number;
}

/** Where the caret (the selection's moving end) is drawn, in viewport pixels. */
function caretBox(selection: Selection): Caret | null {
  if (!selection.focusNode) return null;
  const range = document.createRange();
  range.setStart(selection.focusNode, selection.focusOffset);
  range.collapse(true);
  const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
  if (!rect.height) {
    const element = selection.focusNode instanceof Element ? selection.focusNode : selection.focusNode.parentElement;
    const box = element?.getBoundingClientRect();
    return box ? { left: box.left, top: box.top, height: Math.min(box.height, 24) } : null;
  }
  return { left: rect.left, top: rect.top, height: rect.height };
}

/** Selection mode's keys, caret and live region; rendered by the thread (`root`). */
export function SelectionMode({ root }: { root: HTMLElement | null }) {
  const store = useContext(StoreContext)!;
  const on = useApp((s) => s.selectionMode);
  const [spoken, setSpoken] = useState('');
  const [caret, setCaret] = useState<Caret | null>(null);

  useEffect(() => {
    if (!on || !root) return;
    const selection = window.getSelection();
    const scroller = root.closest('#thread-scroller');
    const show = () => setCaret(selection ? caretBox(selection) : null);
    let own = false;
    const update = () => {
      if (!selection) return;
      const pending = pendingSelectionOf(selection, root, store.getState().openPostId);
      own = true;
      store.getState().setPendingSelection(pending);
      own = false;
      setSpoken(selection.isCollapsed ? '' : spokenSelection(selection.toString()));
      show();
    };
    const start = () => {
      update();
      if (selection?.isCollapsed)
        setSpoken(
          'Selection mode: arrows move, Shift+arrows select, S selects to the end of the sentence, Esc leaves.',
        );
    };
    start();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing || !selection || isTextField(event.target)) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        return leave(store);
      }
      const move = moveOf(event);
      if (!move) return;
      event.preventDefault();
      event.stopPropagation();
      if (move === 'paragraph') {
        const paragraph = (selection.focusNode?.parentElement ?? null)?.closest<HTMLElement>('p[data-part]');
        if (paragraph && root.contains(paragraph)) selection.selectAllChildren(paragraph);
      } else {
        const before = selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
        const backwards = selection.anchorNode && selection.focusNode && isBackwards(selection);
        selection.modify(...move);
        // Kept inside the thread's text: a move that would leave it is undone.
        if (!selection.focusNode || !root.contains(selection.focusNode)) {
          selection.removeAllRanges();
          if (before) {
            if (backwards) {
              selection.collapse(before.endContainer, before.endOffset);
              selection.extend(before.startContainer, before.startOffset);
            } else selection.addRange(before);
          }
        }
      }
      const element = selection.focusNode?.parentElement;
      element?.scrollIntoView?.({ block: 'nearest' });
      update();
    };
    // The annotation made (the toolbar's keys clear the selection), or the focus gone elsewhere: the mode ends.
    // (Once the toolbar's action has run to its end: a note's editor opens after the selection is cleared.)
    const unsubscribe = store.subscribe((state, previous) => {
      if (previous.pendingSelection && !state.pendingSelection && !own)
        queueMicrotask(() => {
          if (store.getState().selectionMode) leave(store, store.getState().editingAnnotationId !== null);
        });
    });
    const onFocusOut = (event: FocusEvent) => {
      const next = event.relatedTarget as Node | null;
      if (next && (!root.contains(next) || isTextField(next))) leave(store, true);
    };
    window.addEventListener('keydown', onKeyDown, true);
    root.addEventListener('focusout', onFocusOut);
    scroller?.addEventListener('scroll', show, { passive: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      root.removeEventListener('focusout', onFocusOut);
      scroller?.removeEventListener('scroll', show);
      unsubscribe();
    };
  }, [on, root, store]);

  return (
    <>
      <p className="sr-only" aria-live="polite">
        {on ? spoken : ''}
      </p>
      {on && caret && (
        <span
          className="keyboard-caret"
          aria-hidden="true"
          style={{ left: `${caret.left}px`, top: `${caret.top}px`, height: `${caret.height}px` }}
        />
      )}
      {on && (
        <p className="selection-mode-hint" aria-hidden="true">
          Selection mode · arrows move · Shift+arrows select · S sentence · V paragraph · Esc leaves
        </p>
      )}
    </>
  );
}

/** True when the selection's focus comes before its anchor. */
function isBackwards(selection: Selection): boolean {
  const { anchorNode, anchorOffset, focusNode, focusOffset } = selection;
  if (!anchorNode || !focusNode) return false;
  if (anchorNode === focusNode) return focusOffset < anchorOffset;
  return Boolean(anchorNode.compareDocumentPosition(focusNode) & Node.DOCUMENT_POSITION_PRECEDING);
}
