/** The shapes the open library answers with: the library itself, the recent list, an opened post. */
import type { QuotedInPost } from '../articles/types';
import type { Post, Problem, SourceFormat } from '../parse/types';

/** A library opened before (File → Open Recent, the toolbar). */
export interface RecentLibrary {
  /** Absolute path of the library folder. */
  path: string;
  /** The folder's name, for the menu. */
  name: string;
  /** ISO time it was last opened. */
  openedAt: string;
  /** The folder is still there. */
  exists: boolean;
}

/** The open library, as the window shows it. */
export interface LibrarySummary {
  /** Absolute path of the library folder. */
  root: string;
  /** The folder's name, for titles. */
  name: string;
  /** True for the bundled seeds the app opens with. */
  isDefault: boolean;
  /** The id threadline:// links name it by (main/core/link-target.ts): "seeds", or 16 hex digits. */
  linkId: string;
  /** Seed files in the folder. */
  fileCount: number;
  /** Posts read from them. */
  postCount: number;
  /** Problems of all severities across the library. */
  problemCount: number;
  /** Files that could not be read at all. */
  errorCount: number;
}

/**
 * A post as `posts.get` answers it. A short post comes whole, with what it quotes. A long one
 * can come in parts so that its first screen shows at once: asked for with `part: 'start'`,
 * `post.comments` holds only its first top-level comments (`commentTotal` says how many there
 * are in all; `posts.comments` gives the rest); and its `quoted` is null (`posts.articles`
 * finds them, which takes a while in a long thread).
 */
export interface PostDetail {
  /** The post; its `comments` are the first `post.comments.length` of `commentTotal` (all, unless asked for the start). */
  post: Post;
  /** Top-level comments in the whole thread. */
  commentTotal: number;
  /** Its quoted articles and internal quotes; null when they are to be asked for with `posts.articles`. */
  quoted: QuotedInPost | null;
  /** Problems of this post's file. */
  problems: Problem[];
  /**
   * The files the library holds this post in: the one it is read from first, then any other
   * form of it (a text copy of a post also kept as an HTML page or in an export).
   */
  sources: { file: string; format: SourceFormat }[];
}
