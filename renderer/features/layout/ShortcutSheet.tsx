import { useApp } from '../../store';
import { SheetDialog } from '../../ui/sheet-dialog';
import { useReturnFocus } from '../../ui/use-return-focus';
import { sheetGroups } from './keymap';
import './keyboard.css';

/** The dialog listing every shortcut, by group; opened with `?`, the toolbar's button or Help → Keyboard Shortcuts. */
export function ShortcutSheet() {
  const open = useApp((s) => s.shortcutSheetOpen);
  return open ? <Sheet /> : null;
}

function Sheet() {
  const setOpen = useApp((s) => s.setShortcutSheetOpen);
  // Back where it was; from the menu or the page itself (the body), to the shortcuts button.
  const returnFocus = useReturnFocus(() => document.querySelector<HTMLElement>('.shortcuts-button'));
  const dismiss = () => {
    setOpen(false);
    returnFocus();
  };

  return (
    <SheetDialog name="shortcut" headingId="shortcut-heading" title="Keyboard shortcuts" onDismiss={dismiss}>
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
    </SheetDialog>
  );
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z]+/g, '-');
