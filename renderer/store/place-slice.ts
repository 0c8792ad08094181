import type { StateCreator } from 'zustand';
import type { Bridge, PaneLayout, ThreadPlace } from '../../preload/api';
import type { AppState } from './index';

/** A place in the open post is sent to main at most this often while the reader scrolls. */
export const PLACE_SAVE_MS = 400;

export interface PlaceSlice {
  /** The pane widths remembered from last time; null until they are known, or when none are. */
  rememberedPanes: PaneLayout | null;
  /** A remembered place to scroll to once its post is shown (the reader's place on start); cleared once done. */
  pendingPlace: ThreadPlace | null;
  /** Asks main for the remembered pane widths. */
  loadPanes(): Promise<void>;
  /** Remembers pane widths the reader chose. */
  savePanes(panes: PaneLayout): void;
  /** Remembers the place in the open post; sent after PLACE_SAVE_MS, only the latest of those made meanwhile. */
  rememberPlace(place: ThreadPlace): void;
  /** Sends a place waiting to be sent now (the page is going away). */
  flushPlace(): void;
  /** The thread calls this once it has scrolled back to `pendingPlace`. */
  clearPendingPlace(): void;
  /**
   * The post to open on start or when a library opens: the one remembered in this library while
   * it still has it (its place then waits in `pendingPlace`), else the newest.
   */
  rememberedPostOf(postIds: readonly string[]): Promise<ThreadPlace | null>;
}

const samePlace = (a: ThreadPlace | null, b: ThreadPlace) =>
  a !== null && a.postId === b.postId && a.commentId === b.commentId && a.line === b.line && a.offset === b.offset;

export const createPlaceSlice =
  (api: Bridge): StateCreator<AppState, [], [], PlaceSlice> =>
  (set) => {
    let waiting: ThreadPlace | null = null;
    let sent: ThreadPlace | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const send = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      const place = waiting;
      waiting = null;
      if (!place || samePlace(sent, place)) return;
      sent = place;
      void api['place.save']({ post: place });
    };
    return {
      rememberedPanes: null,
      pendingPlace: null,
      async loadPanes() {
        const result = await api['place.get']({});
        if (result.ok && result.value.panes) set({ rememberedPanes: result.value.panes });
      },
      savePanes(panes) {
        void api['place.save']({ panes });
      },
      rememberPlace(place) {
        waiting = place;
        timer ??= setTimeout(send, PLACE_SAVE_MS);
      },
      flushPlace: send,
      clearPendingPlace() {
        set({ pendingPlace: null });
      },
      async rememberedPostOf(postIds) {
        const result = await api['place.get']({});
        const place = result.ok ? result.value.post : null;
        return place && postIds.includes(place.postId) ? place : null;
      },
    };
  };
