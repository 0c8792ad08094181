import type { StateCreator } from 'zustand';
import type { Annotation, AnnotationsStatus, Bridge, Colour, RequestOf } from '../../preload/api';
import { commentPart } from '../../main/core/shared/part-keys';
import type { AppState } from './index';

/** What the selection toolbar was opened on: a stretch of one part's text. */
export interface PendingSelection {
  postId: string;
  part: string;
  start: number;
  end: number;
  exact: string;
  /** Where to show the toolbar, in viewport pixels. */
  x: number;
  y: number;
}

export interface AnnotationsSlice {
  /** The open post's annotations (live ones), anchored in its current text. */
  postAnnotations: Annotation[];
  /** Live annotations per post id, for the post list's badges. */
  annotationCounts: Record<string, number>;
  annotationsStatus: AnnotationsStatus | null;
  /** The words selected in the reader, waiting for a colour, note or tags. */
  pendingSelection: PendingSelection | null;
  /** The annotation being edited (its popover open). */
  editingAnnotationId: string | null;
  /** The last one put in the bin, for Undo. */
  lastRemoved: Annotation | null;
  annotationError: string | null;
  annotationsPanelOpen: boolean;
  setPendingSelection(selection: PendingSelection | null): void;
  setEditingAnnotation(id: string | null): void;
  setAnnotationsPanelOpen(open: boolean): void;
  /** Reloads the open post's annotations and the counts. */
  loadAnnotations(): Promise<void>;
  /** Highlights the pending selection; returns the new annotation (null when it failed: annotationError says why). */
  annotateSelection(
    extra?: { colour?: Colour; note?: string; tags?: string[] },
    edit?: boolean,
  ): Promise<Annotation | null>;
  flagComment(postId: string, commentId: string): Promise<void>;
  updateAnnotation(request: RequestOf<'annotations.update'>): Promise<void>;
  removeAnnotation(id: string): Promise<void>;
  undoRemove(): Promise<void>;
  clearAnnotationError(): void;
}

export const createAnnotationsSlice =
  (api: Bridge): StateCreator<AppState, [], [], AnnotationsSlice> =>
  (set, get) => {
    const fail = (message: string) => set({ annotationError: message });
    return {
      postAnnotations: [],
      annotationCounts: {},
      annotationsStatus: null,
      pendingSelection: null,
      editingAnnotationId: null,
      lastRemoved: null,
      annotationError: null,
      annotationsPanelOpen: false,
      setPendingSelection: (pendingSelection) => set({ pendingSelection }),
      setEditingAnnotation: (editingAnnotationId) => set({ editingAnnotationId, pendingSelection: null }),
      setAnnotationsPanelOpen: (annotationsPanelOpen) => set({ annotationsPanelOpen }),
      clearAnnotationError: () => set({ annotationError: null }),
      async loadAnnotations() {
        const postId = get().openPostId;
        const [status, counts, list] = await Promise.all([
          api['annotations.status']({}),
          api['annotations.counts']({}),
          postId ? api['annotations.list']({ postId }) : Promise.resolve(null),
        ]);
        set({
          annotationsStatus: status.ok ? status.value : null,
          annotationCounts: counts.ok ? counts.value : {},
          // Only if the same post is still open.
          ...(list && get().openPostId === postId ? { postAnnotations: list.ok ? list.value : [] } : {}),
          ...(!postId ? { postAnnotations: [] } : {}),
        });
      },
      async annotateSelection(extra = {}, edit = false) {
        const pending = get().pendingSelection;
        if (!pending) return null;
        const result = await api['annotations.add']({
          postId: pending.postId,
          part: pending.part,
          kind: 'highlight',
          start: pending.start,
          end: pending.end,
          ...(pending.exact ? { exact: pending.exact } : {}),
          ...extra,
        });
        set({ pendingSelection: null });
        if (!result.ok) {
          fail(result.error.message);
          return null;
        }
        window.getSelection()?.removeAllRanges();
        set({
          postAnnotations: [...get().postAnnotations, result.value],
          ...(edit ? { editingAnnotationId: result.value.id } : {}),
        });
        void get().loadAnnotations();
        return result.value;
      },
      async flagComment(postId, commentId) {
        const existing = get().postAnnotations.find(
          (a) => a.kind === 'flag' && (a.anchor.part ?? a.part) === commentPart(commentId),
        );
        if (existing) return get().removeAnnotation(existing.id);
        const result = await api['annotations.add']({
          postId,
          part: commentPart(commentId),
          kind: 'flag',
          colour: 'pink',
        });
        if (!result.ok) return fail(result.error.message);
        await get().loadAnnotations();
      },
      async updateAnnotation(request) {
        const result = await api['annotations.update'](request);
        if (!result.ok) return fail(result.error.message);
        set({ postAnnotations: get().postAnnotations.map((a) => (a.id === request.id ? result.value : a)) });
        void get().loadAnnotations();
      },
      async removeAnnotation(id) {
        const result = await api['annotations.remove']({ id });
        if (!result.ok) return fail(result.error.message);
        set({
          lastRemoved: result.value,
          editingAnnotationId: null,
          postAnnotations: get().postAnnotations.filter((a) => a.id !== id),
        });
        void get().loadAnnotations();
      },
      async undoRemove() {
        const removed = get().lastRemoved;
        if (!removed) return;
        const result = await api['annotations.restore']({ id: removed.id });
        set({ lastRemoved: null });
        if (!result.ok) return fail(result.error.message);
        await get().loadAnnotations();
      },
    };
  };
