import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MonthBars, MonthTable, type MonthBar } from './MonthBars';

const bars: MonthBar[] = ['2013-11', '2013-12', '2014-01', '2014-02'].map((month, i) => ({
  month,
  value: [4, 0, 9, 1][i]!,
  label: `${month}: ${[4, 0, 9, 1][i]} texts`,
  pressed: month === '2014-01',
}));

describe('MonthBars', () => {
  it('draws a named toggle a month, grouped under its year, the chosen month the one tab stop', () => {
    render(<MonthBars bars={bars} label="Texts per month" onActivate={() => undefined} />);
    const chart = screen.getByRole('group', { name: 'Texts per month' });
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(bars.map((b) => b.label));
    expect(buttons.map((b) => b.tabIndex)).toEqual([-1, -1, 0, -1]);
    expect(screen.getByRole('button', { name: '2014-01: 9 texts' }).getAttribute('aria-pressed')).toBe('true');
    expect(chart.querySelectorAll('.month-bars-year-label')).toHaveLength(2);
    // The tallest bar fills the chart; an empty month has no bar.
    const fills = Array.from(chart.querySelectorAll<HTMLElement>('.month-bar-fill')).map((f) => f.style.height);
    expect(fills[2]).toBe('100%');
    expect(fills[1]).toBe('0px');
  });

  it('moves the focus and the tab stop with the arrows, Home and End; Enter on a bar activates it', () => {
    const onActivate = vi.fn();
    render(<MonthBars bars={bars} label="Texts per month" onActivate={onActivate} />);
    const [nov, dec, , feb] = screen.getAllByRole('button');
    screen.getByRole('button', { name: '2014-01: 9 texts' }).focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(nov);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(dec);
    expect(dec!.tabIndex).toBe(0);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(feb);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(feb);
    fireEvent.click(feb!);
    expect(onActivate).toHaveBeenCalledWith('2014-02');
  });
});

describe('MonthTable', () => {
  it('makes its table only once opened', () => {
    render(<MonthTable caption="Texts" columns={['Month', 'Texts']} rows={[{ key: 'a', cells: ['May 2014', '6'] }]} />);
    expect(screen.queryByRole('table')).toBeNull();
    const details = screen.getByText('Show as table').closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(screen.getByRole('table', { name: 'Texts' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'May 2014' })).toBeTruthy();
  });
});
