import { useState } from 'react';

/**
 * Remembers which element had the focus when the calling component first rendered (a panel
 * opening: its own elements are not there yet), and returns a function that gives the focus
 * back to it; call that when the panel closes. When the element has left the page, or nothing
 * in particular had the focus (the body: a shortcut pressed on the page), `fallback` names what
 * takes the focus instead; without one the focus is left alone.
 */
export function useReturnFocus(fallback?: () => HTMLElement | null): () => void {
  const [returnTo] = useState(() => document.activeElement);
  return () => {
    const back =
      returnTo instanceof HTMLElement && returnTo.isConnected && returnTo !== document.body
        ? returnTo
        : (fallback?.() ?? null);
    back?.focus();
  };
}
