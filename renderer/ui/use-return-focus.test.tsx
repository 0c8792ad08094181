import { act, fireEvent, render, screen } from '@testing-library/react';
import { useEffect, useRef, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useReturnFocus, useReturnFocusOnUnmount } from './use-return-focus';

/** A panel that takes the focus when it opens and gives it back from its Close button. */
function Panel({ fallback, onClose }: { fallback?: () => HTMLElement | null; onClose: () => void }) {
  const returnFocus = useReturnFocus(fallback);
  const input = useRef<HTMLInputElement>(null);
  const [, setRenders] = useState(0);
  useEffect(() => input.current?.focus(), []);
  return (
    <div>
      <input ref={input} aria-label="Panel box" />
      <button type="button" onClick={() => setRenders((n) => n + 1)}>
        Render again
      </button>
      <button
        type="button"
        onClick={() => {
          onClose();
          returnFocus();
        }}
      >
        Close
      </button>
    </div>
  );
}

/** Two buttons outside the panel, and the panel while `open`. */
function Page({ fallback }: { fallback?: () => HTMLElement | null }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <button type="button">Elsewhere</button>
      {open && <Panel fallback={fallback} onClose={() => setOpen(false)} />}
    </>
  );
}

const button = (name: string) => screen.getByRole('button', { name });
const openPanel = () => fireEvent.click(button('Open'));

afterEach(() => (document.activeElement as HTMLElement | null)?.blur());

describe('useReturnFocus', () => {
  it('gives the focus back to the element that had it when the panel opened', () => {
    render(<Page />);
    button('Open').focus();
    openPanel();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Panel box' }));
    fireEvent.click(button('Close'));
    expect(screen.queryByRole('textbox', { name: 'Panel box' })).toBeNull();
    expect(document.activeElement).toBe(button('Open'));
  });

  it('remembers the element of the first render, not where the focus was at a later one', () => {
    render(<Page />);
    button('Open').focus();
    openPanel();
    button('Elsewhere').focus();
    fireEvent.click(button('Render again'));
    fireEvent.click(button('Close'));
    expect(document.activeElement).toBe(button('Open'));
  });

  it('gives the focus to the fallback when nothing in particular had it', () => {
    render(<Page fallback={() => screen.getByRole('button', { name: 'Elsewhere' })} />);
    expect(document.activeElement).toBe(document.body);
    openPanel();
    fireEvent.click(button('Close'));
    expect(document.activeElement).toBe(button('Elsewhere'));
  });

  it('gives the focus to the fallback when the element has left the page', () => {
    render(<Page fallback={() => screen.getByRole('button', { name: 'Elsewhere' })} />);
    const gone = document.createElement('button');
    document.body.append(gone);
    gone.focus();
    openPanel();
    act(() => gone.remove());
    fireEvent.click(button('Close'));
    expect(document.activeElement).toBe(button('Elsewhere'));
  });
});

/** A panel closed from outside (a shortcut, the store): it has no Close button of its own. */
function ClosedFromOutside({ open }: { open: boolean }) {
  return (
    <>
      <button type="button">Opener</button>
      {open && <ShortcutPanel />}
    </>
  );
}

function ShortcutPanel() {
  const panel = useRef<HTMLDivElement>(null);
  useReturnFocusOnUnmount(panel, () => screen.getByRole('button', { name: 'Opener' }).focus());
  return (
    <div ref={panel}>
      <input aria-label="Panel box" />
    </div>
  );
}

describe('useReturnFocusOnUnmount', () => {
  it('gives the focus back when the panel closes with the focus inside it', async () => {
    const { rerender } = render(<ClosedFromOutside open />);
    screen.getByRole('textbox', { name: 'Panel box' }).focus();
    rerender(<ClosedFromOutside open={false} />);
    await act(async () => {});
    expect(screen.queryByRole('textbox', { name: 'Panel box' })).toBeNull();
    expect(document.activeElement).toBe(button('Opener'));
  });

  it('leaves the focus alone when it was outside the panel', async () => {
    const { rerender } = render(
      <>
        <ClosedFromOutside open />
        <button type="button">Elsewhere</button>
      </>,
    );
    button('Elsewhere').focus();
    rerender(
      <>
        <ClosedFromOutside open={false} />
        <button type="button">Elsewhere</button>
      </>,
    );
    await act(async () => {});
    expect(document.activeElement).toBe(button('Elsewhere'));
  });
});
