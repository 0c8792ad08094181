/**
 * How the reading text looks: its size, the width of its column and its typeface. Pure, so the
 * main process (the file, the View menu) and the window (the Text menu, Ctrl/Cmd +/-/0) step
 * sizes the same way.
 */

/** Column widths the reader can choose, narrowest first. */
export const READING_WIDTHS = ['narrow', 'medium', 'wide'] as const;
export type ReadingWidth = (typeof READING_WIDTHS)[number];

/** Typefaces the reader can choose. */
export const TYPEFACES = ['serif', 'sans'] as const;
export type Typeface = (typeof TYPEFACES)[number];

/** Reading text sizes, in percent of the default size; each step of Ctrl/Cmd +/- moves one along. */
export const TEXT_SIZES = [70, 80, 90, 100, 110, 120, 135, 150, 175, 200] as const;

/** The reader's choices for the reading text (the post, its comments and the articles quoted in them). */
export interface ReadingPrefs {
  /** Percent of the default reading size, one of TEXT_SIZES. */
  textSize: number;
  width: ReadingWidth;
  typeface: Typeface;
}

export const DEFAULT_READING_PREFS: ReadingPrefs = { textSize: 100, width: 'medium', typeface: 'serif' };

/**
 * The size one step larger (+1) or smaller (-1) than `size`, or the default (0). A size between
 * two steps moves to the next step in that direction; the ends stay where they are.
 */
export function stepTextSize(size: number, step: -1 | 0 | 1): number {
  if (step === 0) return DEFAULT_READING_PREFS.textSize;
  if (step > 0) return TEXT_SIZES.find((s) => s > size) ?? TEXT_SIZES[TEXT_SIZES.length - 1]!;
  return [...TEXT_SIZES].reverse().find((s) => s < size) ?? TEXT_SIZES[0];
}
