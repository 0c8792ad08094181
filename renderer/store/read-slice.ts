import type { StateCreator } from 'zustand';
import type { Bridge, Comment, PostReadState, PostSummary, ReadCounts, ReadScope } from '../../preload/api';
import { BODY_PART, commentPart, parsePart } from '../../main/core/shared/part-keys';
import type { AppState } from './index';

/** How long a comment (or the post's text) must stay mostly in view to count as read. */
export const DWELL_MS = 2000;

/** Which posts the list shows: all of them, those with unread parts, or those with New comments. */
export type PostFilter = 'all' | 'unread' | 'new';

export interface ReadSlice {
  /** Unread and New counts per post id (the post list, its months and years). */
  readCounts: Record<string, ReadCounts>;
  /** The open post's read parts and New comments, by part key ("body", "comment:3.2"). */
  readParts: Record<string, true>;
  freshParts: Record<string, true>;
  /** The post readParts and freshParts belong to. */
  readPostId: string | null;
  postFilter: PostFilter;
  /** Milliseconds a part must stay in view to be read (DWELL_MS; tests lower it). */
  dwellMs: number;
  /** What went wrong marking read, in words for the reader; null when all is well. */
  readError: string | null;
  setPostFilter(filter: PostFilter): void;
  setDwellMs(ms: number): void;
  clearReadError(): void;
  /** Main says read state changed (a mark, or comments a re-saved file gained): new counts by post id. */
  readStateChanged(counts: Record<string, ReadCounts>): void;
  /** Reloads every post's counts. */
  loadReadCounts(): Promise<void>;
  /** Reloads the open post's read parts. */
  loadPostRead(): Promise<void>;
  /** Marks parts of the open post read or unread. */
  markRead(parts: string[], read: boolean): Promise<void>;
  /** Marks one part of the open post read when it is unread, else unread. */
  toggleRead(part: string): Promise<void>;
  /** Marks a whole post read or unread. */
  markPostRead(postId: string, read: boolean): Promise<void>;
  /** Marks the library, a month or a post read. */
  markAllRead(scope: ReadScope): Promise<void>;
  /**
   * Goes to the next (1) or previous (-1) unread part (New comments are unread too): in the open
   * post after the focused comment, then in the following posts of the list, opening the post and
   * focusing the part. False when there is none. With `laterPosts`, the open post is passed over
   * (Space at the bottom of a thread: on to the next post with something unread).
   */
  nextUnread(direction: 1 | -1, options?: { laterPosts?: boolean }): Promise<boolean>;
}

/** Tests lower the dwell time by setting `window.threadlineDwellMs` before the page loads. */
function initialDwell(): number {
  const set = Number((globalThis as { threadlineDwellMs?: unknown }).threadlineDwellMs);
  return Number.isFinite(set) && set > 0 ? set : DWELL_MS;
}

const asRecord = (keys: string[]): Record<string, true> => Object.fromEntries(keys.map((key) => [key, true] as const));

/** The open post's parts in reading order: its text, then each comment followed by its replies. */
export function partsInOrder(comments: readonly Comment[]): string[] {
  const parts = [BODY_PART];
  for (const comment of comments) {
    parts.push(commentPart(comment.id));
    for (const reply of comment.replies) parts.push(commentPart(reply.id));
  }
  return parts;
}

/** The posts the list shows under a filter, in list order; the open post always stays. */
export function filterPosts(
  posts: PostSummary[],
  filter: PostFilter,
  counts: Record<string, ReadCounts>,
  openPostId: string | null,
): PostSummary[] {
  if (filter === 'all') return posts;
  return posts.filter((post) => {
    const c = counts[post.id] ?? { unread: post.foundCommentCount + 1, fresh: 0 };
    return post.id === openPostId || (filter === 'unread' ? c.unread > 0 : c.fresh > 0);
  });
}

/** The part of the open post the reader is on: the focused comment, else the last one gone to. */
function focusedPart(): string | null {
  const active = typeof document === 'undefined' ? null : document.activeElement;
  const part = active?.closest<HTMLElement>('[data-read-part]')?.dataset['readPart'];
  return part ?? null;
}

export const createReadSlice =
  (api: Bridge): StateCreator<AppState, [], [], ReadSlice> =>
  (set, get) => {
    /** The last part nextUnread went to, for when the focus has left the thread. */
    let cursor: { postId: string; part: string } | null = null;
    /** Marks of the open post on their way: their answers bring its parts, so the event need not. */
    let marking = 0;

    const fail = (message: string) => set({ readError: message });
    const applyPost = (state: PostReadState) => {
      if (state.postId !== get().openPostId) return;
      set({
        readPostId: state.postId,
        readParts: asRecord(state.read),
        freshParts: asRecord(state.fresh),
        readCounts: { ...get().readCounts, [state.postId]: state.counts },
      });
    };
    const isRead = (part: string) => Boolean(get().readParts[part]);

    /** Asks the thread to show and focus a part of the open post. */
    const goTo = (postId: string, part: string) => {
      cursor = { postId, part };
      const parsed = parsePart(part);
      const line = get().detail?.post.body[0]?.line;
      if (parsed?.kind === 'comment') get().revealWhenArrived({ commentId: parsed.id });
      else if (line !== undefined) get().revealWhenArrived({ bodyLine: line });
    };

    /** The first unread part of the open post after `from` in `direction` (from the end when null). */
    const unreadIn = (from: string | null, direction: 1 | -1): string | null => {
      const parts = partsInOrder(get().detail?.post.comments ?? []);
      if (direction === -1) parts.reverse();
      const start = from === null ? 0 : parts.indexOf(from) + 1;
      return parts.slice(start).find((part) => !isRead(part)) ?? null;
    };

    return {
      readCounts: {},
      readParts: {},
      freshParts: {},
      readPostId: null,
      postFilter: 'all',
      dwellMs: initialDwell(),
      readError: null,
      setPostFilter: (postFilter) => set({ postFilter }),
      setDwellMs: (dwellMs) => set({ dwellMs }),
      clearReadError: () => set({ readError: null }),
      readStateChanged(counts) {
        set({ readCounts: { ...get().readCounts, ...counts } });
        const openId = get().openPostId;
        if (openId && counts[openId] && !marking) void get().loadPostRead();
      },
      async loadReadCounts() {
        const result = await api['readState.counts']({});
        if (result.ok) set({ readCounts: result.value });
      },
      async loadPostRead() {
        const postId = get().openPostId;
        if (!postId) return set({ readPostId: null, readParts: {}, freshParts: {} });
        const result = await api['readState.post']({ postId });
        if (result.ok) applyPost(result.value);
      },
      async markRead(parts, read) {
        const postId = get().openPostId;
        if (!postId || !parts.length) return;
        // Shown at once; main's answer replaces it.
        const readParts = { ...get().readParts };
        const freshParts = { ...get().freshParts };
        for (const part of parts) {
          if (read) {
            readParts[part] = true;
            delete freshParts[part];
          } else delete readParts[part];
        }
        set({ readParts, freshParts });
        marking++;
        const result = await api['readState.mark']({ postId, parts, read }).finally(() => marking--);
        if (!result.ok) {
          fail(result.error.message);
          return get().loadPostRead();
        }
        applyPost(result.value);
      },
      toggleRead: (part) => get().markRead([part], !isRead(part)),
      async markPostRead(postId, read) {
        const result = await api['readState.markAll']({ scope: { kind: 'post', postId }, read });
        if (!result.ok) return fail(result.error.message);
        if (postId === get().openPostId) await get().loadPostRead();
      },
      async markAllRead(scope) {
        const result = await api['readState.markAll']({ scope, read: true });
        if (!result.ok) return fail(result.error.message);
        await Promise.all([get().loadReadCounts(), get().loadPostRead()]);
      },
      async nextUnread(direction, options = {}) {
        const openId = get().openPostId;
        if (openId && get().detail && !options.laterPosts) {
          if (get().readPostId !== openId) await get().loadPostRead();
          const from = focusedPart() ?? (cursor?.postId === openId ? cursor.part : null);
          let part = unreadIn(from, direction);
          // A long post's later comments may still be on their way.
          if (!part && direction === 1) {
            await get().postArrived();
            part = get().openPostId === openId ? unreadIn(from, direction) : null;
          }
          if (part) {
            goTo(openId, part);
            return true;
          }
        }
        const { posts, postFilter, readCounts } = get();
        const list = filterPosts(posts, postFilter, readCounts, openId);
        const here = openId ? list.findIndex((p) => p.id === openId) : -1;
        const ordered = direction === 1 ? list.slice(here + 1) : list.slice(0, Math.max(here, 0)).reverse();
        const next = ordered.find((post) => (readCounts[post.id]?.unread ?? post.foundCommentCount + 1) > 0);
        if (!next) return false;
        await get().openPost(next.id);
        await get().postArrived();
        if (get().openPostId !== next.id) return false;
        await get().loadPostRead();
        const part = unreadIn(null, direction);
        if (part) goTo(next.id, part);
        return part !== null;
      },
    };
  };
