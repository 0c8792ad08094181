import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './timeline.css';

/** One month's bar. */
export interface MonthBar {
  /** "YYYY-MM". */
  month: string;
  /** What the bar's height shows. */
  value: number;
  /** The bar's accessible name and tooltip: "March 2014: 312 matching texts". */
  label: string;
  /** The month is the one chosen (the search's filter, the month shown below the chart). */
  pressed: boolean;
  /** The month holds something marked on the chart (a busiest thread). */
  marked?: boolean;
}

interface MonthBarsProps {
  bars: MonthBar[];
  /** Names the chart: "Matching texts per month". */
  label: string;
  /** A bar was clicked, or Enter or Space pressed on it. */
  onActivate(month: string): void;
}

/** Bars of a year, under its label; a chart's first and last years may have fewer than twelve. */
function byYear(bars: MonthBar[]): { year: string; bars: { bar: MonthBar; index: number }[] }[] {
  const years: { year: string; bars: { bar: MonthBar; index: number }[] }[] = [];
  bars.forEach((bar, index) => {
    const year = bar.month.slice(0, 4);
    const last = years[years.length - 1];
    if (last?.year === year) last.bars.push({ bar, index });
    else years.push({ year, bars: [{ bar, index }] });
  });
  return years;
}

/**
 * A bar a month, in a row that scrolls sideways, grouped by year under the year's label. Each
 * bar is a toggle button with a name of its own; the chart is one tab stop, and the arrow keys
 * move between months (Page Up and Page Down by a year, Home and End to the ends).
 */
export function MonthBars({ bars, label, onActivate }: MonthBarsProps): ReactNode {
  const chart = useRef<HTMLDivElement>(null);
  const max = useMemo(() => bars.reduce((m, bar) => Math.max(m, bar.value), 0), [bars]);
  const years = useMemo(() => byYear(bars), [bars]);
  // The tab stop: the bar last focused, else the chosen month, else the last month.
  const [focused, setFocused] = useState<string | null>(null);
  const pressed = bars.findIndex((bar) => bar.pressed);
  const focusedIndex = focused === null ? -1 : bars.findIndex((bar) => bar.month === focused);
  const stop = focusedIndex >= 0 ? focusedIndex : pressed >= 0 ? pressed : bars.length - 1;

  // A long row opens on its tab stop (the newest month unless one is chosen), scrolled into sight.
  useLayoutEffect(() => {
    const row = chart.current;
    const button = row?.querySelector<HTMLElement>('[tabindex="0"]');
    if (row && button)
      row.scrollLeft += button.getBoundingClientRect().left - row.getBoundingClientRect().left - row.clientWidth / 2;
    // Only when the chart first shows: later the user scrolls it.
  }, []);

  const moveTo = (index: number) => {
    const bar = bars[Math.max(0, Math.min(bars.length - 1, index))];
    if (!bar) return;
    setFocused(bar.month);
    const button = chart.current?.querySelector<HTMLElement>(`[data-month="${bar.month}"]`);
    button?.focus();
    button?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const step = { ArrowLeft: -1, ArrowRight: 1, PageUp: -12, PageDown: 12 }[event.key];
    const target =
      event.key === 'Home' ? 0 : event.key === 'End' ? bars.length - 1 : step === undefined ? null : stop + step;
    if (target === null) return;
    event.preventDefault();
    moveTo(target);
  };

  return (
    <div ref={chart} className="month-bars" role="group" aria-label={label} onKeyDown={onKeyDown}>
      {years.map(({ year, bars: yearBars }) => (
        <div key={year} className="month-bars-year">
          <div className="month-bars-row">
            {yearBars.map(({ bar, index }) => (
              <button
                key={bar.month}
                type="button"
                className={bar.marked ? 'month-bar marked' : 'month-bar'}
                data-month={bar.month}
                aria-label={bar.label}
                aria-pressed={bar.pressed}
                title={bar.label}
                tabIndex={index === stop ? 0 : -1}
                onFocus={() => setFocused(bar.month)}
                onClick={() => onActivate(bar.month)}
              >
                <span
                  className="month-bar-fill"
                  style={{ height: bar.value && max ? `${Math.max(4, (100 * bar.value) / max)}%` : 0 }}
                />
              </button>
            ))}
          </div>
          <span className="month-bars-year-label" aria-hidden="true">
            {year}
          </span>
        </div>
      ))}
    </div>
  );
}

/** The chart's numbers as a table, behind a "Show as table" disclosure. */
export function MonthTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  /** A row a month: its name, then a cell per column. */
  rows: { key: string; cells: ReactNode[] }[];
}): ReactNode {
  // The table is made only while open: a closed disclosure's content holds nothing Tab could reach.
  const [open, setOpen] = useState(false);
  return (
    <details className="month-table" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{open ? 'Hide the table' : 'Show as table'}</summary>
      {/* Focusable so that the table scrolls from the keyboard. */}
      {open && (
        <div className="month-table-scroll" tabIndex={0} role="region" aria-label={caption}>
          <table>
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                {columns.map((column, i) => (
                  <th key={column} scope="col" className={i ? 'number' : undefined}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className="number">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
