import type { StateCreator } from 'zustand';
import type { Bridge, LibrarySummary, PostSummary, Problem } from '../../preload/api';
import type { AppState } from './index';

export interface LibrarySlice {
  library: LibrarySummary | null;
  posts: PostSummary[];
  problems: Problem[];
  libraryStatus: 'loading' | 'ready' | 'error';
  /** What went wrong last, in words for the user; null when all is well. */
  libraryError: string | null;
  /** Re-reads the open library's summary, posts and problems from main. */
  refreshLibrary(): Promise<void>;
  /** Asks main to show the folder dialog and open what the user picks. */
  chooseFolder(): Promise<void>;
  /** Opens a folder dropped on the window (its path as the system gives it, or null when it gives none). */
  openDroppedPath(name: string, path: string | null): Promise<void>;
}

export const createLibrarySlice =
  (api: Bridge): StateCreator<AppState, [], [], LibrarySlice> =>
  (set, get) => ({
    library: null,
    posts: [],
    problems: [],
    libraryStatus: 'loading',
    libraryError: null,
    async refreshLibrary() {
      const [current, posts, problems] = await Promise.all([
        api['library.current']({}),
        api['posts.list']({}),
        api['problems.list']({}),
      ]);
      if (!current.ok || !posts.ok || !problems.ok) {
        const failed = [current, posts, problems].find((r) => !r.ok);
        set({
          libraryStatus: 'error',
          libraryError: failed && !failed.ok ? failed.error.message : 'Loading the library failed.',
        });
        return;
      }
      set({
        library: current.value,
        posts: posts.value,
        problems: problems.value,
        libraryStatus: 'ready',
        libraryError: null,
      });
      const openId = get().openPostId;
      if (!openId || !posts.value.some((p) => p.id === openId)) {
        // Where the reader was in this library last time, while the post is still there; else the newest post.
        const place = await get().rememberedPostOf(posts.value.map((p) => p.id));
        const first = place?.postId ?? posts.value[0]?.id;
        if (first) await get().openPost(first);
        else get().closePost();
        if (place && get().openPostId === place.postId) set({ pendingPlace: place });
      }
    },
    async openDroppedPath(name, path) {
      if (!path) {
        set({
          libraryError: `Opening "${name}" failed: the system did not say where it is. Use File → Open Folder… instead.`,
        });
        return;
      }
      const result = await api['library.open']({ path });
      if (!result.ok) set({ libraryError: result.error.message });
    },
    async chooseFolder() {
      const result = await api['library.chooseFolder']({});
      if (!result.ok) set({ libraryError: result.error.message });
    },
  });
