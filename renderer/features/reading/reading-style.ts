import type { ReadingPrefs, ReadingWidth } from '../../../preload/api';

/** The reading column's widest line at each width, in ems of the reading text (so it keeps its words a line as the text grows). */
export const MEASURES: Record<ReadingWidth, string> = { narrow: '34em', medium: '46em', wide: '64em' };

/**
 * The custom properties the reading text is styled by (styles.css, `.thread`): its size as a
 * factor of the default, the column's widest line, and the typeface. Only the reading text
 * uses them; the toolbar, lists and panels keep their own sizes.
 */
export function readingStyle(prefs: ReadingPrefs): Record<string, string> {
  return {
    '--reading-scale': String(prefs.textSize / 100),
    '--reading-measure': MEASURES[prefs.width],
    '--reading-font': prefs.typeface === 'sans' ? 'var(--font-ui)' : 'var(--font-text)',
  };
}
