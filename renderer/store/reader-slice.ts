import type { StateCreator } from 'zustand';
import type { Bridge, PostDetail } from '../../preload/api';
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
  /** An article the thread should scroll to once it is rendered (set when arriving from another post or view). */
  pendingScrollArticleId: string | null;
  /** Opens a post and marks one of its articles, scrolling to it once shown. */
  showArticleInPost(postId: string, articleId: string): Promise<void>;
  /** The thread calls this once it has scrolled. */
  clearPendingScroll(): void;
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
    pendingScrollArticleId: null,
    async showArticleInPost(postId, articleId) {
      if (get().openPostId !== postId || !get().detail) await get().openPost(postId);
      if (get().openPostId !== postId) return;
      get().markArticle(articleId);
      if (get().markedArticleId === articleId) set({ pendingScrollArticleId: articleId });
    },
    clearPendingScroll() {
      set({ pendingScrollArticleId: null });
    },
    async openPost(id) {
      set({ openPostId: id, markedArticleId: null, collapsed: {}, readerError: null });
      const result = await api['posts.get']({ id });
      if (get().openPostId !== id) return;
      if (result.ok) set({ detail: result.value });
      else set({ detail: null, readerError: result.error.message });
    },
    closePost() {
      set({ openPostId: null, detail: null, markedArticleId: null, collapsed: {} });
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
