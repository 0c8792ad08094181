/**
 * Where the reader was, kept in the profile's `reading-place.json`: the last library open, the
 * widths of the three panes, and in each of the last few libraries the post open and how far it
 * was scrolled. A convenience, not the user's data: a damaged file is read as nothing remembered
 * (with a warning) and replaced on the next save.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file';

/**
 * A place in a post: the paragraph at the top of the thread pane, and how far the pane was
 * scrolled past its top. Neither `commentId` nor `line`: the post's own top.
 */
export interface ThreadPlace {
  /** The post's id (see Post.id). */
  postId: string;
  /** The comment or reply holding that paragraph, by path id ("3", "3.2"); absent in the post body. */
  commentId?: string;
  /** The paragraph's first line: a file line in the body, an index into the comment's lines in a comment. */
  line?: number;
  /** Pixels the pane was scrolled past the paragraph's top (past the post's top, with neither). */
  offset: number;
}

/** The three panes' widths in percent of the window, by panel id ("posts", "thread", "articles"). */
export type PaneLayout = Record<string, number>;

/** What the window asks for on start: the pane widths, and the place in the open library. */
export interface ReadingPlace {
  panes: PaneLayout | null;
  post: ThreadPlace | null;
}

/** How many libraries keep their place. */
export const MAX_PLACES = 20;

/** A place as the window sends it and the file keeps it: strict and bounded. */
export const threadPlaceSchema = z
  .object({
    postId: z.string().min(1).max(1024),
    commentId: z
      .string()
      .regex(/^\d+(\.\d+)*$/)
      .max(64)
      .optional(),
    line: z.number().int().min(0).max(10_000_000).optional(),
    offset: z.number().min(0).max(10_000_000),
  })
  .strict();

/** Pane widths: a few short panel ids, each a percentage. */
export const paneLayoutSchema = z
  .record(z.string().regex(/^[a-z][a-z-]{0,31}$/), z.number().min(0).max(100))
  .refine((layout) => Object.keys(layout).length <= 8, 'at most 8 panes');

const fileSchema = z
  .object({
    version: z.literal(1),
    lastLibrary: z.string().min(1).max(4096).nullable(),
    panes: paneLayoutSchema.nullable(),
    places: z.array(z.object({ root: z.string().min(1).max(4096), place: threadPlaceSchema }).strict()).max(MAX_PLACES),
  })
  .strict();
type PlaceFile = z.infer<typeof fileSchema>;

const nothing: PlaceFile = { version: 1, lastLibrary: null, panes: null, places: [] };

/** The reading-place file of a profile. */
export const readingPlaceFile = (profileDir: string): string => join(profileDir, 'reading-place.json');

/**
 * The reading-place store of a profile: read once, kept in memory, and written whole after each
 * change, one write after another. A write that fails is reported to `warn`; the reader goes on.
 */
export function createPlaceStore(profileDir: string, warn: (message: string) => void) {
  const file = readingPlaceFile(profileDir);
  let loaded: Promise<PlaceFile> | null = null;
  let writing: Promise<void> = Promise.resolve();

  const load = () =>
    (loaded ??= readJsonFile(file, fileSchema, nothing).then(({ value, warning }) => {
      if (warning) warn(warning);
      return value;
    }));

  // Each change applies to the state of the one before it, also when several are asked for at once.
  async function change(update: (state: PlaceFile) => PlaceFile): Promise<void> {
    const changed = (loaded = load().then(update));
    writing = writing
      .then(async () => writeJsonFile(file, await changed))
      .catch((error: Error) => warn(`Remembering the reading place failed: ${error.message}`));
    await writing;
  }

  return {
    /** The place remembered in a library; null when none is. */
    async placeIn(root: string): Promise<ThreadPlace | null> {
      return (await load()).places.find((p) => p.root === root)?.place ?? null;
    },
    /** The pane widths remembered; null when none are. */
    async panes(): Promise<PaneLayout | null> {
      return (await load()).panes;
    },
    /** Remembers the place in a library (it moves to the front; the oldest beyond MAX_PLACES is forgotten) and the pane widths. */
    save(root: string | null, { post, panes }: { post?: ThreadPlace | undefined; panes?: PaneLayout | undefined }) {
      return change((state) => ({
        ...state,
        panes: panes ?? state.panes,
        places:
          root && post
            ? [{ root, place: post }, ...state.places.filter((p) => p.root !== root)].slice(0, MAX_PLACES)
            : state.places,
      }));
    },
    /** Remembers the library open now; null for the bundled one (the default anyway, wherever a new version puts it). */
    async rememberLibrary(root: string | null): Promise<void> {
      if ((await load()).lastLibrary === root) return;
      return change((state) => ({ ...state, lastLibrary: root }));
    },
    /** The library open when the app last ran, when it is still a folder; null for none or the bundled one. */
    async lastLibrary(): Promise<string | null> {
      const root = (await load()).lastLibrary;
      if (!root) return null;
      const folder = await stat(root).catch(() => null);
      return folder?.isDirectory() ? root : null;
    },
    /** Resolves once every write asked for so far is on disk. */
    flush: (): Promise<void> => writing,
  };
}

export type PlaceStore = ReturnType<typeof createPlaceStore>;
