import type { StateCreator } from 'zustand';
import type { Bridge, LibrarySummary, PostSummary, Problem } from '../../preload/api';
import type { AppState } from './index';

export interface LibrarySlice {
  library: LibrarySummary | null;
  posts: PostSummary[];
  problems: Problem[];
  libraryStatus: 'loading' | 'ready' | 'error';
  /** While the first library is being opened behind the window: its name for "Opening …"; null otherwise. */
  openingLibrary: { name: string; isDefault: boolean } | null;
  /** What went wrong last, in words for the user; null when all is well. */
  libraryError: string | null;
  /** Re-reads the open library's summary, posts and problems from main. */
  refreshLibrary(): Promise<void>;
  /** Asks main to show the folder dialog and open what the user picks. */
  chooseFolder(): Promise<void>;
  /** Opens a folder dropped on the window: the bridge asks the system where it is (the page never names a path). */
  openDropped(file: File): Promise<void>;
}

export const createLibrarySlice =
  (api: Bridge): StateCreator<AppState, [], [], LibrarySlice> =>
  (set, get) => ({
    library: null,
    posts: [],
    problems: [],
    libraryStatus: 'loading',
    openingLibrary: null,
    libraryError: null,
    async refreshLibrary() {
      const [current, posts, problems] = await Promise.all([
        api['library.current']({}),
        api['posts.list']({}),
        api['problems.list']({}),
      ]);
      // The window opens before its first library is ready: it says which one is on its way, and library.changed follows.
      if (current.ok && current.value === null) {
        const opening = await api['library.opening']({});
        if (opening.ok && opening.value) {
          const { name, isDefault } = opening.value;
          set({ libraryStatus: 'loading', openingLibrary: { name, isDefault } });
          return;
        }
      }
      if (!current.ok || !posts.ok || !problems.ok) {
        const failed = [current, posts, problems].find((r) => !r.ok);
        set({
          libraryStatus: 'error',
          openingLibrary: null,
          libraryError: failed && !failed.ok ? failed.error.message : 'Loading the library failed.',
        });
        return;
      }
      set({
        library: current.value,
        posts: posts.value,
        problems: problems.value,
        libraryStatus: 'ready',
        openingLibrary: null,
        libraryError: null,
      });
      // Back on the post that was open before the window crashed (at its remembered place), when the library still has it.
      const resumeId = get().resumePostId;
      if (resumeId) set({ resumePostId: null });
      const resuming = resumeId !== null && posts.value.some((p) => p.id === resumeId);
      const openId = get().openPostId;
      if (resuming || !openId || !posts.value.some((p) => p.id === openId)) {
        // Where the reader was in this library last time, while the post is still there; else the newest post.
        const place = await get().rememberedPostOf(resuming ? [resumeId] : posts.value.map((p) => p.id));
        const first = resuming ? resumeId : (place?.postId ?? posts.value[0]?.id);
        if (first) await get().openPost(first);
        else get().closePost();
        if (place && get().openPostId === place.postId) set({ pendingPlace: place });
      }
    },
    async openDropped(file) {
      const result = await api.openDropped(file);
      if (!result.ok) set({ libraryError: result.error.message });
    },
    async chooseFolder() {
      const result = await api['library.chooseFolder']({});
      if (!result.ok) set({ libraryError: result.error.message });
    },
  });
