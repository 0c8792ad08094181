import type { StateCreator } from 'zustand';
import type { AuthorCount, Bridge, IndexProgress, Post, SearchHit, SearchResults } from '../../preload/api';
import type { RevealTarget } from '../features/thread/reveal';
import { matchRanges, termPattern } from '../../main/core/shared/match';
import { parsePart } from '../../main/core/shared/part-keys';
import type { AppState } from './index';

/** Kinds of library text a search can be narrowed to (notes come with an unnarrowed search). */
export type SearchKind = Exclude<SearchHit['kind'], 'note'>;
export const SEARCH_KINDS: readonly SearchKind[] = ['post', 'comment', 'article'];

export interface SearchFilters {
  /** Kinds of text searched; all three by default. */
  kinds: SearchKind[];
  /** ISO dates (inclusive), "" for no limit. */
  from: string;
  to: string;
  /** A source key from `articles.sources`, "" for any. */
  sourceKey: string;
  /** Only texts by this author (the whole name, any case), "" for anyone. */
  author: string;
  /** The order of the results: best matches first, or newest posts first. Not a filter: clearing the filters keeps it. */
  sort: 'relevance' | 'date';
}

export const NO_FILTERS: SearchFilters = {
  kinds: [...SEARCH_KINDS],
  from: '',
  to: '',
  sourceKey: '',
  author: '',
  sort: 'relevance',
};

/** Names a query with its filters, to tell whether the results on show answer them. */
export const searchKey = (query: string, filters: SearchFilters): string =>
  JSON.stringify([
    query.trim(),
    SEARCH_KINDS.filter((k) => filters.kinds.includes(k)),
    filters.from,
    filters.to,
    filters.sourceKey,
    filters.author.trim(),
    filters.sort,
  ]);

export interface SearchSlice {
  searchOpen: boolean;
  /** Bumped each time the search is asked for, so its box takes the focus again. */
  searchFocusRequest: number;
  searchQuery: string;
  searchFilters: SearchFilters;
  /** The answer to the latest search that landed; null before the first and for an empty query. */
  searchResults: SearchResults | null;
  /** What `searchResults` answer (see searchKey); they are stale while it differs from the query and filters now. */
  searchResultsKey: string | null;
  searchStatus: 'idle' | 'loading' | 'ready' | 'error';
  searchError: string | null;
  /** How far the full-text index has got while it is being built; null when it is not running. */
  indexProgress: IndexProgress | null;
  /** The library's authors, most texts first: the Author field's suggestions (`library.authors`). */
  searchAuthors: AuthorCount[];
  /** 'idle' until the search is first opened; after that they follow the library. */
  searchAuthorsStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** (Re)loads the authors; on failure the field still takes a typed name, with no suggestions. */
  loadSearchAuthors(): Promise<void>;
  openSearch(): void;
  closeSearch(): void;
  setSearchQuery(query: string): void;
  setSearchFilters(filters: Partial<SearchFilters>): void;
  /** Searches for the query and filters as they are now; only the latest answer lands. */
  runSearch(): Promise<void>;
  /** Closes the search, opens the hit's post, marks the search words in it and scrolls to the hit. */
  openSearchHit(postId: string, hit: SearchHit): Promise<void>;
  /** Opens the first hit of the query as typed now, searching first if the results on show are for an earlier one. */
  openFirstHit(): Promise<void>;
  /** Follows `library.progress`. */
  setIndexProgress(progress: IndexProgress | null): void;
  /** Follows `library.indexed`: searches again if the results on show were incomplete. */
  indexComplete(): void;
}

/** Where a hit is in its post: the comment, the quoted article, or the first body paragraph holding a search word. */
export function hitTarget(hit: SearchHit, post: Post, terms: string[]): RevealTarget | null {
  if (hit.kind === 'comment' && hit.ref) return { commentId: hit.ref };
  if (hit.kind === 'note') {
    const part = hit.ref ? parsePart(hit.ref) : null;
    return part?.kind === 'comment' ? { commentId: part.id } : null;
  }
  if (hit.kind === 'article' && hit.ref) return { articleId: hit.ref };
  const pattern = termPattern(terms);
  const block = post.body.find((b) => matchRanges(b.text, pattern, 1).length > 0) ?? post.body[0];
  return block ? { bodyLine: block.line } : null;
}

export const createSearchSlice =
  (api: Bridge): StateCreator<AppState, [], [], SearchSlice> =>
  (set, get) => {
    let request = 0;
    let authorsRequest = 0;
    return {
      searchOpen: false,
      searchFocusRequest: 0,
      searchQuery: '',
      searchFilters: NO_FILTERS,
      searchResults: null,
      searchResultsKey: null,
      searchStatus: 'idle',
      searchError: null,
      indexProgress: null,
      searchAuthors: [],
      searchAuthorsStatus: 'idle',
      openSearch() {
        set({ searchOpen: true, searchFocusRequest: get().searchFocusRequest + 1 });
        // The source filter lists the library's sources (loaded once; they follow the library after that).
        if (get().sourcesStatus === 'idle') void get().loadSources();
        if (get().searchAuthorsStatus === 'idle') void get().loadSearchAuthors();
      },
      async loadSearchAuthors() {
        const id = ++authorsRequest;
        set({ searchAuthorsStatus: 'loading' });
        const result = await api['library.authors']({});
        if (id !== authorsRequest) return;
        if (result.ok) set({ searchAuthors: result.value, searchAuthorsStatus: 'ready' });
        else set({ searchAuthors: [], searchAuthorsStatus: 'error' });
      },
      closeSearch() {
        set({ searchOpen: false });
      },
      setSearchQuery(searchQuery) {
        set({ searchQuery });
      },
      setSearchFilters(filters) {
        set({ searchFilters: { ...get().searchFilters, ...filters } });
      },
      async runSearch() {
        const id = ++request;
        const { searchQuery: query, searchFilters: filters } = get();
        const key = searchKey(query, filters);
        if (!query.trim() || !filters.kinds.length) {
          set({ searchResults: null, searchResultsKey: key, searchStatus: 'idle', searchError: null });
          return;
        }
        set({ searchStatus: 'loading' });
        const result = await api['search.query']({
          query: query.slice(0, 1000),
          kinds: filters.kinds.length < SEARCH_KINDS.length ? filters.kinds : undefined,
          from: filters.from || null,
          to: filters.to || null,
          sourceKey: filters.sourceKey || null,
          ...(filters.author.trim() ? { author: filters.author.trim() } : {}),
          ...(filters.sort === 'date' ? { sort: 'date' as const } : {}),
        });
        if (id !== request) return;
        if (result.ok)
          set({ searchResults: result.value, searchResultsKey: key, searchStatus: 'ready', searchError: null });
        else
          set({ searchResults: null, searchResultsKey: key, searchStatus: 'error', searchError: result.error.message });
      },
      async openFirstHit() {
        if (get().searchResultsKey !== searchKey(get().searchQuery, get().searchFilters)) await get().runSearch();
        const group = get().searchResults?.groups[0];
        if (group?.hits[0]) await get().openSearchHit(group.postId, group.hits[0]);
      },
      async openSearchHit(postId, hit) {
        const terms = get().searchResults?.terms ?? [];
        set({ searchOpen: false, view: 'reader' });
        if (get().openPostId !== postId || !get().detail) await get().openPost(postId);
        // An article hit is also marked, as a card click marks it (its card pressed, its quote outlined):
        // a long post's articles come after its first screen.
        if (hit.kind === 'article' && hit.ref) await get().postArrived();
        const detail = get().detail;
        if (get().openPostId !== postId || !detail) return;
        if (hit.kind === 'article' && hit.ref) get().markArticle(hit.ref);
        set({ highlightTerms: terms, pendingReveal: hitTarget(hit, detail.post, terms) });
      },
      setIndexProgress(progress) {
        set({ indexProgress: progress && progress.phase !== 'done' ? progress : null });
      },
      indexComplete() {
        set({ indexProgress: null });
        const results = get().searchResults;
        if (results && !results.complete) void get().runSearch();
      },
    };
  };
