/**
 * The reader's choices for the reading text (size, column width, typeface), kept in the profile's
 * `reading-prefs.json`. A convenience, as the reading place is: a damaged file is read as the
 * defaults (with a warning) and replaced on the next save.
 */
import { join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_READING_PREFS,
  READING_WIDTHS,
  TEXT_SIZES,
  TYPEFACES,
  type ReadingPrefs,
} from '../shared/reading-prefs';
import { readJsonFile, writeJsonFile } from './json-file';

/** Some of the choices, as the window sends them: strict and bounded. */
export const readingPrefsSchema = z
  .object({
    textSize: z
      .number()
      .int()
      .refine((size) => (TEXT_SIZES as readonly number[]).includes(size), 'not one of the text sizes'),
    width: z.enum(READING_WIDTHS),
    typeface: z.enum(TYPEFACES),
  })
  .strict();

const fileSchema = z.object({ version: z.literal(1), prefs: readingPrefsSchema }).strict();

/** The reading-prefs file of a profile. */
export const readingPrefsFile = (profileDir: string): string => join(profileDir, 'reading-prefs.json');

/**
 * The reading-prefs store of a profile: read once, kept in memory, written whole after each
 * change, one write after another. A write that fails is reported to `warn`; the reader goes on.
 */
export function createPrefsStore(profileDir: string, warn: (message: string) => void) {
  const file = readingPrefsFile(profileDir);
  let loaded: Promise<ReadingPrefs> | null = null;
  let writing: Promise<void> = Promise.resolve();

  const load = () =>
    (loaded ??= readJsonFile(file, fileSchema, { version: 1 as const, prefs: DEFAULT_READING_PREFS }).then(
      ({ value, warning }) => {
        if (warning) warn(warning);
        return value.prefs;
      },
    ));

  return {
    /** The choices remembered; the defaults when none are. */
    get: (): Promise<ReadingPrefs> => load(),
    /** Changes some of the choices and writes them; answers all of them as they now are. */
    async save(change: Partial<ReadingPrefs>): Promise<ReadingPrefs> {
      // Chained on the settings as the saves before it leave them, so saves sent together all count.
      const changed = (loaded = load().then((prefs) => ({ ...prefs, ...change })));
      const next = await changed;
      writing = writing
        .then(() => writeJsonFile(file, { version: 1, prefs: next }))
        .catch((error: Error) => warn(`Remembering the text settings failed: ${error.message}`));
      await writing;
      return next;
    },
    /** Resolves once every write asked for so far is on disk. */
    flush: (): Promise<void> => writing,
  };
}

export type PrefsStore = ReturnType<typeof createPrefsStore>;
