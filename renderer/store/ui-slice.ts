import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface UiSlice {
  problemsOpen: boolean;
  setProblemsOpen(open: boolean): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  problemsOpen: false,
  setProblemsOpen: (problemsOpen) => set({ problemsOpen }),
});
