/**
 * THE contract between the renderer and the main process: every call, its payload schema,
 * its answer type, and every event. Main's handler table, the Electron IPC registration,
 * the preload bridge, the renderer client and the e2e harness are all typed from this file,
 * so a method missing on any side is a compile error.
 */
import { z } from 'zod';
import type { Article, InternalQuote, QuotedElsewhere, SourceKind } from '../main/core/articles/types';
import type { Comment, Post, Problem } from '../main/core/parse/types';
import { COLOURS } from '../main/core/shared/colours';
import type { Annotation } from '../main/core/annotations/store';
import type { AnnotationsStatus } from '../main/core/annotations/db';

export type { Article, ArticleLocation, InternalQuote, QuotedElsewhere, Source, SourceKind, TextSpan } from '../main/core/articles/types';
export type { Block, Comment, Post, Problem } from '../main/core/parse/types';
export type { Annotation } from '../main/core/annotations/store';
export type { AnnotationsStatus } from '../main/core/annotations/db';
export type { Colour } from '../main/core/shared/colours';
export { COLOURS } from '../main/core/shared/colours';

/** What went wrong, for the user: `message` starts with the action and says what to do. */
export interface ApiError {
  /** Stable machine-readable reason ("invalid-request", "library-unreadable", "not-found", …). */
  code: string;
  message: string;
}

/** Every call answers with a Result; nothing is thrown across the bridge. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A library opened before. */
export interface RecentLibrary {
  path: string;
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
  fileCount: number;
  postCount: number;
  /** Problems of all severities across the library. */
  problemCount: number;
  /** Files that could not be read at all. */
  errorCount: number;
}

/** One row of the post list. */
export interface PostSummary {
  id: string;
  title: string;
  /** ISO "YYYY-MM-DD", or null when the file had no date. */
  date: string | null;
  dateText: string | null;
  foundCommentCount: number;
  /** From the "N comments:" line; null when the file has none. */
  declaredCommentCount: number | null;
  /** Path of the seed file relative to the library folder. */
  file: string;
  /** Quoted articles and links found in the post. */
  articleCount: number;
}

/** An article as the library knows it: with the other posts that quote the same piece. */
export interface LibraryArticle extends Article {
  alsoQuotedIn: QuotedElsewhere[];
}

/** What a post quotes: found after its thread is shown when the post is long (`posts.articles`). */
export interface QuotedInPost {
  /** Quoted articles and bare links, in reading order. */
  articles: LibraryArticle[];
  /** Passages in comments that quote the post or another comment. */
  quotes: InternalQuote[];
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
}

/** One source in the library's Articles view. */
export interface SourceSummary {
  /** Stable key for `articles.bySource` ("guardian", "patwaterman", "unknown"). */
  key: string;
  /** Display name; null for the group of articles whose source is unknown. */
  name: string | null;
  kind: SourceKind;
  site: string | null;
  /** Quoted articles from it (pasted text), counting a piece quoted in several posts once per post. */
  articleCount: number;
  /** Bare links to it. */
  linkCount: number;
}

/** One article or link from a source, with the post it is in. */
export interface SourceArticle {
  articleId: string;
  postId: string;
  postTitle: string;
  /** ISO date of the post, or null. */
  date: string | null;
  kind: Article['kind'];
  title: string | null;
  url: string | null;
  /** The first words of its text (or its URL for a link). */
  preview: string;
  alsoQuotedIn: QuotedElsewhere[];
}

/** How far opening or re-reading a library has got. */
export interface IndexProgress {
  phase: 'scanning' | 'parsing' | 'extracting' | 'grouping' | 'done';
  done: number;
  total: number;
}

/** A piece of a search snippet; marked pieces are the words that matched. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** One matching text: the post itself, a comment, or a quoted article. */
export interface SearchHit {
  /** 'note': one of the reader's annotations, by its note or the words it highlights. */
  kind: 'post' | 'comment' | 'article' | 'note';
  /** Comment id ("3.2") or article id; for a note, the annotation part ("body", "comment:3.2"); null for the post's own text. */
  ref: string | null;
  snippet: SnippetPart[];
}

/** Search results, grouped by post, best first. */
export interface SearchResults {
  groups: { postId: string; title: string; date: string | null; hits: SearchHit[] }[];
  /** Words and phrases searched for (for marking them in the opened post). */
  terms: string[];
  /** What was left out of the query, to tell the user ("an unmatched \""). */
  dropped: string[];
  /** Matching texts ranked (capped). */
  totalHits: number;
  /** More texts matched than are ranked: the most recently indexed ones were ranked (see search.ts, RANK_BOUND). */
  sampled: boolean;
  /** False while the full-text index is still being built: results may be incomplete. */
  complete: boolean;
  ms: number;
}

const empty = z.object({}).strict();
const text = (max: number) => z.string().min(1).max(max);

/** Payload schemas, one per method: the list of methods is this object's keys. */
export const requests = {
  /** The library that is open now, or null before the first one loads. */
  'library.current': empty,
  /** Opens a library folder by path (command line, drag and drop, recent list). */
  'library.open': z.object({ path: text(4096) }).strict(),
  /** Asks the user for a folder (a system dialog) and opens it; null when they cancel. */
  'library.chooseFolder': empty,
  /** Libraries opened before, most recent first (for File → Open Recent and the toolbar). */
  'library.recent': empty,
  /** Stops the indexing under way; what is done stays, and the next open or change carries on. */
  'library.cancelIndexing': empty,
  /** Every post of the open library, newest first. */
  'posts.list': empty,
  /**
   * One post and its problems; with `part: 'start'` only the beginning of a long thread (its first
   * screen, at once). A long post comes without its articles (see PostDetail).
   */
  'posts.get': z.object({ id: text(1024), part: z.enum(['whole', 'start']).optional() }).strict(),
  /** The top-level comments of a post from index `from` (0-based) to the end: the rest of a long thread. */
  'posts.comments': z.object({ id: text(1024), from: z.number().int().min(0).max(10_000_000) }).strict(),
  /** The quoted articles and internal quotes of a post (those `posts.get` left out of a long one). */
  'posts.articles': z.object({ id: text(1024) }).strict(),
  /** Every problem found in the open library's files. */
  'problems.list': empty,
  /** Every source quoted or linked in the library, most quoted first. */
  'articles.sources': empty,
  /** The articles and links of one source (a key from `articles.sources`), newest post first. */
  'articles.bySource': z.object({ key: text(512) }).strict(),
  /** Full-text search over posts, comments and quoted articles. */
  'search.query': z
    .object({
      query: z.string().max(1000),
      kinds: z
        .array(z.enum(['post', 'comment', 'article']))
        .max(3)
        .optional(),
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable()
        .optional(),
      to: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable()
        .optional(),
      sourceKey: text(512).nullable().optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  /** Opens an http(s) link in the system browser. Other schemes are refused. */
  'links.open': z.object({ url: text(8192) }).strict(),
  /** Whether annotations can be written (the file may be damaged: then why, and the backup to restore). */
  'annotations.status': empty,
  /** The open library's annotations, filtered; `deleted: true` lists the bin. */
  'annotations.list': z
    .object({
      postId: text(1024).optional(),
      tag: text(64).optional(),
      colour: z.enum(COLOURS).optional(),
      text: z.string().max(500).optional(),
      state: z.enum(['exact', 'fuzzy', 'orphan']).optional(),
      deleted: z.boolean().optional(),
    })
    .strict(),
  /** Live annotations per post id of the open library (post list badges). */
  'annotations.counts': empty,
  /** Tags in use in the open library, most used first. */
  'annotations.tags': empty,
  /**
   * Highlights [start, end) of a part's text (`exact` must be the words there), or flags a whole
   * part (a comment). Parts: "body", "comment:<id>", "article:<id>".
   */
  'annotations.add': z
    .object({
      postId: text(1024),
      part: text(2048),
      kind: z.enum(['highlight', 'flag']),
      start: z.number().int().min(0).max(50_000_000).optional(),
      end: z.number().int().min(0).max(50_000_000).optional(),
      exact: z.string().max(20_000).optional(),
      colour: z.enum(COLOURS).optional(),
      note: z.string().max(100_000).optional(),
      tags: z.array(text(64)).max(32).optional(),
    })
    .strict(),
  /** Changes an annotation's colour, note or tags. */
  'annotations.update': z
    .object({ id: z.string().uuid(), colour: z.enum(COLOURS).optional(), note: z.string().max(100_000).optional(), tags: z.array(text(64)).max(32).optional() })
    .strict(),
  /** Puts an annotation in the bin (undo: annotations.restore). */
  'annotations.remove': z.object({ id: z.string().uuid() }).strict(),
  'annotations.restore': z.object({ id: z.string().uuid() }).strict(),
  /** Deletes the open library's bin for good. */
  'annotations.emptyBin': empty,
  /** Asks where to save (a system dialog) and writes the open library's annotations, or one post's; null when cancelled. */
  'annotations.export': z.object({ format: z.enum(['markdown', 'jsonld']), postId: text(1024).optional() }).strict(),
  /** Asks for a JSON-LD file (a system dialog) and imports it into the open library; null when cancelled. */
  'annotations.import': empty,
  /** Puts the newest backup in place of a damaged annotations file (the damaged one is kept beside it). */
  'annotations.restoreBackup': empty,
} satisfies Record<string, z.ZodType>;

export type MethodName = keyof typeof requests;
export type RequestOf<M extends MethodName> = z.infer<(typeof requests)[M]>;

/** The answer type of each method. */
export interface Responses {
  'library.current': LibrarySummary | null;
  'library.open': LibrarySummary;
  'library.chooseFolder': LibrarySummary | null;
  'library.cancelIndexing': { cancelled: boolean };
  'library.recent': RecentLibrary[];
  'posts.list': PostSummary[];
  'posts.get': PostDetail;
  'posts.comments': Comment[];
  'posts.articles': QuotedInPost;
  'problems.list': Problem[];
  'articles.sources': SourceSummary[];
  'articles.bySource': SourceArticle[];
  'search.query': SearchResults;
  'links.open': { opened: true };
  'annotations.status': AnnotationsStatus;
  'annotations.list': Annotation[];
  'annotations.counts': Record<string, number>;
  'annotations.tags': { tag: string; count: number }[];
  'annotations.add': Annotation;
  'annotations.update': Annotation;
  'annotations.remove': Annotation;
  'annotations.restore': Annotation;
  'annotations.emptyBin': { removed: number };
  'annotations.export': { path: string; count: number } | null;
  'annotations.import': { path: string; added: number; alreadyThere: number; exact: number; fuzzy: number; orphan: number } | null;
  'annotations.restoreBackup': AnnotationsStatus;
}

/** Events main sends to the renderer, with their payloads. */
export interface Events {
  /** A library was opened or reloaded: the renderer reloads its lists. */
  'library.changed': LibrarySummary;
  /** Progress of reading a library (parsing, full-text indexing). */
  'library.progress': IndexProgress & { root: string; error?: string };
  /** Files of the open library changed on disk and the index has caught up: reload what shows them. */
  'library.updated': { root: string; files: string[] };
  /** The full-text index of the open library is complete. */
  'library.indexed': { root: string; ms: number };
  /** Annotations changed (added, edited, anchored again after a file changed): reload those of these posts (all when null). */
  'annotations.changed': { root: string; postIds: string[] | null };
}
export type EventName = keyof Events;
export const eventNames = [
  'library.changed',
  'library.progress',
  'library.updated',
  'library.indexed',
  'annotations.changed',
] as const satisfies readonly EventName[];

/** Fails to compile when Responses and requests name different methods. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
const contractIsComplete: SameKeys<Responses, typeof requests> = true;
void contractIsComplete;

export const methodNames = Object.keys(requests) as MethodName[];

/** What main implements: one plain function per method (see main/core/service.ts). */
export type Handlers = { [M in MethodName]: (request: RequestOf<M>) => Promise<Responses[M]> };

/** What the renderer sees on `window.threadline`: named methods only, never raw IPC. */
export type Bridge = { [M in MethodName]: (request: RequestOf<M>) => Promise<Result<Responses[M]>> } & {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** The path of a folder or file dropped on the window, to open it as a library; null when the system gives none. */
  pathOfDropped(file: File): string | null;
};

/** The IPC channel of a method or event. */
export const channelOf = (name: MethodName | EventName): string => `threadline:${name}`;

/** The name under which the bridge is exposed on `window`. */
export const BRIDGE_KEY = 'threadline';

declare global {
  interface Window {
    threadline?: Bridge;
  }
}
