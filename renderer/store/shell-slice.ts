import type { StateCreator } from 'zustand';
import type { Bridge } from '../../preload/api';
import type { AppState } from './index';

/** The window's side of surviving failures: a notice of what went wrong, and the post to go back to after a crash. */
export interface ShellSlice {
  /** A failure, in plain words (what happened, what to do); null when there is none to show. */
  shellNotice: string | null;
  /** The post to open when the library's list arrives (the one open before the window crashed). */
  resumePostId: string | null;
  showShellNotice(message: string): void;
  dismissShellNotice(): void;
  /** Asks main, as the window starts, where it was and what happened (after a crash). */
  resume(): Promise<void>;
}

export const createShellSlice =
  (api: Bridge): StateCreator<AppState, [], [], ShellSlice> =>
  (set) => ({
    shellNotice: null,
    resumePostId: null,
    showShellNotice: (shellNotice) => set({ shellNotice }),
    dismissShellNotice: () => set({ shellNotice: null }),
    async resume() {
      const result = await api['shell.resume']({});
      if (!result.ok) return;
      set({
        resumePostId: result.value.postId,
        ...(result.value.notice ? { shellNotice: result.value.notice } : {}),
      });
    },
  });
