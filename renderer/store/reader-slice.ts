import type { StateCreator } from 'zustand';
import type { Bridge, PostDetail } from '../../preload/api';
import type { RevealTarget } from '../features/thread/reveal';
import { closedFind } from './find-slice';
import type { AppState } from './index';

export interface ReaderSlice {
  openPostId: string | null;
  detail: PostDetail | null;
  readerError: string | null;
  /** Comment ids whose replies are hidden. */
  collapsed: Record<string, true>;
  /** The article whose place in the thread is marked, if any. */
  markedArticleId: string | null;
  openPost(id: string): Promise<void>;
  closePost(): void;
  toggleCollapsed(commentId: string): void;
  /** Marks an article's place (expanding collapsed comments that hide it); null clears. */
  markArticle(articleId: string | null): void;
  /** A place the thread should scroll to once it is rendered (set when arriving from another post, view or the search). */
  pendingReveal: RevealTarget | null;
  /** Opens a post and marks one of its articles, scrolling to it once shown. */
  showArticleInPost(postId: string, articleId: string): Promise<void>;
  /** The thread calls this once it has scrolled. */
  clearPendingReveal(): void;
  /** Words and phrases of the search that opened the post, marked in its text; empty once another post is opened. */
  highlightTerms: string[];
  /** Makes a comment visible: expands the comment whose replies hide it. */
  revealComment(commentId: string): void;
}

export const createReaderSlice =
  (api: Bridge): StateCreator<AppState, [], [], ReaderSlice> =>
  (set, get) => ({
    openPostId: null,
    detail: null,
    readerError: null,
    collapsed: {},
    markedArticleId: null,
    pendingReveal: null,
    highlightTerms: [],
    async showArticleInPost(postId, articleId) {
      if (get().openPostId !== postId || !get().detail) await get().openPost(postId);
      if (get().openPostId !== postId) return;
      get().markArticle(articleId);
      if (get().markedArticleId === articleId) set({ pendingReveal: { articleId } });
    },
    clearPendingReveal() {
      set({ pendingReveal: null });
    },
    async openPost(id) {
      const other = id !== get().openPostId;
      set({ openPostId: id, markedArticleId: null, collapsed: {}, readerError: null, highlightTerms: [], ...(other ? closedFind : {}) });
      const result = await api['posts.get']({ id });
      if (get().openPostId !== id) return;
      if (result.ok) set({ detail: result.value });
      else set({ detail: null, readerError: result.error.message });
    },
    closePost() {
      set({ openPostId: null, detail: null, markedArticleId: null, collapsed: {}, highlightTerms: [], ...closedFind });
    },
    toggleCollapsed(commentId) {
      const collapsed = { ...get().collapsed };
      if (collapsed[commentId]) delete collapsed[commentId];
      else collapsed[commentId] = true;
      set({ collapsed });
    },
    markArticle(articleId) {
      const article = get().detail?.articles.find((a) => a.id === articleId);
      if (!article) return set({ markedArticleId: null });
      const collapsed = { ...get().collapsed };
      if (article.location.part === 'comments') {
        for (const id of article.location.commentIds) delete collapsed[id.split('.')[0]!];
      }
      set({ markedArticleId: article.id, collapsed });
    },
    revealComment(commentId) {
      const parent = commentId.split('.')[0]!;
      if (!commentId.includes('.') || !get().collapsed[parent]) return;
      const collapsed = { ...get().collapsed };
      delete collapsed[parent];
      set({ collapsed });
    },
  });
