import { useEffect } from 'react';
import type { Colour } from '../../../preload/api';
import { COLOURS } from '../../../main/core/shared/colours';
import { useApp } from '../../store';
import { pendingSelectionOf } from './selection';
import './reader-annotations.css';

const KEYS: Record<string, Colour> = { '1': 'yellow', '2': 'green', '3': 'blue', '4': 'pink', '5': 'purple' };

/**
 * Follows the selection inside `root` (the thread, an article's text): after the mouse or keys
 * (shift+arrows) make one, it becomes the pending selection the toolbar offers to annotate.
 * Selection mode (`v`, ./selection-mode.tsx) sets it the same way after each of its keys.
 */
export function useSelectionTracking(root: HTMLElement | null): void {
  const setPending = useApp((s) => s.setPendingSelection);
  const postId = useApp((s) => s.openPostId);
  useEffect(() => {
    if (!root) return;
    const update = () => setPending(pendingSelectionOf(window.getSelection(), root, postId));
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.shiftKey || event.key === 'Shift') update();
    };
    root.addEventListener('mouseup', update);
    root.addEventListener('keyup', onKeyUp);
    return () => {
      root.removeEventListener('mouseup', update);
      root.removeEventListener('keyup', onKeyUp);
    };
  }, [root, postId, setPending]);
}

/**
 * The small toolbar over words selected in the reader: highlight in one of five colours (keys
 * 1–5, or H for yellow), add a note (N) or tags (T). Esc dismisses it; the selection stays.
 */
export function SelectionToolbar({ root }: { root: HTMLElement | null }) {
  const pending = useApp((s) => s.pendingSelection);
  const setPending = useApp((s) => s.setPendingSelection);
  const annotate = useApp((s) => s.annotateSelection);
  const writable = useApp((s) => s.annotationsStatus?.state !== 'unavailable');

  useSelectionTracking(root);

  useEffect(() => {
    if (!pending || !writable) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if ((event.target as HTMLElement | null)?.closest('input, textarea, [contenteditable]')) return;
      const key = event.key.toLowerCase();
      if (key === 'escape') setPending(null);
      else if (KEYS[key] || key === 'h') void annotate({ colour: KEYS[key] ?? 'yellow' });
      else if (key === 'n' || key === 't') void annotate({}, true);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [pending, writable, annotate, setPending]);

  if (!pending) return null;
  const style = { left: `${Math.max(8, pending.x - 130)}px`, top: `${Math.max(8, pending.y - 48)}px` };
  if (!writable)
    return (
      <div className="selection-toolbar" role="toolbar" aria-label="Annotate the selection" style={style}>
        <span className="selection-toolbar-note">Annotations are read-only now (see Annotations).</span>
      </div>
    );
  // Buttons keep the selection: mousedown would otherwise clear it before the click.
  const keep = (event: { preventDefault(): void }) => event.preventDefault();
  return (
    <div className="selection-toolbar" role="toolbar" aria-label="Annotate the selection" style={style}>
      {COLOURS.map((colour, index) => (
        <button
          key={colour}
          type="button"
          className={`swatch swatch-${colour}`}
          aria-label={`Highlight ${colour} (${index + 1})`}
          title={`Highlight ${colour} (${index + 1})`}
          onMouseDown={keep}
          onClick={() => void annotate({ colour })}
        />
      ))}
      <button
        type="button"
        onMouseDown={keep}
        onClick={() => void annotate({}, true)}
        title="Highlight and add a note (N)"
      >
        Note
      </button>
      <button
        type="button"
        onMouseDown={keep}
        onClick={() => void annotate({}, true)}
        title="Highlight and add tags (T)"
      >
        Tags
      </button>
    </div>
  );
}
