import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useApp } from '../../store';
import { useReturnFocus } from '../../ui/use-return-focus';
import { sheetGroups } from './keymap';
import './keyboard.css';

const FOCUSABLE = 'button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The dialog listing every shortcut, by group; opened with `?`, the toolbar's button or Help → Keyboard Shortcuts. */
export function ShortcutSheet() {
  const open = useApp((s) => s.shortcutSheetOpen);
  return open ? <Sheet /> : null;
}

function Sheet() {
  const setOpen = useApp((s) => s.setShortcutSheetOpen);
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  // Back where it was; from the menu or the page itself (the body), to the shortcuts button.
  const returnFocus = useReturnFocus(() => document.querySelector<HTMLElement>('.shortcuts-button'));
  useEffect(() => close.current?.focus(), []);

  const dismiss = () => {
    setOpen(false);
    returnFocus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      dismiss();
    } else if (event.key === 'Tab' && dialog.current) {
      // Keep Tab inside the dialog.
      const focusable = Array.from(dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE));
      const at = focusable.indexOf(document.activeElement as HTMLElement);
      const next = focusable[(at + (event.shiftKey ? -1 : 1) + focusable.length) % focusable.length];
      event.preventDefault();
      next?.focus();
    }
  };

  return (
    <div
      className="search-overlay shortcut-overlay"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) dismiss();
      }}
    >
      <div
        ref={dialog}
        className="shortcut-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-heading"
        onKeyDown={onKeyDown}
      >
        <div className="shortcut-header">
          <h2 id="shortcut-heading">Keyboard shortcuts</h2>
          <button ref={close} type="button" className="shortcut-close" onClick={dismiss} title="Close (Esc)">
            Close <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
        {/* Focusable so that the list scrolls from the keyboard. */}
        <div className="shortcut-groups" tabIndex={0} role="region" aria-label="All shortcuts">
          {sheetGroups().map(({ group, rows }) => (
            <section key={group} className="shortcut-group" aria-labelledby={`shortcut-group-${slug(group)}`}>
              <h3 id={`shortcut-group-${slug(group)}`}>{group}</h3>
              <dl>
                {rows.map((row) => (
                  <div key={row.id} className="shortcut-row">
                    <dt>
                      {row.keys.map((key, i) => (
                        <span key={key}>
                          {i > 0 && <span className="shortcut-or"> or </span>}
                          <kbd>{key}</kbd>
                        </span>
                      ))}
                    </dt>
                    <dd>{row.description}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z]+/g, '-');
