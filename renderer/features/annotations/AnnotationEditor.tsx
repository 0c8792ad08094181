import { useEffect, useRef, useState } from 'react';
import type { Annotation, Colour } from '../../../preload/api';
import { COLOURS } from '../../../main/core/shared/colours';
import { useApp } from '../../store';
import { useReturnFocus } from '../../ui/use-return-focus';

const tagsOf = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** The form for one annotation: its colour, note and tags; Save (Ctrl+Enter), Delete (to the bin), Close (Esc). */
function Editor({ annotation }: { annotation: Annotation }) {
  const update = useApp((s) => s.updateAnnotation);
  const remove = useApp((s) => s.removeAnnotation);
  const setEditing = useApp((s) => s.setEditingAnnotation);
  // Closed, the focus goes back where it was when the editor opened (the highlight, the comment).
  const returnFocus = useReturnFocus(() => document.getElementById('post-title'));
  const close = (next: null) => {
    setEditing(next);
    returnFocus();
  };
  const [colour, setColour] = useState<Colour>(annotation.colour);
  const [note, setNote] = useState(annotation.note);
  const [tags, setTags] = useState(annotation.tags.join(', '));
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => noteRef.current?.focus(), []);
  const save = async () => {
    await update({ id: annotation.id, colour, note, tags: tagsOf(tags) });
    close(null);
  };
  return (
    <div
      className="annotation-editor"
      role="dialog"
      aria-label={annotation.kind === 'flag' ? 'Flagged comment' : 'Highlight'}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          close(null);
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void save();
      }}
    >
      {annotation.quote && annotation.kind === 'highlight' && (
        <blockquote className="annotation-quote">{annotation.quote.exact}</blockquote>
      )}
      {annotation.anchor.state === 'fuzzy' && (
        <p className="annotation-state">The text has changed since you highlighted it; this is where it is now.</p>
      )}
      <fieldset className="annotation-colours">
        <legend>Colour</legend>
        {COLOURS.map((c) => (
          <label key={c} className={`swatch swatch-${c}`} title={c}>
            <input
              type="radio"
              name="annotation-colour"
              value={c}
              checked={colour === c}
              onChange={() => setColour(c)}
              aria-label={c}
            />
          </label>
        ))}
      </fieldset>
      <label className="annotation-field">
        Note
        <textarea
          ref={noteRef}
          value={note}
          rows={4}
          onChange={(e) => setNote(e.target.value)}
          placeholder="Your note (Markdown)"
        />
      </label>
      <label className="annotation-field">
        Tags
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="comma, separated" />
      </label>
      <div className="annotation-actions">
        <button type="button" className="primary" onClick={() => void save()} title="Save (Ctrl+Enter)">
          Save
        </button>
        <button type="button" onClick={() => void remove(annotation.id)}>
          Delete
        </button>
        <button type="button" onClick={() => close(null)} title="Close (Esc)">
          Close
        </button>
      </div>
    </div>
  );
}

/** The open annotation's editor, and the Undo bar after one went to the bin; errors from annotating. */
export function AnnotationEditor() {
  const id = useApp((s) => s.editingAnnotationId);
  const annotation = useApp((s) => s.postAnnotations.find((a) => a.id === s.editingAnnotationId) ?? null);
  const removed = useApp((s) => s.lastRemoved);
  const undo = useApp((s) => s.undoRemove);
  const error = useApp((s) => s.annotationError);
  const clearError = useApp((s) => s.clearAnnotationError);
  return (
    <>
      {id && annotation && <Editor key={annotation.id} annotation={annotation} />}
      {removed && (
        <p className="annotation-undo" role="status">
          {removed.kind === 'flag' ? 'Flag' : 'Highlight'} moved to the bin.{' '}
          <button type="button" onClick={() => void undo()}>
            Undo
          </button>
        </p>
      )}
      {error && (
        <p className="annotation-error" role="alert">
          {error}{' '}
          <button type="button" onClick={clearError}>
            Dismiss
          </button>
        </p>
      )}
    </>
  );
}

/**
 * When the annotations file cannot be written (damaged, or from a newer version): what
 * happened, that reading goes on, where the backup is, and a button to restore it. Shown over
 * the open post and in the Annotations panel.
 */
export function AnnotationsNotice({ className = 'annotations-notice' }: { className?: string }) {
  const status = useApp((s) => s.annotationsStatus);
  const restore = useApp((s) => s.restoreAnnotationsBackup);
  const reload = useApp((s) => s.loadAnnotations);
  if (status?.state !== 'unavailable') return null;
  return (
    <div className={className} role="alert">
      <p>{status.reason}</p>
      {status.backup && (
        <button
          type="button"
          onClick={async () => {
            await restore();
            await reload();
          }}
        >
          Restore backup
        </button>
      )}
    </div>
  );
}
