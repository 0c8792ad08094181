import { useContext, useEffect } from 'react';
import { StoreContext } from '../../store';
import { stepFind } from '../find/FindBar';

/** True when typing in this element means typing text (so "/" is a character, not a shortcut). */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type)
  );
}

/** "⌘K" on a Mac, "Ctrl+K" elsewhere; with Shift, "⇧⌘A" and "Ctrl+Shift+A". */
export const shortcutLabel = (key: string, shift = false): string =>
  /Mac|iPhone|iPad/.test(navigator.platform) ? `${shift ? '⇧' : ''}⌘${key}` : `Ctrl+${shift ? 'Shift+' : ''}${key}`;

// ── Reading text size (issue 17, reading comfort): Ctrl/Cmd +, - and 0 ──────────────────────────
/**
 * The reading text size step a key press asks for: Ctrl/Cmd with + (or =, its unshifted key),
 * - or 0, on the main keys or the keypad; null for any other key. Answered before the browser's
 * own page zoom, whose default is prevented.
 */
export function textSizeStepOf(event: KeyboardEvent): -1 | 0 | 1 | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  if (event.key === '+' || event.key === '=' || event.code === 'NumpadAdd') return 1;
  if (event.key === '-' || event.key === '_' || event.code === 'NumpadSubtract') return -1;
  if (!event.shiftKey && (event.key === '0' || event.code === 'Numpad0')) return 0;
  return null;
}
// ── end of the reading text size block ─────────────────────────────────────────────────────────

/**
 * The window's keyboard shortcuts:
 * - Ctrl/Cmd+K, or "/" outside a text field: search the library;
 * - Ctrl/Cmd+F: find in the open post (Chromium's own find is kept out: the default is prevented);
 * - Ctrl/Cmd+Shift+A: show or hide the annotations panel (also from a text field: it types nothing there);
 * - F3 / Shift+F3, Ctrl/Cmd+G / Shift+Ctrl/Cmd+G: next / previous match while the find bar is open;
 * - Ctrl/Cmd +, - and 0: the reading text larger, smaller, or its default size (textSizeStepOf).
 */
export function useShortcuts(): void {
  const store = useContext(StoreContext);
  useEffect(() => {
    if (!store) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const state = store.getState();
      const textStep = textSizeStepOf(event);
      if (textStep !== null) {
        event.preventDefault();
        state.stepTextSize(textStep);
        return;
      }
      const mod = (event.ctrlKey || event.metaKey) && !event.altKey;
      const key = event.key.toLowerCase();
      if (mod && !event.shiftKey && key === 'k') {
        event.preventDefault();
        state.openSearch();
      } else if (mod && event.shiftKey && key === 'a') {
        event.preventDefault();
        if (!state.searchOpen) state.toggleAnnotationsPanel();
      } else if (mod && !event.shiftKey && key === 'f') {
        event.preventDefault();
        if (!state.searchOpen && state.view === 'reader' && state.detail) state.openFind();
      } else if (event.key === '/' && !mod && !event.altKey && !isTextField(event.target) && !state.searchOpen) {
        event.preventDefault();
        state.openSearch();
      } else if (state.findOpen && !state.searchOpen && (event.key === 'F3' || (mod && key === 'g'))) {
        event.preventDefault();
        stepFind(store, event.shiftKey ? -1 : 1);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
