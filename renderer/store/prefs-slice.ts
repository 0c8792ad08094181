import type { StateCreator } from 'zustand';
import type { Bridge, ReadingPrefs } from '../../preload/api';
import { DEFAULT_READING_PREFS, stepTextSize } from '../../main/core/shared/reading-prefs';
import type { AppState } from './index';

export interface PrefsSlice {
  /** The reader's text settings: the defaults until main's are loaded. */
  readingPrefs: ReadingPrefs;
  /** Asks main for the remembered text settings. */
  loadReadingPrefs(): Promise<void>;
  /** Changes some text settings at once, and has main remember them. */
  setReadingPrefs(change: Partial<ReadingPrefs>): void;
  /** The reading text one size larger (1), smaller (-1), or the default (0): Ctrl/Cmd +, - and 0. */
  stepTextSize(step: -1 | 0 | 1): void;
  /** Main says the settings changed (the View menu, or this window's own save coming back). */
  readingPrefsChanged(prefs: ReadingPrefs): void;
}

export const createPrefsSlice =
  (api: Bridge): StateCreator<AppState, [], [], PrefsSlice> =>
  (set, get) => {
    // Saves not yet answered: main's echo of an earlier one would undo a later change shown already.
    let saving = 0;
    return {
      readingPrefs: DEFAULT_READING_PREFS,
      async loadReadingPrefs() {
        const result = await api['prefs.get']({});
        if (result.ok && saving === 0) set({ readingPrefs: result.value });
      },
      setReadingPrefs(change) {
        set({ readingPrefs: { ...get().readingPrefs, ...change } });
        saving++;
        void api['prefs.save'](change).finally(() => saving--);
      },
      stepTextSize(step) {
        const textSize = stepTextSize(get().readingPrefs.textSize, step);
        if (textSize !== get().readingPrefs.textSize) get().setReadingPrefs({ textSize });
      },
      readingPrefsChanged(prefs) {
        if (saving === 0) set({ readingPrefs: prefs });
      },
    };
  };
