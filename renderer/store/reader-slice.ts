import type { StateCreator } from 'zustand';
import type { Bridge, PostDetail } from '../../preload/api';
import type { RevealTarget } from '../features/thread/reveal';
import { closedFind } from './find-slice';
import type { AppState } from './index';
import {
  openPostFrom,
  withArticlesError,
  withQuoted,
  withRestError,
  withRestOfThread,
  type OpenPost,
} from './open-post';

export interface ReaderSlice {
  openPostId: string | null;
  /** The open post, merged from its parts as they arrive (see OpenPost). */
  detail: OpenPost | null;
  readerError: string | null;
  /** Comment ids whose replies are hidden. */
  collapsed: Record<string, true>;
  /** The article whose place in the thread is marked, if any. */
  markedArticleId: string | null;
  /** Opens a post; resolves once its first screen is shown (a long post's other parts follow: `postArrived`). */
  openPost(id: string): Promise<void>;
  /** Resolves once every part of the post being opened has arrived (or failed to, or another post was opened). */
  postArrived(): Promise<void>;
  /** Reads the open post again (its file changed on disk), keeping the reader's place: shown once all of it is here. */
  reloadPost(): Promise<void>;
  /**
   * Asks again for the open post's quoted articles, once found, leaving its thread as it is: the
   * library's second pass and grouping bring what other posts quote the same piece.
   */
  refreshArticles(): Promise<void>;
  closePost(): void;
  toggleCollapsed(commentId: string): void;
  /** Marks an article's place (expanding collapsed comments that hide it); null clears. */
  markArticle(articleId: string | null): void;
  /** A place the thread should scroll to once it is rendered (set when arriving from another post, view or the search). */
  pendingReveal: RevealTarget | null;
  /** Opens a post and marks one of its articles, scrolling to it once shown. */
  showArticleInPost(postId: string, articleId: string): Promise<void>;
  /** Asks the thread to scroll to a place once it is there (a long post's later parts are still on their way). */
  revealWhenArrived(target: RevealTarget): void;
  /** The thread calls this once it has scrolled. */
  clearPendingReveal(): void;
  /** Words and phrases of the search that opened the post, marked in its text; empty once another post is opened. */
  highlightTerms: string[];
  /** Makes a comment visible: expands the comment whose replies hide it. */
  revealComment(commentId: string): void;
}

/**
 * Resolves after the frame showing the latest change is painted, so that asking for more does
 * not compete with the first screen; after a moment anyway when the window paints nothing (hidden).
 */
function afterNextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 250);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

export const createReaderSlice =
  (api: Bridge): StateCreator<AppState, [], [], ReaderSlice> =>
  (set, get) => {
    // Each opening (or reload) of a post is numbered; answers for an earlier one are dropped, late or not.
    let load = 0;
    let arrival: Promise<void> = Promise.resolve();
    const current = (ticket: number) => (ticket === load ? get().detail : null);

    /**
     * Asks for what the first answer left out and merges each part in as it comes: first the rest
     * of a long thread (what finding, scrolling and search hits need), then its articles (which
     * take main a while to find in a long thread, so they are asked for once the thread is all here).
     */
    async function fetchRest(ticket: number, id: string, first: PostDetail): Promise<void> {
      const from = first.post.comments.length;
      const comments = from < first.commentTotal;
      if (!comments && first.quoted) return;
      await afterNextPaint();
      if (ticket !== load) return;
      const rest = comments ? await api['posts.comments']({ id, from }) : null;
      if (ticket !== load) return;
      // Asked for before the rest is rendered, so that main finds them meanwhile.
      const quoted = first.quoted ? null : api['posts.articles']({ id });
      if (rest) {
        const open = current(ticket)!;
        set({ detail: rest.ok ? withRestOfThread(open, rest.value) : withRestError(open, rest.error.message) });
      }
      const found = await quoted;
      const open = current(ticket);
      if (found && open)
        set({ detail: found.ok ? withQuoted(open, found.value) : withArticlesError(open, found.error.message) });
    }

    return {
      openPostId: null,
      detail: null,
      readerError: null,
      collapsed: {},
      markedArticleId: null,
      pendingReveal: null,
      highlightTerms: [],
      async showArticleInPost(postId, articleId) {
        if (get().openPostId !== postId || !get().detail) await get().openPost(postId);
        // A long post's articles come after its first screen.
        await get().postArrived();
        if (get().openPostId !== postId) return;
        get().markArticle(articleId);
        if (get().markedArticleId === articleId) set({ pendingReveal: { articleId } });
      },
      revealWhenArrived(target) {
        set({ pendingReveal: target });
      },
      clearPendingReveal() {
        set({ pendingReveal: null });
      },
      async openPost(id) {
        const ticket = ++load;
        const other = id !== get().openPostId;
        set({
          openPostId: id,
          markedArticleId: null,
          collapsed: {},
          readerError: null,
          highlightTerms: [],
          pendingReveal: null,
          pendingPlace: null,
          ...(other ? closedFind : {}),
        });
        let shown!: () => void;
        const firstShown = new Promise<void>((resolve) => (shown = resolve));
        const run = (async () => {
          try {
            const result = await api['posts.get']({ id, part: 'start' });
            if (ticket !== load) return;
            if (!result.ok) return set({ detail: null, readerError: result.error.message });
            set({ detail: openPostFrom(result.value) });
            shown();
            await fetchRest(ticket, id, result.value);
          } finally {
            shown();
          }
        })();
        arrival = run.catch(() => undefined);
        await Promise.race([firstShown, run]);
      },
      postArrived: () => arrival,
      async reloadPost() {
        const id = get().openPostId;
        if (!id || !get().detail) return;
        const ticket = ++load;
        const run = (async () => {
          // All of it at once: the thread keeps its place, collapsed comments and marked article.
          const result = await api['posts.get']({ id, part: 'whole' });
          if (ticket !== load || !result.ok) return;
          let open = openPostFrom(result.value);
          if (!result.value.quoted) {
            const quoted = await api['posts.articles']({ id });
            if (ticket !== load) return;
            open = quoted.ok ? withQuoted(open, quoted.value) : withArticlesError(open, quoted.error.message);
          }
          set({ detail: open });
        })();
        arrival = run.catch(() => undefined);
        await run;
      },
      async refreshArticles() {
        const id = get().openPostId;
        if (!id || get().detail?.articlesStatus !== 'found') return;
        // Not a new load: a part of the thread still on its way keeps coming.
        const ticket = load;
        const found = await api['posts.articles']({ id });
        const open = current(ticket);
        if (found.ok && open && get().openPostId === id) set({ detail: withQuoted(open, found.value) });
      },
      closePost() {
        load++;
        set({
          openPostId: null,
          detail: null,
          markedArticleId: null,
          collapsed: {},
          highlightTerms: [],
          pendingReveal: null,
          ...closedFind,
        });
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
    };
  };
