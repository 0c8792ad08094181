/**
 * THE contract between the renderer and the main process: every call, its request and answer
 * types, and every event. Main's handler table and request schemas, the Electron IPC
 * registration, the preload bridge, the renderer client and the e2e harness are all typed from
 * this file, so a method missing on any side is a compile error. Types and a few constants
 * only: the preload bundles it, so it holds no validation code (that is main/core/requests.ts).
 */
import type { QuotedInPost, SourceArticle, SourceSummary } from '../main/core/articles/types';
import type { LibrarySummary, PostDetail, RecentLibrary } from '../main/core/library/types';
import type { Comment, Problem } from '../main/core/parse/types';
import type { Colour } from '../main/core/shared/colours';
import type { Annotation, AnnotationFilter, AnnotationsStatus } from '../main/core/annotations/types';
import type { IndexProgress, PostSummary, SearchOptions, SearchResults } from '../main/core/index/types';
import type { PaneLayout, ReadingPlace, ThreadPlace } from '../main/core/state/reading-place';
import type { ReadingPrefs } from '../main/core/shared/reading-prefs';
import type { ResumeState } from '../main/core/session';
import type { PostReadState, ReadCounts, ReadScope } from '../main/core/read-state/types';
import type { LibraryTimeline, SearchTimeline } from '../main/core/shared/timeline';

export type {
  Article,
  ArticleLocation,
  InternalQuote,
  LibraryArticle,
  QuotedElsewhere,
  QuotedInPost,
  Source,
  SourceArticle,
  SourceKind,
  SourceSummary,
  TextSpan,
} from '../main/core/articles/types';
export type { LibrarySummary, PostDetail, RecentLibrary } from '../main/core/library/types';
export type { Block, Comment, Post, Problem, SourceFormat } from '../main/core/parse/types';
export type { Annotation, AnnotationsStatus } from '../main/core/annotations/types';
export type {
  IndexProgress,
  PostSummary,
  SearchGroup,
  SearchHit,
  SearchResults,
  SnippetPart,
} from '../main/core/index/types';
export type { Colour } from '../main/core/shared/colours';
export type { PaneLayout, ReadingPlace, ThreadPlace } from '../main/core/state/reading-place';
export type { ReadingPrefs, ReadingWidth, Typeface } from '../main/core/shared/reading-prefs';
export type { ResumeState } from '../main/core/session';
export type { PostReadState, ReadCounts, ReadScope } from '../main/core/read-state/types';
export type {
  BusyThread,
  LibraryMonth,
  LibraryTimeline,
  MonthCount,
  SearchTimeline,
} from '../main/core/shared/timeline';

/** What went wrong, for the user: `message` starts with the action and says what to do. */
export interface ApiError {
  /** Stable machine-readable reason ("invalid-request", "library-unreadable", "not-found", …). */
  code: string;
  message: string;
}

/** Every call answers with a Result; nothing is thrown across the bridge. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The request of a call that takes no arguments: an empty object. */
export type NoFields = Record<string, never>;

/** The request of each method: what the renderer sends, after main has checked it (see main/core/requests.ts). */
export interface Requests {
  /** The library that is open now, or null before the first one loads. */
  'library.current': NoFields;
  /** Asks the user for a folder (a system dialog) and opens it; null when they cancel. */
  'library.chooseFolder': NoFields;
  /** Libraries opened before, most recent first (for File → Open Recent and the toolbar). */
  'library.recent': NoFields;
  /** Stops the indexing under way; what is done stays, and the next open or change carries on. */
  'library.cancelIndexing': NoFields;
  /** Every post of the open library, newest first. */
  'posts.list': NoFields;
  /**
   * One post and its problems; with `part: 'start'` only the beginning of a long thread (its first
   * screen, at once). A long post comes without its articles (see PostDetail).
   */
  'posts.get': {
    /** The post's id (see Post.id). */
    id: string;
    /** 'whole' (the default) or only the 'start' of a long thread. */
    part?: 'whole' | 'start';
  };
  /** The top-level comments of a post from index `from` (0-based) to the end: the rest of a long thread. */
  'posts.comments': {
    id: string;
    /** Index of the first top-level comment wanted, 0-based. */
    from: number;
  };
  /** The quoted articles and internal quotes of a post (those `posts.get` left out of a long one). */
  'posts.articles': { id: string };
  /** Every problem found in the open library's files. */
  'problems.list': NoFields;
  /** Every source quoted or linked in the library, most quoted first. */
  'articles.sources': NoFields;
  /** The articles and links of one source (a key from `articles.sources`), newest post first. */
  'articles.bySource': {
    /** SourceSummary.key. */
    key: string;
  };
  /** Full-text search over posts, comments and quoted articles. */
  'search.query': SearchOptions & {
    /** What the user typed: words, "quoted phrases", prefix* searches. */
    query: string;
  };
  /** Opens an http(s) link in the system browser. Other schemes are refused. */
  'links.open': {
    /** As written in the post: absolute, or a bare domain and path ("example.org/a"). */
    url: string;
  };
  /** Whether annotations can be written (the file may be damaged: then why, and the backup to restore). */
  'annotations.status': NoFields;
  /** The open library's annotations, filtered; `deleted: true` lists the bin. */
  'annotations.list': Omit<AnnotationFilter, 'library'>;
  /** Live annotations per post id of the open library (post list badges). */
  'annotations.counts': NoFields;
  /** Tags in use in the open library, most used first. */
  'annotations.tags': NoFields;
  /**
   * Highlights [start, end) of a part's text (`exact` must be the words there), or flags a whole
   * part (a comment). Parts: "body", "comment:<id>", "article:<id>".
   */
  'annotations.add': {
    postId: string;
    part: string;
    kind: 'highlight' | 'flag';
    /** Character offsets in the part's text; required for a highlight, ignored for a flag. */
    start?: number;
    end?: number;
    /** The words the reader selected: refused when the part's text there differs (it changed since it was shown). */
    exact?: string;
    colour?: Colour;
    note?: string;
    tags?: string[];
  };
  /** Changes an annotation's colour, note or tags. */
  'annotations.update': {
    /** Annotation.id. */
    id: string;
    colour?: Colour;
    note?: string;
    tags?: string[];
  };
  /** Puts an annotation in the bin (undo: annotations.restore). */
  'annotations.remove': { id: string };
  /** Takes an annotation out of the bin. */
  'annotations.restore': { id: string };
  /** Deletes the open library's bin for good. */
  'annotations.emptyBin': NoFields;
  /** Asks where to save (a system dialog) and writes the open library's annotations, or one post's; null when cancelled. */
  'annotations.export': {
    format: 'markdown' | 'jsonld';
    /** Only this post's annotations; all the library's when absent. */
    postId?: string;
  };
  /** Asks for a JSON-LD file (a system dialog) and imports it into the open library; null when cancelled. */
  'annotations.import': NoFields;
  /** Puts the newest backup in place of a damaged annotations file (the damaged one is kept beside it). */
  'annotations.restoreBackup': NoFields;
  /** Where the reader was: the pane widths, and the place in the open library's last post (restored on start). */
  'place.get': NoFields;
  /** Remembers the pane widths and the place in the open post; a post the open library lacks is not kept. */
  'place.save': {
    post?: ThreadPlace;
    panes?: PaneLayout;
  };

  // ── The shell: opening without naming paths, failures (issue 16) ──
  /** Opens an entry of `library.recent` by its place in that list: the page never names a path. */
  'library.openRecent': {
    /** 0-based index into the list `library.recent` answered. */
    index: number;
  };
  /** The window opened a post: main remembers it, to come back to it if the window crashes. */
  'shell.postOpened': { id: string };
  /** Asked as the window starts: the post to open again after a crash, and a notice of what happened. */
  'shell.resume': NoFields;
  /** The library being opened now (the window opens before the first one is ready), or null. */
  'library.opening': NoFields;

  // ── Links into the thread, a thread leaving the app (issue 17) ──
  /** Puts text on the system clipboard (the page is sandboxed: main writes it). */
  'shell.copyText': {
    /** At most 8 KB: a threadline:// link. */
    text: string;
  };
  /**
   * Follows a threadline:// link (main/core/shared/links.ts): opens its library when it is another
   * one this computer knows, and answers which post, comment or annotation to show.
   */
  'links.follow': { url: string };
  /** The link the app was started with (from the system or the command line), once; null when none is waiting. */
  'links.pending': NoFields;
  /** Asks where to save (a system dialog) and writes a post with its thread as Markdown, HTML or PDF; null when cancelled. */
  'thread.export': {
    postId: string;
    format: 'markdown' | 'html' | 'pdf';
    /** Comment ids whose replies are collapsed in the reader: left out. Absent: the whole thread. */
    collapsed?: string[];
    /** With the reader's highlights (marked) and notes (numbered notes). */
    annotations: boolean;
  };
  // ── Reading comfort (issue 17) ──
  /** The reader's text settings (size, column width, typeface), remembered across restarts. */
  'prefs.get': NoFields;
  /** Changes some text settings and remembers them; `prefs.changed` tells every window. */
  'prefs.save': Partial<ReadingPrefs>;
  // ── Read state and "new since last visit" (issue 17) ──
  /** Which parts of a post are read and which are New (the rest are unread). */
  'readState.post': { postId: string };
  /** Marks parts of a post ("body", "comment:3.2") read or unread. */
  'readState.mark': {
    postId: string;
    /** Part keys; comments the post no longer has are left alone. */
    parts: string[];
    read: boolean;
  };
  /** Marks every part of the library, of a month, or of a post read (New ones too) or unread. */
  'readState.markAll': { scope: ReadScope; read: boolean };
  /** Unread and New counts of every post of the open library, by post id (the post list). */
  'readState.counts': NoFields;
  // ── Where the matches fall in time (issue 18) ──
  /**
   * How many texts match a search in each month of the library, by their post's date: every
   * match counted (search.query ranks a page of them). The same words and filters as search.query.
   */
  'search.timeline': Omit<SearchOptions, 'limit' | 'sort'> & {
    /** What the user typed, as for search.query. */
    query: string;
  };
  /** Posts and comments per month of the open library, and the threads with the most comments. */
  'library.timeline': NoFields;
}

/** Every method of the contract, in one list: the bridge and the IPC registration are built from it. */
export const methodNames = [
  'library.current',
  'library.chooseFolder',
  'library.recent',
  'library.cancelIndexing',
  'posts.list',
  'posts.get',
  'posts.comments',
  'posts.articles',
  'problems.list',
  'articles.sources',
  'articles.bySource',
  'search.query',
  'links.open',
  'annotations.status',
  'annotations.list',
  'annotations.counts',
  'annotations.tags',
  'annotations.add',
  'annotations.update',
  'annotations.remove',
  'annotations.restore',
  'annotations.emptyBin',
  'annotations.export',
  'annotations.import',
  'annotations.restoreBackup',
  'place.get',
  'place.save',
  // The shell (issue 16).
  'library.openRecent',
  'shell.postOpened',
  'shell.resume',
  'library.opening',
  // Links and thread export (issue 17).
  'shell.copyText',
  'links.follow',
  'links.pending',
  'thread.export',
  // Reading comfort (issue 17).
  'prefs.get',
  'prefs.save',
  // Read state (issue 17).
  'readState.post',
  'readState.mark',
  'readState.markAll',
  'readState.counts',
  // Where the matches fall in time (issue 18).
  'search.timeline',
  'library.timeline',
] as const;

export type MethodName = keyof Requests;
export type RequestOf<M extends MethodName> = Requests[M];

/** The answer type of each method. */
export interface Responses {
  'library.current': LibrarySummary | null;
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
  'annotations.import': {
    path: string;
    added: number;
    alreadyThere: number;
    exact: number;
    fuzzy: number;
    orphan: number;
  } | null;
  'annotations.restoreBackup': AnnotationsStatus;
  'place.get': ReadingPlace;
  /** Whether the post's place was kept (false: no post given, or not in the open library). */
  'place.save': { kept: boolean };
  // The shell (issue 16).
  'library.openRecent': LibrarySummary;
  'shell.postOpened': null;
  'shell.resume': ResumeState;
  'library.opening': { root: string; name: string; isDefault: boolean } | null;
  // Links and thread export (issue 17).
  'shell.copyText': { copied: true };
  /** Where the link points, in the library now open: the post, and the comment or the annotation to show. */
  'links.follow': { postId: string; commentId: string | null; annotation: Annotation | null };
  'links.pending': { url: string | null };
  'thread.export': { path: string; format: 'markdown' | 'html' | 'pdf' } | null;
  // Reading comfort (issue 17).
  'prefs.get': ReadingPrefs;
  /** All the settings, as they now are. */
  'prefs.save': ReadingPrefs;
  // Read state (issue 17).
  'readState.post': PostReadState;
  'readState.mark': PostReadState;
  /** How many posts changed. */
  'readState.markAll': { posts: number };
  'readState.counts': Record<string, ReadCounts>;
  // Where the matches fall in time (issue 18).
  /** `complete` is false while the full-text index is still being built: the counts may be low. */
  'search.timeline': SearchTimeline & { complete: boolean };
  'library.timeline': LibraryTimeline;
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
  // The shell (issue 16).
  /** Something failed (logged in the crash log): what happened and what to do, in plain words. */
  'shell.failure': { message: string };
  /** A command chosen in the application menu (Go, Help → Keyboard Shortcuts): the renderer runs its keymap binding. */
  'shell.command': { id: string };
  /** The system (or a second launch, or the command line) asked to open a threadline:// link: the window follows it. */
  'shell.openLink': { url: string };
  // Reading comfort (issue 17).
  /** The text settings changed (from the window, or the View menu's text size items). */
  'prefs.changed': ReadingPrefs;
  /** Read state changed (a mark, or comments the index found): the new counts of these posts, by id. */
  'readState.changed': { root: string; counts: Record<string, ReadCounts> };
}
export type EventName = keyof Events;
export const eventNames = [
  'library.changed',
  'library.progress',
  'library.updated',
  'library.indexed',
  'annotations.changed',
  // The shell (issue 16).
  'shell.failure',
  'shell.command',
  'shell.openLink',
  // Reading comfort (issue 17).
  'prefs.changed',
  'readState.changed',
] as const satisfies readonly EventName[];

/** `true` when A and B hold the same names; otherwise the names only one of them holds. */
type SameNames<A extends PropertyKey, B extends PropertyKey> = [Exclude<A, B> | Exclude<B, A>] extends [never]
  ? true
  : Exclude<A, B> | Exclude<B, A>;
// These fail to compile, naming the odd ones out, when a method or event is missing from a list or a table.
const methodListIsComplete: SameNames<(typeof methodNames)[number], MethodName> = true;
const everyMethodAnswers: SameNames<keyof Responses, MethodName> = true;
const eventListIsComplete: SameNames<(typeof eventNames)[number], EventName> = true;
void [methodListIsComplete, everyMethodAnswers, eventListIsComplete];

/** What main implements: one plain function per method (see main/core/service.ts). */
export type Handlers = { [M in MethodName]: (request: RequestOf<M>) => Promise<Responses[M]> };

/** What the renderer sees on `window.threadline`: named methods only, never raw IPC. */
export type Bridge = { [M in MethodName]: (request: RequestOf<M>) => Promise<Result<Responses[M]>> } & {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /**
   * Opens a folder dropped on the window as a library. It takes the dropped File, never a path:
   * the preload asks the system where the File is and sends that to main on a channel of its own
   * (DROPPED_FOLDER_CHANNEL), so page code cannot make main open a path it names.
   */
  openDropped(file: File): Promise<Result<LibrarySummary>>;
};

/** The channel the preload sends a dropped folder's path on: no bridge method reaches it with a path from the page. */
export const DROPPED_FOLDER_CHANNEL = 'threadline:drop.openFolder';

/** The IPC channel of a method or event. */
export const channelOf = (name: MethodName | EventName): string => `threadline:${name}`;

/** The name under which the bridge is exposed on `window`. */
export const BRIDGE_KEY = 'threadline';

declare global {
  interface Window {
    threadline?: Bridge;
  }
}
