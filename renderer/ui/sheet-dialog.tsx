import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** Elements Tab moves between in a dialog: a chart's bars or a list's rows are one tab stop (the others have tabindex -1). */
export const DIALOG_FOCUSABLE =
  'button:not([disabled]):not([tabindex="-1"]), input:not([disabled]), select:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * A modal sheet over the window with a heading and a Close button, which takes the focus when it
 * opens: Esc, Close or a click outside it dismiss it (`onDismiss` puts the focus back), and Tab
 * stays inside it. Its parts are classed `<name>-overlay`, `-sheet`, `-header` and `-close`.
 */
export function SheetDialog({
  name,
  headingId,
  title,
  onDismiss,
  children,
}: {
  name: string;
  headingId: string;
  title: string;
  onDismiss: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onDismiss();
    } else if (event.key === 'Tab' && dialog.current) {
      const focusable = Array.from(dialog.current.querySelectorAll<HTMLElement>(DIALOG_FOCUSABLE));
      const at = focusable.indexOf(document.activeElement as HTMLElement);
      const next = focusable[(at + (event.shiftKey ? -1 : 1) + focusable.length) % focusable.length];
      event.preventDefault();
      next?.focus();
    }
  };

  return (
    <div
      className={`search-overlay ${name}-overlay`}
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onDismiss();
      }}
    >
      <div
        ref={dialog}
        className={`${name}-sheet`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        onKeyDown={onKeyDown}
      >
        <div className={`${name}-header`}>
          <h2 id={headingId}>{title}</h2>
          <button ref={close} type="button" className={`${name}-close`} onClick={onDismiss} title="Close (Esc)">
            Close <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
