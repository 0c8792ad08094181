/**
 * THE contract between the renderer and the main process: every call, its payload schema,
 * its answer type, and every event. Main's handler table, the Electron IPC registration,
 * the preload bridge, the renderer client and the e2e harness are all typed from this file,
 * so a method missing on any side is a compile error.
 */
import { z } from 'zod';
import type { Article } from '../main/core/articles/types';
import type { Post, Problem } from '../main/core/parse/types';

export type { Article, ArticleLocation } from '../main/core/articles/types';
export type { Block, Comment, Post, Problem } from '../main/core/parse/types';

/** What went wrong, for the user: `message` starts with the action and says what to do. */
export interface ApiError {
  /** Stable machine-readable reason ("invalid-request", "library-unreadable", "not-found", …). */
  code: string;
  message: string;
}

/** Every call answers with a Result; nothing is thrown across the bridge. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

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

/** An open post with what the reader shows beside it. */
export interface PostDetail {
  post: Post;
  articles: Article[];
  /** Problems of this post's file. */
  problems: Problem[];
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
  /** Every post of the open library, newest first. */
  'posts.list': empty,
  /** One post, its quoted articles and its problems. */
  'posts.get': z.object({ id: text(1024) }).strict(),
  /** Every problem found in the open library's files. */
  'problems.list': empty,
  /** Opens an http(s) link in the system browser. Other schemes are refused. */
  'links.open': z.object({ url: text(8192) }).strict(),
} satisfies Record<string, z.ZodType>;

export type MethodName = keyof typeof requests;
export type RequestOf<M extends MethodName> = z.infer<(typeof requests)[M]>;

/** The answer type of each method. */
export interface Responses {
  'library.current': LibrarySummary | null;
  'library.open': LibrarySummary;
  'library.chooseFolder': LibrarySummary | null;
  'posts.list': PostSummary[];
  'posts.get': PostDetail;
  'problems.list': Problem[];
  'links.open': { opened: true };
}

/** Events main sends to the renderer, with their payloads. */
export interface Events {
  /** A library was opened or reloaded: the renderer reloads its lists. */
  'library.changed': LibrarySummary;
}
export type EventName = keyof Events;
export const eventNames = ['library.changed'] as const satisfies readonly EventName[];

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
