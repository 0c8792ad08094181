import type { StateCreator } from 'zustand';
import type { Annotation, Bridge } from '../../preload/api';
import { buildLink } from '../../main/core/shared/links';
import type { AppState } from './index';

/** The formats a thread is exported as. */
export type ThreadFormat = 'markdown' | 'html' | 'pdf';

/** What the export dialog asks. */
export interface ThreadExportChoice {
  format: ThreadFormat;
  /** Only the comments shown now: replies collapsed in the reader are left out. */
  expandedOnly: boolean;
  /** With the reader's highlights and notes. */
  annotations: boolean;
}

/** Links into the thread and a thread leaving the app: copying and following links, the export dialog. */
export interface ExportSlice {
  /** What the last link or export action did, for the status line (`error`: said as an alert). */
  actionStatus: { text: string; error: boolean } | null;
  /** Says something in the status line (read aloud's state, a failure with what to do). */
  announce(text: string, error?: boolean): void;
  /** Copies the link of the open post, one of its comments, or an annotation (of any post) to the clipboard. */
  copyLink(place: { commentId?: string; annotation?: Annotation }): Promise<void>;
  /** Goes where a threadline:// link points: its library (when another known one), its post, then its comment or annotation, focused. */
  openLink(url: string): Promise<void>;
  /** Follows the link the app was started with, if any (asked once, as the window starts). */
  followPendingLink(): Promise<void>;
  exportDialogOpen: boolean;
  setExportDialogOpen(open: boolean): void;
  /** Asks where to save and writes the open post with its thread; true when it was written. */
  exportThread(choice: ThreadExportChoice): Promise<boolean>;
}

const FORMAT_NAMES: Record<ThreadFormat, string> = { markdown: 'Markdown', html: 'HTML', pdf: 'PDF' };

export const createExportSlice =
  (api: Bridge): StateCreator<AppState, [], [], ExportSlice> =>
  (set, get) => {
    const say = (text: string, error = false) => {
      const status = { text, error };
      set({ actionStatus: status });
      // A note of what was done goes after a while; a failure stays until the next action.
      if (!error) setTimeout(() => get().actionStatus === status && set({ actionStatus: null }), 8000);
    };
    return {
      actionStatus: null,
      announce: (text, error = false) => say(text, error),
      exportDialogOpen: false,
      setExportDialogOpen: (exportDialogOpen) => set({ exportDialogOpen }),
      async copyLink({ commentId, annotation }) {
        const library = get().library;
        const postId = annotation?.postId ?? get().openPostId;
        if (!library || !postId) return say('Copying the link failed: no post is open. Open a post first.', true);
        const link = buildLink({
          library: library.linkId,
          postId,
          ...(annotation ? { annotationId: annotation.id } : commentId ? { commentId } : {}),
        });
        const result = await api['shell.copyText']({ text: link });
        if (!result.ok) return say(result.error.message, true);
        say(
          annotation
            ? 'Link to the annotation copied'
            : commentId
              ? `Link to comment ${commentId} copied`
              : 'Link copied',
        );
      },
      async openLink(url) {
        const before = get().library?.root;
        const result = await api['links.follow']({ url });
        if (!result.ok) return say(result.error.message, true);
        const { postId, commentId, annotation } = result.value;
        set({ view: 'reader', actionStatus: null });
        // Another library was opened: its list first (it opens this post, as after a crash).
        const current = await api['library.current']({});
        if (current.ok && current.value && current.value.root !== before) {
          set({ resumePostId: postId });
          await get().refreshLibrary();
        }
        if (annotation) return get().openAnnotation(annotation);
        if (get().openPostId !== postId || !get().detail) await get().openPost(postId);
        if (get().openPostId !== postId) return;
        const firstLine = get().detail?.post.body[0]?.line;
        if (commentId) get().revealWhenArrived({ commentId });
        else if (firstLine !== undefined) get().revealWhenArrived({ bodyLine: firstLine });
      },
      async followPendingLink() {
        const pending = await api['links.pending']({});
        if (pending.ok && pending.value.url) await get().openLink(pending.value.url);
      },
      async exportThread({ format, expandedOnly, annotations }) {
        const postId = get().openPostId;
        if (!postId) {
          say('Exporting failed: no post is open. Open a post first.', true);
          return false;
        }
        say(`Exporting the thread as ${FORMAT_NAMES[format]}…`);
        const collapsed = Object.keys(get().collapsed);
        const result = await api['thread.export']({
          postId,
          format,
          annotations,
          ...(expandedOnly ? { collapsed } : {}),
        });
        if (!result.ok) {
          say(result.error.message, true);
          return false;
        }
        if (!result.value) {
          set({ actionStatus: null });
          return false;
        }
        say(`Exported the thread as ${FORMAT_NAMES[format]} to ${result.value.path}`);
        return true;
      },
    };
  };
