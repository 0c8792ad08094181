import { useId, useState } from 'react';
import { formatDate, parseDate } from '../../ui/format';

interface DateFieldProps {
  label: string;
  /** ISO day, or "" for none. */
  value: string;
  onChange(iso: string): void;
}

/**
 * A date filter written as every date in the window is ("7 May 2014"), not in the system's own
 * date format: a text field that takes a typed day in any common form, tidies it to the app's
 * form when it loses focus, and says so when what was typed is not a day.
 */
export function DateField({ label, value, onChange }: DateFieldProps) {
  const [text, setText] = useState(() => (value ? formatDate(value) : ''));
  const [shownFor, setShownFor] = useState(value);
  const errorId = useId();
  // Changed from outside (Clear filters): show the new value.
  if (value !== shownFor) {
    setShownFor(value);
    if ((parseDate(text) ?? '') !== value) setText(value ? formatDate(value) : '');
  }
  const typed = text.trim();
  const iso = typed ? parseDate(typed) : '';
  const invalid = iso === null;
  return (
    <label className="date-field">
      {label}{' '}
      <input
        type="text"
        value={text}
        size={15}
        placeholder="e.g. 7 May 2014"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(event) => {
          setText(event.target.value);
          const next = event.target.value.trim() ? parseDate(event.target.value) : '';
          if (next !== null && next !== value) {
            setShownFor(next);
            onChange(next);
          }
        }}
        onBlur={() => {
          if (iso) setText(formatDate(iso));
        }}
      />
      {invalid && (
        <span id={errorId} className="date-error" role="status">
          Not a date: type one like 7 May 2014.
        </span>
      )}
    </label>
  );
}
