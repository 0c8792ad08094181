import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { READING_WIDTHS, TEXT_SIZES, TYPEFACES } from '../../../main/core/shared/reading-prefs';
import { useApp } from '../../store';
import { shortcutLabel } from '../layout/keymap';
import { readingStyle } from './reading-style';
import './reading.css';

const WIDTH_LABELS = { narrow: 'Narrow', medium: 'Medium', wide: 'Wide' } as const;
const TYPEFACE_LABELS = { serif: 'Serif', sans: 'Sans serif' } as const;

/** Loads the remembered text settings once, and keeps the page's reading custom properties in step with them. */
function useReadingPrefs() {
  const prefs = useApp((s) => s.readingPrefs);
  const load = useApp((s) => s.loadReadingPrefs);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    const root = document.documentElement;
    for (const [name, value] of Object.entries(readingStyle(prefs))) root.style.setProperty(name, value);
  }, [prefs]);
}

/**
 * The toolbar's "Text" button and its popover: the reading text's size (smaller, larger, default),
 * the column's width and the typeface. Escape, or a click or focus outside, closes it; Escape
 * gives the focus back to the button.
 */
export function TextSettings() {
  useReadingPrefs();
  const prefs = useApp((s) => s.readingPrefs);
  const setPrefs = useApp((s) => s.setReadingPrefs);
  const step = useApp((s) => s.stepTextSize);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();

  // Opening moves the focus to the first control; a click or focus outside closes.
  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('button, input:checked')?.focus();
    const outside = (event: Event) => {
      const target = event.target as Node | null;
      if (target && !panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    setOpen(false);
    button.current?.focus();
  };
  const smallest = prefs.textSize <= TEXT_SIZES[0];
  const largest = prefs.textSize >= TEXT_SIZES[TEXT_SIZES.length - 1]!;

  return (
    <div className="text-settings-anchor">
      <button
        ref={button}
        type="button"
        className="text-settings-button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-haspopup="dialog"
        title="Text size, width and typeface"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" className="text-settings-glyph">
          Aa
        </span>{' '}
        Text
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          role="dialog"
          aria-label="Text settings"
          className="text-settings"
          onKeyDown={onKeyDown}
        >
          <div role="group" aria-label="Text size" className="text-size-row">
            <button
              type="button"
              aria-label="Smaller text"
              aria-disabled={smallest}
              aria-keyshortcuts="Control+- Meta+-"
              title={`Smaller text (${shortcutLabel('-')})`}
              onClick={() => step(-1)}
            >
              A−
            </button>
            <output aria-live="polite" aria-label="Text size">
              {prefs.textSize}%
            </output>
            <button
              type="button"
              aria-label="Larger text"
              aria-disabled={largest}
              aria-keyshortcuts="Control++ Meta++"
              title={`Larger text (${shortcutLabel('+')})`}
              onClick={() => step(1)}
            >
              A+
            </button>
            <button
              type="button"
              aria-keyshortcuts="Control+0 Meta+0"
              title={`Default size (${shortcutLabel('0')})`}
              onClick={() => step(0)}
            >
              Default
            </button>
          </div>
          <fieldset>
            <legend>Width</legend>
            {READING_WIDTHS.map((width) => (
              <label key={width}>
                <input
                  type="radio"
                  name={`${id}-width`}
                  checked={prefs.width === width}
                  onChange={() => setPrefs({ width })}
                />
                {WIDTH_LABELS[width]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Typeface</legend>
            {TYPEFACES.map((typeface) => (
              <label key={typeface} className={`typeface-${typeface}`}>
                <input
                  type="radio"
                  name={`${id}-typeface`}
                  checked={prefs.typeface === typeface}
                  onChange={() => setPrefs({ typeface })}
                />
                {TYPEFACE_LABELS[typeface]}
              </label>
            ))}
          </fieldset>
        </div>
      )}
    </div>
  );
}
