import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { EventName, Events, Handlers } from '../../preload/api';
import type { LibrarySummary } from './library/types';
import { absoluteUrl } from './articles';
import { openIndexDb, type IndexDb } from './index/db';
import { ParsePool } from './index/pool';
import { indexQueries, type IndexQueries } from './index/queries';
import { search } from './index/search';
import { searchTimeline } from './index/search/timeline';
import { libraryTimeline } from './index/library-timeline';
import { libraryAuthors } from './index/search/authors';
import { updateIndex, type UpdateResult } from './index/update';
import { watchLibraryFolder, type FolderWatch } from './library/watch';
import { UserError } from './errors';
import { createPostReader, postDetail, quotedIn } from './open-post';
import { addRecent, readRecent } from './recent';
import { checkLibraryPath } from './library/path-policy';
import { createSession } from './session';
import { isOpenableUrl } from './shared/url-policy';
import { createAnnotations } from './annotations/service';
import { createPlaceStore } from './state/reading-place';
import { createThreadExport, type PdfMaker } from './export/service';
import { libraryForLink, libraryLinkId, readLink } from './link-target';
import { createPrefsStore } from './state/reading-prefs';
import { stepTextSize } from './shared/reading-prefs';
import { createReadState } from './read-state/service';

/** What the service needs from its host (Electron, the e2e harness, a test). */
export interface ServiceDeps {
  /** The bundled seeds folder: the library the app opens with. */
  defaultLibrary: string;
  /** The user-data folder: library indexes live in its `index/` folder (a cache, never user data). */
  profileDir: string;
  /** A better-sqlite3 native module built for this runtime, when it is not the default one. */
  nativeBinding?: string;
  /** Follow the open folder for changes on disk (default true). */
  watch?: boolean;
  /** Opens a URL in the system browser (Electron: shell.openExternal). */
  openExternal(url: string): Promise<void>;
  /** Asks the user for a folder; null when they cancel. */
  chooseFolder(): Promise<string | null>;
  /** Asks where to save an export; null when they cancel (none: exports are refused). */
  saveFile?(suggestedName: string): Promise<string | null>;
  /** Asks for a file to import; null when they cancel. */
  chooseFile?(): Promise<string | null>;
  /** Records something that went wrong without stopping the reader (a damaged state file); console.warn by default. */
  warn?(message: string): void;
  /** Puts text on the system clipboard (Electron: clipboard.writeText); none: copying is refused. */
  copyText?(text: string): Promise<void>;
  /** Prints a self-contained HTML page to PDF (Electron: printToPDF in a hidden window); none: PDF exports are refused. */
  printToPdf?: PdfMaker;
  /** A built parse worker to run (the bench runs out/main/parse-worker.js from the source tree); by default the one beside the bundle, else the source. */
  parseWorkerFile?: string;
}

type Listener = <E extends EventName>(event: E, payload: Events[E]) => void;

/** The index file of a library folder inside a profile: one per folder, named by a hash of its path. */
export function indexPathFor(profileDir: string, root: string): string {
  return join(profileDir, 'index', `${createHash('sha1').update(root).digest('hex').slice(0, 16)}.sqlite`);
}

interface OpenLibrary {
  root: string;
  /** The folder followed for changes on disk; null when the host turned watching off. */
  watcher: FolderWatch | null;
  db: IndexDb;
  queries: IndexQueries;
  /** Resolves when the full-text pass of the latest update has finished. */
  indexed: Promise<UpdateResult>;
  fullTextComplete: boolean;
  /** Stops the update under way. */
  abort: AbortController;
  /** An update is running. */
  updating: boolean;
  /** Resolves when what follows the opening update (read state recorded, the window told) is done. */
  settled: Promise<void>;
  /**
   * The folder was listed since the watcher was following it: a watcher's paths are then all
   * that changed (the first change after opening lists the folder, for what changed while the
   * watcher was starting).
   */
  listedWhileWatched: boolean;
}

/**
 * The API contract implemented with plain functions over the core: no Electron here.
 * Electron registers `handlers` behind IPC; the e2e harness calls the same table.
 */
export function createService(deps: ServiceDeps) {
  let library: OpenLibrary | null = null;
  let pool: ParsePool | null = null;
  const newPool = () => new ParsePool(undefined, deps.parseWorkerFile ? { workerFile: deps.parseWorkerFile } : {});
  /** Index work still writing (a library's update after another opened, a catch-up): close() waits for it. */
  const writing = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    writing.add(settled);
    void settled.then(() => writing.delete(settled));
    return work;
  };
  const listeners = new Set<Listener>();
  const posts = createPostReader();

  const emit: Listener = (event, payload) => listeners.forEach((listener) => listener(event, payload));
  const session = createSession((message) => emit('shell.failure', { message }));
  const requireLibrary = (): OpenLibrary => {
    if (!library)
      throw new UserError('no-library', 'No library is open yet. Open a folder of saved posts (File → Open Folder…).');
    return library;
  };
  // The user's annotations: a file of their own in the profile, apart from every index.
  const annotations = createAnnotations({
    profileDir: deps.profileDir,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    library: requireLibrary,
    emit: (event, payload) => emit(event, payload),
    saveFile: deps.saveFile ?? (async () => null),
    chooseFile: deps.chooseFile ?? (async () => null),
    linkId: (root) => libraryLinkId(root, deps.defaultLibrary),
  });
  // What the reader has read, in the same file: per post, by content keys that survive renumbering.
  const readState = createReadState({
    database: annotations.database,
    library: requireLibrary,
    readPost: async (postId) => {
      const open = requireLibrary();
      return (await posts.latest(open.root, open.queries, postId)).post;
    },
    emit: (event, payload) => emit(event, payload),
  });
  // Where the reader was (the last library, the pane widths, the place in a post): a convenience file in the profile.
  const places = createPlaceStore(deps.profileDir, deps.warn ?? ((message) => console.warn(message)));
  // The reader's text settings: a convenience file in the profile, as the place is.
  const prefs = createPrefsStore(deps.profileDir, deps.warn ?? ((message) => console.warn(message)));
  /** Anchors annotations again (the files may have changed since they were last seen); never fails the caller. */
  const reanchor = () => void annotations.reanchor(null).catch(() => undefined);

  const summarise = (open: OpenLibrary): LibrarySummary => {
    const counts = open.queries.counts();
    return {
      root: open.root,
      name: basename(open.root),
      isDefault: resolve(open.root) === resolve(deps.defaultLibrary),
      linkId: libraryLinkId(open.root, deps.defaultLibrary),
      fileCount: counts.files,
      postCount: counts.posts,
      problemCount: counts.problems,
      errorCount: counts.errors,
    };
  };

  /**
   * Opens a library folder: brings its index up to date and answers as soon as the post list
   * can be read; the full-text pass goes on in the background ("library.indexed" when done).
   */
  const openLibrary = (path: string): Promise<LibrarySummary> => track(openLibraryNow(path));

  /** Where indexes go when the profile cannot take them: a temporary folder of this run, removed on close. */
  let fallbackDir: string | null = null;

  /**
   * The library's index in the profile; when the profile cannot be written (read-only, full, not
   * a folder), in a temporary folder for this run instead, so the library still opens, and the
   * reader is told what happened and what to do.
   */
  function openIndex(root: string): IndexDb {
    const options = deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {};
    try {
      return openIndexDb(indexPathFor(deps.profileDir, root), options);
    } catch (error) {
      const first = fallbackDir === null;
      fallbackDir ??= mkdtempSync(join(tmpdir(), 'threadline-index-'));
      const db = openIndexDb(indexPathFor(fallbackDir, root), options);
      if (first)
        session.failed(
          `Threadline cannot write to its data folder, ${deps.profileDir} (${(error as Error).message}). The library is open, with its index in a temporary folder that is read again at every start, and annotations are read-only. Make that folder writable (check its permissions and the free space on its disk), then start Threadline again.`,
          false,
        );
      return db;
    }
  }

  /** The folder being opened now, for the window that opens before it is ready. */
  let opening: string | null = null;

  async function openLibraryNow(path: string): Promise<LibrarySummary> {
    const root = resolve(path);
    opening = root;
    try {
      return await openFolder(root);
    } finally {
      if (opening === root) opening = null;
    }
  }

  async function openFolder(root: string): Promise<LibrarySummary> {
    // Refused before anything is written to the profile (no index, no recent entry).
    await checkLibraryPath(root, deps.profileDir);
    // The same folder again while it is still being indexed: let that update finish first (two would fight over the index's write lock).
    if (library?.root === root && library.updating) await library.indexed.catch(() => undefined);
    const db = openIndex(root);
    pool ??= newPool();
    let postsReady!: () => void;
    const ready = new Promise<void>((r) => (postsReady = r));
    const abort = new AbortController();
    const indexed = updateIndex(db, root, {
      pool,
      ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
      signal: abort.signal,
      onPostsReady: postsReady,
      onProgress: (progress) => emit('library.progress', { ...progress, root }),
    });
    try {
      await Promise.race([ready, indexed]);
    } catch (error) {
      db.close();
      throw error;
    }
    const previous = library;
    const open: OpenLibrary = {
      root,
      db,
      watcher: null,
      queries: indexQueries(db),
      indexed,
      fullTextComplete: false,
      abort,
      updating: true,
      settled: Promise.resolve(),
      listedWhileWatched: false,
    };
    library = open;
    if (previous) {
      void previous.watcher?.close();
      if (previous.db !== db) void track(previous.indexed.finally(() => previous.db.close())).catch(() => undefined);
    }
    if (deps.watch !== false) {
      open.watcher = watchLibraryFolder(root, {
        onChanges: (files) => catchUp(open, files),
        onError: (error) => emit('library.progress', { phase: 'done', done: 0, total: 0, root, error: error.message }),
      });
    }
    open.settled = indexed.then(
      async (result) => {
        open.updating = false;
        open.fullTextComplete = !result.cancelled;
        if (library !== open) return;
        // Comments the index found: a post seen for the first time records them all as known.
        await readState.syncIndexed(root, open.queries, result.extractedPosts, true);
        if (library !== open) return;
        // Article counts and sources arrive with the second pass: the lists reload.
        if (result.parsed || result.rebuilt) emit('library.updated', { root, files: [] });
        emit('library.indexed', { root, ms: result.totalMs });
      },
      () => undefined,
    );
    // close() waits for the read state to be recorded before it closes the file.
    void track(open.settled);
    reanchor();
    const summary = summarise(open);
    // The bundled seeds are always there; only folders the user chose are worth remembering.
    if (!summary.isDefault) await addRecent(deps.profileDir, root).catch(() => undefined);
    await places.rememberLibrary(summary.isDefault ? null : root);
    emit('library.changed', summary);
    return summary;
  }

  /**
   * Brings the index up to date with files changed on disk (only those are parsed) and tells
   * the window which files to reload ("library.updated"), once any update under way is done.
   */
  function catchUp(open: OpenLibrary, files: string[]): Promise<void> {
    return track(catchUpNow(open, files));
  }

  async function catchUpNow(open: OpenLibrary, files: string[]): Promise<void> {
    await open.indexed.catch(() => undefined);
    if (library !== open) return;
    open.indexed = updateIndex(open.db, open.root, {
      pool: pool ?? undefined,
      // The watcher's paths: only those are looked at, so a save costs the same in a library of any size.
      ...(open.listedWhileWatched ? { changed: files } : {}),
      ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
      onProgress: (progress) => emit('library.progress', { ...progress, root: open.root }),
    });
    open.listedWhileWatched = true;
    const result = await open.indexed.finally(() => (open.updating = false));
    if (!result.cancelled) open.fullTextComplete = true;
    if (library === open && (result.parsed || result.removed)) {
      // Comments a re-saved page gained are New from here on.
      await readState.syncIndexed(open.root, open.queries, result.extractedPosts, false);
      emit('library.updated', { root: open.root, files });
      reanchor();
    }
  }

  /** A threadline:// link the system gave before the window asked for it ('links.pending'). */
  let pendingLink: string | null = null;
  const threadExport = createThreadExport({
    library: () => {
      const open = requireLibrary();
      return { ...open, linkId: libraryLinkId(open.root, deps.defaultLibrary) };
    },
    posts,
    annotationsOf: (postId) => annotations.handlers['annotations.list']({ postId }),
    saveFile: deps.saveFile ?? (async () => null),
    ...(deps.printToPdf ? { printToPdf: deps.printToPdf } : {}),
  });

  const handlers: Handlers = {
    'library.current': async () => (library ? summarise(library) : null),
    'library.chooseFolder': async () => {
      const path = await deps.chooseFolder();
      return path ? openLibrary(path) : null;
    },
    'library.cancelIndexing': async () => {
      const open = requireLibrary();
      const running = open.updating && !open.abort.signal.aborted;
      open.abort.abort();
      return { cancelled: running };
    },
    'library.recent': async () => readRecent(deps.profileDir),
    'posts.list': async () => requireLibrary().queries.posts(),
    // The index keeps summaries and search text; a post itself is read from its file, as it is now.
    'posts.get': async ({ id, part }) => {
      const open = requireLibrary();
      return postDetail(await posts.read(open.root, open.queries, id), open.queries, part === 'start');
    },
    'posts.comments': async ({ id, from }) => {
      const open = requireLibrary();
      return (await posts.latest(open.root, open.queries, id)).post.comments.slice(from);
    },
    'posts.articles': async ({ id }) => {
      const open = requireLibrary();
      const read = await posts.latest(open.root, open.queries, id);
      // Found in a parse worker (a long thread takes a few hundred milliseconds), so this thread
      // keeps answering the window meanwhile.
      pool ??= newPool();
      return quotedIn(read, open.queries, await pool.articles(open.root, read.file, read.part));
    },
    'problems.list': async () => requireLibrary().queries.problems(),
    'articles.sources': async () => requireLibrary().queries.sources(),
    'articles.bySource': async ({ key }) => requireLibrary().queries.bySource(key),
    'search.query': async ({ query, ...options }) => {
      const open = requireLibrary();
      const result = search(open.db, query, options);
      // The reader's own notes and highlights come first, in the post they belong to (not when the search is narrowed to some kinds of text, a source or an author).
      const groups = result.groups;
      if (!options.kinds?.length && !options.sourceKey && !options.author?.trim() && !options.from && !options.to) {
        const notes = await annotations.searchNotes(open.root, result.query.terms).catch(() => []);
        for (const note of notes.reverse()) {
          const group = groups.find((g) => g.postId === note.postId);
          if (group) group.hits.unshift(note.hit);
          else groups.unshift({ postId: note.postId, title: note.title, date: note.date, hits: [note.hit] });
        }
      }
      return {
        groups,
        terms: result.query.terms,
        dropped: result.query.dropped,
        totalHits: result.totalHits,
        complete: open.fullTextComplete,
        ms: result.ms,
      };
    },
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
    ...annotations.handlers,
    ...threadExport,
    'shell.copyText': async ({ text }) => {
      if (!deps.copyText)
        throw new UserError(
          'unsupported',
          'Copying failed: this window has no clipboard. Select the text and copy it.',
        );
      await deps.copyText(text);
      return { copied: true };
    },
    'links.follow': async ({ url }) => {
      const link = readLink(url);
      const recent = (await readRecent(deps.profileDir)).filter((r) => r.exists).map((r) => r.path);
      const known = [...(library ? [library.root] : []), deps.defaultLibrary, ...recent];
      const root = libraryForLink(link, known, deps.defaultLibrary);
      if (library?.root !== resolve(root)) await openLibrary(root);
      if (pendingLink === url) pendingLink = null;
      const open = requireLibrary();
      if (!open.queries.fileOf(link.postId))
        throw new UserError(
          'not-found',
          `Opening the link failed: the post "${link.postId.slice(0, 120)}" is not in ${basename(open.root)} any more. It may have been removed or renamed; pick it from the list.`,
        );
      let annotation = null;
      if (link.annotationId) {
        const list = await annotations.handlers['annotations.list']({ postId: link.postId });
        annotation = list.find((a) => a.id === link.annotationId) ?? null;
        if (!annotation)
          throw new UserError(
            'not-found',
            'Opening the link failed: that annotation is not there any more (it may be in the bin). The post is still here: open it from the list.',
          );
      }
      return { postId: link.postId, commentId: link.commentId ?? null, annotation };
    },
    'links.pending': async () => {
      const url = pendingLink;
      pendingLink = null;
      return { url };
    },
    ...readState.handlers,
    'place.get': async () => ({
      panes: await places.panes(),
      post: library ? await places.placeIn(library.root) : null,
    }),
    'place.save': async ({ post, panes }) => {
      const open = library;
      // A place sent just as another library opened belongs to the one before: not kept.
      const kept = Boolean(post && open?.queries.fileOf(post.postId));
      await places.save(open?.root ?? null, { post: kept ? post : undefined, panes });
      return { kept };
    },
    'library.openRecent': async ({ index }) => {
      const entry = (await readRecent(deps.profileDir))[index];
      if (!entry)
        throw new UserError(
          'not-found',
          'Opening a recent library failed: the list has changed since it was shown. Choose the library again.',
        );
      return openLibrary(entry.path);
    },
    'shell.postOpened': async ({ id }) => {
      session.postOpened(id);
      return null;
    },
    'shell.resume': async () => session.resume(),
    'library.opening': async () =>
      opening === null
        ? null
        : { root: opening, name: basename(opening), isDefault: resolve(opening) === resolve(deps.defaultLibrary) },
    'prefs.get': () => prefs.get(),
    'prefs.save': async (change) => {
      const saved = await prefs.save(change);
      emit('prefs.changed', saved);
      return saved;
    },
    // Where the matches fall in time (issue 18).
    'search.timeline': async ({ query, ...filters }) => {
      const open = requireLibrary();
      return { ...searchTimeline(open.db, query, filters), complete: open.fullTextComplete };
    },
    'library.timeline': async () => libraryTimeline(requireLibrary().db),
    // Authors (issue 19).
    'library.authors': async () => libraryAuthors(requireLibrary().db),
  };

  return {
    handlers,
    openLibrary,
    /**
     * A threadline:// link from the system (a second launch, macOS open-url, the command line):
     * the window follows it ('shell.openLink'); kept for the window that has not started yet ('links.pending').
     */
    receiveLink(url: string): void {
      pendingLink = url;
      emit('shell.openLink', { url });
    },
    /** The library open when the app last ran, when it is still a folder; null for none or the bundled one. */
    lastLibrary: (): Promise<string | null> => places.lastLibrary(),
    /** The View menu's text size items: one size larger (1), smaller (-1), or the default (0); the window follows `prefs.changed`. */
    stepTextSize: async (step: -1 | 0 | 1): Promise<void> => {
      await handlers['prefs.save']({ textSize: stepTextSize((await prefs.get()).textSize, step) });
    },
    /** The window's session: the post to come back to after a crash, failures to tell the reader. */
    session,
    /** Resolves when the open library's full-text index is complete. */
    whenIndexed: async (): Promise<void> => {
      await library?.indexed;
      await library?.settled;
    },
    /** Resolves once the open library's folder is being watched for changes. */
    whenWatching: async (): Promise<void> => {
      await library?.watcher?.ready;
    },
    /** Subscribes to the events of the contract; returns the unsubscribe function. */
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * Lets every index write under way finish (the open library's update, a catch-up after a
     * change on disk, the update of a library opened before), then stops the parse workers and
     * closes the index and the annotations file. The app awaits it before it quits.
     */
    async close(): Promise<void> {
      await library?.watcher?.close();
      await library?.indexed.catch(() => undefined);
      while (writing.size) await Promise.all(writing);
      await library?.indexed.catch(() => undefined);
      library?.db.close();
      library = null;
      await annotations.close();
      await places.flush();
      await prefs.flush();
      await pool?.close();
      pool = null;
      if (fallbackDir) rmSync(fallbackDir, { recursive: true, force: true });
      fallbackDir = null;
    },
  };
}

export type Service = ReturnType<typeof createService>;
