import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Bridge } from '../../preload/api';
import { createAnnotationsSlice, type AnnotationsSlice } from './annotations-slice';
import { createAnnotationsPanelSlice, type AnnotationsPanelSlice } from './annotations-panel-slice';
import { createArticlesSlice, type ArticlesSlice } from './articles-slice';
import { createLibrarySlice, type LibrarySlice } from './library-slice';
import { createPlaceSlice, type PlaceSlice } from './place-slice';
import { createFindSlice, type FindSlice } from './find-slice';
import { createReaderSlice, type ReaderSlice } from './reader-slice';
import { createSearchSlice, type SearchSlice } from './search-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createShellSlice, type ShellSlice } from './shell-slice';
import { createKeyboardSlice, type KeyboardSlice } from './keyboard-slice';
import { createExportSlice, type ExportSlice } from './export-slice';
import { createPrefsSlice, type PrefsSlice } from './prefs-slice';
import { createReadSlice, type ReadSlice } from './read-slice';
import { createTimelineSlice, type TimelineSlice } from './timeline-slice';

/** The whole renderer state: one store made of typed slices. */
export type AppState = LibrarySlice &
  ReaderSlice &
  UiSlice &
  ArticlesSlice &
  SearchSlice &
  FindSlice &
  AnnotationsSlice &
  AnnotationsPanelSlice &
  PlaceSlice &
  ShellSlice &
  KeyboardSlice &
  ExportSlice &
  PrefsSlice &
  ReadSlice &
  TimelineSlice;
export type AppStore = StoreApi<AppState>;

/** Creates the store over a bridge (the real one in the app, a core-backed one in tests). */
export function createAppStore(api: Bridge): AppStore {
  const store = createStore<AppState>()((...a) => ({
    ...createLibrarySlice(api)(...a),
    ...createReaderSlice(api)(...a),
    ...createUiSlice(...a),
    ...createArticlesSlice(api)(...a),
    ...createSearchSlice(api)(...a),
    ...createFindSlice(...a),
    ...createAnnotationsSlice(api)(...a),
    ...createAnnotationsPanelSlice(api)(...a),
    ...createPlaceSlice(api)(...a),
    ...createShellSlice(api)(...a),
    ...createKeyboardSlice(...a),
    ...createExportSlice(api)(...a),
    ...createPrefsSlice(api)(...a),
    ...createReadSlice(api)(...a),
    ...createTimelineSlice(api)(...a),
  }));
  // The library changed (another, or files on disk): the timelines count again when next asked.
  store.subscribe((state, previous) => {
    if (state.posts === previous.posts) return;
    store.setState({ searchTimelineKey: null });
    if (state.libraryTimelineOpen) void store.getState().loadLibraryTimeline();
  });
  // Read state follows the open post and the post list (a new library, files changed on disk).
  store.subscribe((state, previous) => {
    if (state.openPostId !== previous.openPostId) {
      // The post before's marks mean nothing here; unread until its own arrive.
      store.setState({ readPostId: null, readParts: {}, freshParts: {} });
      void store.getState().loadPostRead();
    }
    if (state.posts !== previous.posts) void store.getState().loadReadCounts();
  });
  api.on('readState.changed', ({ counts }) => store.getState().readStateChanged(counts));
  // Annotations follow the open post and the library.
  store.subscribe((state, previous) => {
    if (state.openPostId !== previous.openPostId) {
      store.setState({
        postAnnotations: [],
        pendingSelection: null,
        editingAnnotationId: null,
        focusedCommentId: null,
        selectionMode: false,
      });
      void store.getState().loadAnnotations();
      // Main keeps the open post, to come back to it if the window crashes.
      if (state.openPostId) void api['shell.postOpened']({ id: state.openPostId });
    }
  });
  // The text settings changed in main (the View menu's text size items).
  api.on('prefs.changed', (prefs) => store.getState().readingPrefsChanged(prefs));
  // Something failed in main (written to the crash log): the reader is told what happened and what to do.
  api.on('shell.failure', ({ message }) => store.getState().showShellNotice(message));
  // A command chosen in the application menu (Go, Help → Keyboard Shortcuts): the keymap runs it.
  api.on('shell.command', ({ id }) => store.getState().requestCommand(id));
  // A threadline:// link from the system, a second launch or the command line: the window goes there.
  api.on('shell.openLink', ({ url }) => void store.getState().openLink(url));
  // Any change may move the counts of the post list, so the open post's list and the counts reload.
  api.on('annotations.changed', () => void store.getState().loadAnnotations());
  api.on('library.changed', () => {
    void store.getState().refreshLibrary();
    void store.getState().loadAnnotations();
    // The sources load when the Articles view is first shown; after that they follow the library.
    if (store.getState().sourcesStatus !== 'idle') void store.getState().loadSources();
    if (store.getState().searchAuthorsStatus !== 'idle') void store.getState().loadSearchAuthors();
    // Results of the library that was open before mean nothing now.
    store.setState({ searchResults: null, searchResultsKey: null, searchStatus: 'idle' });
    if (store.getState().searchQuery.trim()) void store.getState().runSearch();
  });
  // The full-text index being built: the search says its results may be incomplete, and searches again once it is done.
  api.on('library.progress', ({ root, error: _error, ...progress }) => {
    if (root === store.getState().library?.root || !store.getState().library)
      store.getState().setIndexProgress(progress);
  });
  api.on('library.indexed', () => {
    store.getState().indexComplete();
    // The authors come from the full-text index: all there once it is built.
    if (store.getState().searchAuthorsStatus !== 'idle') void store.getState().loadSearchAuthors();
  });
  // Files changed on disk: reload the lists, and the open post in place (same id: its
  // collapsed comments, marked article and scroll place stay) when its file was one of them.
  api.on('library.updated', ({ files }) => {
    void (async () => {
      await store.getState().refreshLibrary();
      const { detail } = store.getState();
      if (detail && files.includes(detail.post.file)) await store.getState().reloadPost();
      // Other files changed, or the second pass finished: which posts quote the same articles may have changed.
      else if (detail) await store.getState().refreshArticles();
    })();
    if (store.getState().sourcesStatus !== 'idle') void store.getState().loadSources();
    if (store.getState().searchAuthorsStatus !== 'idle') void store.getState().loadSearchAuthors();
    if (store.getState().searchOpen && store.getState().searchQuery.trim()) void store.getState().runSearch();
  });
  return store;
}

export const StoreContext = createContext<AppStore | null>(null);

/** Reads one narrow piece of the store; components re-render only when it changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp must be used inside <StoreContext.Provider>.');
  return useStore(store, selector);
}
