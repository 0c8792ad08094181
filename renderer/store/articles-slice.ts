import type { StateCreator } from 'zustand';
import type { Bridge, SourceArticle, SourceSummary } from '../../preload/api';
import type { AppState } from './index';

/** What the main area shows: the three-pane reader or the library's Articles view. */
export type View = 'reader' | 'articles';

export interface ArticlesSlice {
  view: View;
  setView(view: View): void;
  /** Every source quoted or linked in the library, most quoted first. */
  sources: SourceSummary[];
  /** 'idle' until the Articles view first asks for them. */
  sourcesStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the sources could not be loaded, in words for the user; null when all is well. */
  sourcesError: string | null;
  /** What the sources list is narrowed to (matched against name and site). */
  sourceFilter: string;
  setSourceFilter(filter: string): void;
  selectedSourceKey: string | null;
  /** The selected source's articles and links, newest post first. */
  sourceArticles: SourceArticle[];
  sourceArticlesStatus: 'idle' | 'loading' | 'ready' | 'error';
  sourceArticlesError: string | null;
  /** (Re)loads the sources; keeps the selection if the source is still there, else selects the first. */
  loadSources(): Promise<void>;
  /** Selects a source and loads its articles. */
  selectSource(key: string): Promise<void>;
  /** Switches to the reader, opens the post and marks the article in it. */
  showArticleInReader(postId: string, articleId: string): Promise<void>;
}

export const createArticlesSlice =
  (api: Bridge): StateCreator<AppState, [], [], ArticlesSlice> =>
  (set, get) => {
    // Answers to older requests are dropped: only the latest load of each list may land.
    let sourcesRequest = 0;
    let articlesRequest = 0;
    return {
      view: 'reader',
      setView: (view) => set({ view }),
      sources: [],
      sourcesStatus: 'idle',
      sourcesError: null,
      sourceFilter: '',
      setSourceFilter: (sourceFilter) => set({ sourceFilter }),
      selectedSourceKey: null,
      sourceArticles: [],
      sourceArticlesStatus: 'idle',
      sourceArticlesError: null,
      async loadSources() {
        const request = ++sourcesRequest;
        set({ sourcesStatus: 'loading', sourcesError: null });
        const result = await api['articles.sources']({});
        if (request !== sourcesRequest) return;
        if (!result.ok) {
          set({ sourcesStatus: 'error', sourcesError: result.error.message, sources: [] });
          return;
        }
        set({ sources: result.value, sourcesStatus: 'ready' });
        const selected = get().selectedSourceKey;
        const next =
          selected && result.value.some((s) => s.key === selected) ? selected : (result.value[0]?.key ?? null);
        if (next) await get().selectSource(next);
        else {
          articlesRequest++;
          set({ selectedSourceKey: null, sourceArticles: [], sourceArticlesStatus: 'idle', sourceArticlesError: null });
        }
      },
      async selectSource(key) {
        const request = ++articlesRequest;
        // Re-selecting the same source (after a library reload) keeps its list on screen until the new one lands.
        const same = get().selectedSourceKey === key;
        set({
          selectedSourceKey: key,
          sourceArticlesStatus: 'loading',
          sourceArticlesError: null,
          ...(same ? {} : { sourceArticles: [] }),
        });
        const result = await api['articles.bySource']({ key });
        if (request !== articlesRequest) return;
        if (result.ok) set({ sourceArticles: result.value, sourceArticlesStatus: 'ready' });
        else set({ sourceArticles: [], sourceArticlesStatus: 'error', sourceArticlesError: result.error.message });
      },
      async showArticleInReader(postId, articleId) {
        set({ view: 'reader' });
        // Opens the post, marks the article and asks the thread to scroll to it once rendered.
        await get().showArticleInPost(postId, articleId);
      },
    };
  };
