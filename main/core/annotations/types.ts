/** The annotation shapes the store, the service and the window share. */
import type { AnchorState, TextPositionSelector, TextQuoteSelector } from './anchor';
import type { Colour } from '../shared/colours';

/** A reader's highlight of a passage or flag on a whole comment, with its note and tags. */
export interface Annotation {
  /** A UUID, kept across export and import (as a urn:uuid: id). */
  id: string;
  /** The library folder. */
  library: string;
  postId: string;
  /** The post's title and date, kept for the list and exports when the post is gone. */
  postTitle: string;
  postDate: string | null;
  /** Where it was made: "body", "comment:3.2" or "article:<id>". */
  part: string;
  /** A highlight of a passage, or a flag on a whole comment (its quote: the comment's opening words). */
  kind: 'highlight' | 'flag';
  quote: TextQuoteSelector | null;
  position: TextPositionSelector | null;
  colour: Colour;
  note: string;
  tags: string[];
  created: string;
  updated: string;
  /** When it was put in the bin; null when it is not there. */
  deleted: string | null;
  /** Where it was last found in the post's current text. */
  anchor: { state: AnchorState; part: string | null; start: number | null; end: number | null };
}

/** Whether annotations can be read and written, and if not, why and what can be done. */
export type AnnotationsStatus =
  | { state: 'ok'; path: string; backupDir: string }
  | {
      state: 'unavailable';
      path: string;
      backupDir: string;
      /** What went wrong and what the reader does meanwhile. */
      reason: string;
      /** The newest backup, which `restoreBackup` puts in place; null when there is none. */
      backup: string | null;
    };

/** Which annotations a list holds; every field narrows it. */
export interface AnnotationFilter {
  /** The library folder (the open one, for the window). */
  library?: string;
  postId?: string;
  tag?: string;
  colour?: Colour;
  /** Words in the note, the highlighted words or the post's title (case-insensitive). */
  text?: string;
  /** How well it was last anchored in the post's current text. */
  state?: AnchorState;
  /** The bin instead of the live annotations. */
  deleted?: boolean;
}
