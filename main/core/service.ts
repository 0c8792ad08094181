import { basename, resolve } from 'node:path';
import type { EventName, Events, Handlers, LibrarySummary, PostSummary } from '../../preload/api';
import { absoluteUrl, buildArticleIndex, type ArticleIndex } from './articles';
import { loadLibrary, UserError, type LoadedLibrary } from './library';
import type { Post } from './parse';

/** What the service needs from its host (Electron, the e2e harness, a test). */
export interface ServiceDeps {
  /** The bundled seeds folder: the library the app opens with. */
  defaultLibrary: string;
  /** Opens a URL in the system browser (Electron: shell.openExternal). */
  openExternal(url: string): Promise<void>;
  /** Asks the user for a folder; null when they cancel. */
  chooseFolder(): Promise<string | null>;
}

type Listener = <E extends EventName>(event: E, payload: Events[E]) => void;

/** Only these schemes ever leave the app, and only when the user clicks. */
export function isOpenableUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

function summarise(library: LoadedLibrary, defaultLibrary: string): LibrarySummary {
  return {
    root: library.root,
    name: basename(library.root),
    isDefault: resolve(library.root) === resolve(defaultLibrary),
    fileCount: library.fileCount,
    postCount: library.posts.length,
    problemCount: library.problems.length,
    errorCount: library.problems.filter((p) => p.severity === 'error').length,
  };
}

function summaryOf(post: Post, articleCount: number): PostSummary {
  return {
    id: post.id,
    title: post.title,
    date: post.date,
    dateText: post.dateText,
    foundCommentCount: post.foundCommentCount,
    declaredCommentCount: post.declaredCommentCount,
    file: post.file,
    articleCount,
  };
}

/**
 * The API contract implemented with plain functions over the core: no Electron here.
 * Electron registers `handlers` behind IPC; the e2e harness calls the same table.
 */
export function createService(deps: ServiceDeps) {
  let library: LoadedLibrary | null = null;
  let articleIndex: ArticleIndex | null = null;
  const listeners = new Set<Listener>();

  const emit: Listener = (event, payload) => listeners.forEach((listener) => listener(event, payload));
  const requireLibrary = (): LoadedLibrary => {
    if (!library) throw new UserError('no-library', 'No library is open yet. Open a folder of saved posts (File → Open Folder…).');
    return library;
  };
  /** Articles are extracted for the whole library on first use, so "also quoted in" can link posts. */
  const articles = (): ArticleIndex => {
    requireLibrary();
    return (articleIndex ??= buildArticleIndex(library!.posts));
  };

  async function openLibrary(path: string): Promise<LibrarySummary> {
    const loaded = await loadLibrary(resolve(path));
    library = loaded;
    articleIndex = null;
    const summary = summarise(loaded, deps.defaultLibrary);
    emit('library.changed', summary);
    return summary;
  }

  const handlers: Handlers = {
    'library.current': async () => (library ? summarise(library, deps.defaultLibrary) : null),
    'library.open': async ({ path }) => openLibrary(path),
    'library.chooseFolder': async () => {
      const path = await deps.chooseFolder();
      return path ? openLibrary(path) : null;
    },
    'posts.list': async () => requireLibrary().posts.map((post) => summaryOf(post, articles().ofPost(post.id)?.articles.length ?? 0)),
    'posts.get': async ({ id }) => {
      const current = requireLibrary();
      const post = current.posts.find((p) => p.id === id);
      if (!post)
        throw new UserError('not-found', `Opening the post failed: "${id.slice(0, 120)}" is not in this library. It may have been removed; pick another post.`);
      const found = articles().ofPost(post.id) ?? { articles: [], quotes: [] };
      return { post, ...found, problems: current.problems.filter((p) => p.file === post.file) };
    },
    'problems.list': async () => requireLibrary().problems,
    'articles.sources': async () => articles().sources(),
    'articles.bySource': async ({ key }) => articles().bySource(key),
    'links.open': async ({ url }) => {
      const otherScheme = /^[a-z][a-z0-9+.-]*:/i.test(url) && !/^https?:/i.test(url);
      const absolute = otherScheme ? null : absoluteUrl(url);
      if (!absolute || !isOpenableUrl(absolute))
        throw new UserError(
          'link-refused',
          `Opening the link failed: only web links (http, https) open in the browser, and "${url.slice(0, 120)}" is not one.`,
        );
      await deps.openExternal(absolute);
      return { opened: true };
    },
  };

  return {
    handlers,
    openLibrary,
    /** Subscribes to the events of the contract; returns the unsubscribe function. */
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Service = ReturnType<typeof createService>;
