import { useEffect, type RefObject } from 'react';

/** Focuses a text box and selects its text each time `request` changes (a shortcut pressed again while open). */
export function useFocusOnRequest(input: RefObject<HTMLInputElement | null>, request: unknown): void {
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [input, request]);
}
