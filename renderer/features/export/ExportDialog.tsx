import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../store';
import type { ThreadFormat } from '../../store/export-slice';
import { useReturnFocus } from '../../ui/use-return-focus';

const FORMATS: { value: ThreadFormat; label: string; hint: string }[] = [
  { value: 'markdown', label: 'Markdown', hint: 'for notes apps and plain text' },
  { value: 'html', label: 'HTML', hint: 'one self-contained web page' },
  { value: 'pdf', label: 'PDF', hint: 'to print or share' },
];

/**
 * "Export thread…": the format, which comments (all, or only those not collapsed now), and
 * whether the reader's highlights and notes go too; then the system's save dialog. A modal
 * <dialog>: Esc or Cancel closes it, and the focus goes back to the button that opened it.
 */
export function ExportDialog() {
  const close = useApp((s) => s.setExportDialogOpen);
  const exportThread = useApp((s) => s.exportThread);
  const collapsedCount = useApp((s) => Object.keys(s.collapsed).length);
  const [format, setFormat] = useState<ThreadFormat>('markdown');
  const [expandedOnly, setExpandedOnly] = useState(false);
  const [annotations, setAnnotations] = useState(true);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useReturnFocus(() => document.querySelector<HTMLElement>('.export-thread'));
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal?.();
  }, []);
  const finish = () => {
    // Closed before it leaves the page, so the focus is not dropped to the body on the way.
    dialog.current?.close?.();
    returnFocus();
    close(false);
  };
  const submit = async () => {
    setBusy(true);
    await exportThread({ format, expandedOnly, annotations });
    setBusy(false);
    finish();
  };
  return (
    <dialog
      ref={dialog}
      className="export-dialog"
      aria-labelledby="export-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        finish();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id="export-dialog-title">Export thread</h2>
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.value}>
              <input
                type="radio"
                name="export-format"
                value={f.value}
                checked={format === f.value}
                onChange={() => setFormat(f.value)}
              />
              <span>
                {f.label} <span className="export-hint">— {f.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Comments</legend>
          <label>
            <input
              type="radio"
              name="export-comments"
              checked={!expandedOnly}
              onChange={() => setExpandedOnly(false)}
            />
            All comments and replies
          </label>
          <label>
            <input type="radio" name="export-comments" checked={expandedOnly} onChange={() => setExpandedOnly(true)} />
            <span>
              Only those shown now{' '}
              <span className="export-hint">
                —{' '}
                {collapsedCount
                  ? `replies of ${collapsedCount} collapsed ${collapsedCount === 1 ? 'comment' : 'comments'} left out`
                  : 'nothing is collapsed now'}
              </span>
            </span>
          </label>
        </fieldset>
        <label className="export-check">
          <input type="checkbox" checked={annotations} onChange={(e) => setAnnotations(e.target.checked)} />
          Include my highlights and notes
        </label>
        <div className="export-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Export…'}
          </button>
          <button type="button" onClick={finish}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
