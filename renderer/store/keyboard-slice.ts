import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface KeyboardSlice {
  /** The shortcut sheet (`?`, Help → Keyboard Shortcuts) is open. */
  shortcutSheetOpen: boolean;
  setShortcutSheetOpen(open: boolean): void;
  /** The comment that is the thread's one tab stop: the last one focused (by keys, a click or a reveal). */
  focusedCommentId: string | null;
  setFocusedComment(commentId: string | null): void;
  /** Selection mode (`v`): the keys move a caret and extend a selection in the thread. */
  selectionMode: boolean;
  setSelectionMode(on: boolean): void;
  /** The last command the application menu sent ('shell.command'); a new object each time, run by the keymap. */
  commandRequest: { id: string } | null;
  requestCommand(id: string): void;
  /** Hides (true) or shows (false) the replies of every comment of the open post that has any. */
  setAllCollapsed(collapsed: boolean): void;
}

export const createKeyboardSlice: StateCreator<AppState, [], [], KeyboardSlice> = (set, get) => ({
  shortcutSheetOpen: false,
  setShortcutSheetOpen: (shortcutSheetOpen) => set({ shortcutSheetOpen }),
  focusedCommentId: null,
  setFocusedComment: (focusedCommentId) => set({ focusedCommentId }),
  selectionMode: false,
  setSelectionMode: (selectionMode) => set({ selectionMode }),
  commandRequest: null,
  requestCommand: (id) => set({ commandRequest: { id } }),
  setAllCollapsed(collapsed) {
    const comments = get().detail?.post.comments ?? [];
    set({
      collapsed: collapsed
        ? Object.fromEntries(comments.filter((c) => c.replies.length > 0).map((c) => [c.id, true as const]))
        : {},
    });
  },
});
