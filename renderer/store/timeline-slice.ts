import type { StateCreator } from 'zustand';
import type { Bridge, LibraryTimeline, Responses } from '../../preload/api';
import { SEARCH_KINDS, type SearchFilters } from './search-slice';
import type { AppState } from './index';

/**
 * Names what a search timeline counts: the words, kinds, source and author, not the dates. The chart
 * shows every month the search matches, and a month chosen from it (the From and To filters)
 * is marked on it rather than making it one bar.
 */
export const timelineKey = (query: string, filters: SearchFilters): string =>
  JSON.stringify([
    query.trim(),
    SEARCH_KINDS.filter((k) => filters.kinds.includes(k)),
    filters.sourceKey,
    filters.author.trim(),
  ]);

export interface TimelineSlice {
  /** Matching texts per month of the search on show; null before the first and for an empty query. */
  searchTimeline: Responses['search.timeline'] | null;
  /** What `searchTimeline` counts (timelineKey()); it is stale while that differs from the search now. */
  searchTimelineKey: string | null;
  searchTimelineStatus: 'idle' | 'loading' | 'ready' | 'error';
  searchTimelineError: string | null;
  /** Counts the matches of the search as it is now (its words, kinds and source), unless they are on show already. */
  loadSearchTimeline(): Promise<void>;
  /** The library timeline dialog, opened from the post list. */
  libraryTimelineOpen: boolean;
  libraryTimeline: LibraryTimeline | null;
  libraryTimelineStatus: 'idle' | 'loading' | 'ready' | 'error';
  libraryTimelineError: string | null;
  openLibraryTimeline(): void;
  closeLibraryTimeline(): void;
  /** Counts the open library's posts and comments per month (again: the library may have changed). */
  loadLibraryTimeline(): Promise<void>;
}

export const createTimelineSlice =
  (api: Bridge): StateCreator<AppState, [], [], TimelineSlice> =>
  (set, get) => {
    let searchRequest = 0;
    let libraryRequest = 0;
    return {
      searchTimeline: null,
      searchTimelineKey: null,
      searchTimelineStatus: 'idle',
      searchTimelineError: null,
      async loadSearchTimeline() {
        const { searchQuery: query, searchFilters: filters } = get();
        const key = timelineKey(query, filters);
        // Counted already, unless the index was still being built then.
        const { searchTimelineKey: shown, searchTimelineStatus: status, searchTimeline: counted } = get();
        if (key === shown && (status === 'loading' || (status === 'ready' && counted?.complete !== false))) return;
        const id = ++searchRequest;
        if (!query.trim() || !filters.kinds.length) {
          set({
            searchTimeline: null,
            searchTimelineKey: key,
            searchTimelineStatus: 'idle',
            searchTimelineError: null,
          });
          return;
        }
        set({ searchTimelineKey: key, searchTimelineStatus: 'loading' });
        const result = await api['search.timeline']({
          query: query.slice(0, 1000),
          kinds: filters.kinds.length < SEARCH_KINDS.length ? filters.kinds : undefined,
          sourceKey: filters.sourceKey || null,
          ...(filters.author.trim() ? { author: filters.author.trim() } : {}),
        });
        if (id !== searchRequest) return;
        if (result.ok) set({ searchTimeline: result.value, searchTimelineStatus: 'ready', searchTimelineError: null });
        else
          set({
            searchTimeline: null,
            searchTimelineStatus: 'error',
            searchTimelineError: result.error.message,
          });
      },
      libraryTimelineOpen: false,
      libraryTimeline: null,
      libraryTimelineStatus: 'idle',
      libraryTimelineError: null,
      openLibraryTimeline() {
        set({ libraryTimelineOpen: true });
        void get().loadLibraryTimeline();
      },
      closeLibraryTimeline() {
        set({ libraryTimelineOpen: false });
      },
      async loadLibraryTimeline() {
        const id = ++libraryRequest;
        set({ libraryTimelineStatus: 'loading' });
        const result = await api['library.timeline']({});
        if (id !== libraryRequest) return;
        if (result.ok)
          set({ libraryTimeline: result.value, libraryTimelineStatus: 'ready', libraryTimelineError: null });
        else set({ libraryTimelineStatus: 'error', libraryTimelineError: result.error.message });
      },
    };
  };
