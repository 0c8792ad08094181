import { createContext, useContext } from 'react';

/**
 * The tab index of the controls inside a part of the page that is one tab stop with roving focus
 * (a comment of the thread): 0 inside the current comment, -1 inside the others, so that Tab goes
 * from the focused comment into its own buttons and links, not through those of every comment.
 * Undefined outside such a part: controls keep their own tab order.
 */
export const TabStopContext = createContext<0 | -1 | undefined>(undefined);

/** The tab index for a button or link: `tabIndex={useTabStop()}` (a highlight passes its own default, 0). */
export function useTabStop<T extends 0 | -1 | undefined>(otherwise?: T): 0 | -1 | T {
  const inside = useContext(TabStopContext);
  return inside ?? (otherwise as T);
}
