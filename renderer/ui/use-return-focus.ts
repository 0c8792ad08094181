import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

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

/**
 * Gives the focus back with `returnFocus` when the calling component leaves the page while the
 * focus is inside `container`: closed by a shortcut or by the store rather than by its own Close
 * button (which returns the focus itself), the focus would otherwise drop to the page body.
 */
export function useReturnFocusOnUnmount(container: RefObject<HTMLElement | null>, returnFocus: () => void): void {
  const latest = useRef(returnFocus);
  useLayoutEffect(() => {
    latest.current = returnFocus;
  });
  useLayoutEffect(() => {
    const element = container.current;
    // React runs this before it takes the component's elements off the page: the focus is still in them.
    return () => {
      if (element?.contains(document.activeElement)) queueMicrotask(() => latest.current());
    };
  }, [container]);
}
