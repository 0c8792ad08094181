import type { StateCreator } from 'zustand';
import type { Annotation, Bridge, Colour, Post, RequestOf } from '../../preload/api';
import { bodyParagraphAt, parsePart } from '../../main/core/shared/part-keys';
import type { RevealTarget } from '../features/thread/reveal';
import type { AppState } from './index';

/** Which anchoring states the panel lists: all, or one of them. */
export type AnchorStateFilter = 'all' | Annotation['anchor']['state'];

export interface AnnotationsPanelFilters {
  /** Words in the note or the quote ("" for any). */
  text: string;
  /** A tag from `annotations.tags` ("" for any). */
  tag: string;
  /** Colours shown; none pressed shows every colour. */
  colours: Colour[];
  state: AnchorStateFilter;
  /** Only the open post's annotations. */
  thisPost: boolean;
  /** The bin instead of the live annotations. */
  bin: boolean;
}

export const NO_PANEL_FILTERS: AnnotationsPanelFilters = {
  text: '',
  tag: '',
  colours: [],
  state: 'all',
  thisPost: false,
  bin: false,
};

/** The last export, import, restore or emptying of the bin, for the panel's status line. */
export interface PanelMessage {
  text: string;
  error: boolean;
}

export interface AnnotationsPanelSlice {
  panelFilters: AnnotationsPanelFilters;
  /** The annotations matching the filters; null before the first answer. */
  panelAnnotations: Annotation[] | null;
  /** Tags in use, most used first (the tag filter's choices). */
  panelTags: { tag: string; count: number }[];
  panelLoading: boolean;
  /** Why the list could not be read. */
  panelError: string | null;
  panelMessage: PanelMessage | null;
  /** Bumped each time the panel is asked for, so its filter box takes the focus again. */
  panelFocusRequest: number;
  /** The annotation last opened from the panel (its row marked, to keep one's place going down the list). */
  panelActiveId: string | null;
  /** Shows the panel (in the reader, switching to it from the Articles view) or hides it when it is on show. */
  toggleAnnotationsPanel(): void;
  setPanelFilters(filters: Partial<AnnotationsPanelFilters>): void;
  /** Reads the list and the tags again for the filters as they are now; only the latest answer lands. */
  loadPanel(): Promise<void>;
  /** Opens the annotation's post and scrolls to its place (an orphan's post opens at its top). */
  openAnnotation(annotation: Annotation): Promise<void>;
  restoreFromBin(id: string): Promise<void>;
  emptyAnnotationsBin(): Promise<void>;
  /** Asks where to save (a system dialog) and writes the annotations: this post's when "This post only" is on. */
  exportAnnotations(format: 'markdown' | 'jsonld'): Promise<void>;
  importAnnotations(): Promise<void>;
  /** Puts the newest backup in place of a damaged annotations file. */
  restoreAnnotationsBackup(): Promise<void>;
}

/** Where an annotation's part is in its post, for the reveal: its comment, its article, or the body paragraph holding its start. */
export function annotationTarget(annotation: Annotation, post: Post | null): RevealTarget | null {
  if (annotation.anchor.state === 'orphan') return null;
  const part = parsePart(annotation.anchor.part ?? annotation.part);
  if (part?.kind === 'comment') return { commentId: part.id };
  if (part?.kind === 'article') return { articleId: part.id };
  if (part?.kind !== 'body' || !post?.body.length) return null;
  return { bodyLine: post.body[bodyParagraphAt(post.body, annotation.anchor.start ?? 0)]!.line };
}

const plural = (n: number, noun: string) => `${n} ${n === 1 ? noun : `${noun}s`}`;

export const createAnnotationsPanelSlice =
  (api: Bridge): StateCreator<AppState, [], [], AnnotationsPanelSlice> =>
  (set, get) => {
    let request = 0;
    const say = (text: string, error = false) => set({ panelMessage: { text, error } });
    // Whatever changed them (the reader, an import, a file changed on disk, another library): the list follows while on show.
    const reloadIfOpen = () => {
      if (get().annotationsPanelOpen) void get().loadPanel();
    };
    api.on('annotations.changed', reloadIfOpen);
    api.on('library.changed', reloadIfOpen);
    return {
      panelFilters: NO_PANEL_FILTERS,
      panelAnnotations: null,
      panelTags: [],
      panelLoading: false,
      panelError: null,
      panelMessage: null,
      panelFocusRequest: 0,
      panelActiveId: null,
      toggleAnnotationsPanel() {
        const { annotationsPanelOpen, view } = get();
        if (annotationsPanelOpen && view === 'reader') return get().setAnnotationsPanelOpen(false);
        set({ view: 'reader', panelFocusRequest: get().panelFocusRequest + 1 });
        get().setAnnotationsPanelOpen(true);
      },
      setPanelFilters(filters) {
        const previous = get().panelFilters;
        // Into or out of the bin: what the status line said was about the other list.
        const otherList = filters.bin !== undefined && filters.bin !== previous.bin;
        set({ panelFilters: { ...previous, ...filters }, ...(otherList ? { panelMessage: null } : {}) });
      },
      async loadPanel() {
        const ticket = ++request;
        const { panelFilters: f, openPostId } = get();
        const query: RequestOf<'annotations.list'> = {};
        if (f.thisPost && openPostId) query.postId = openPostId;
        if (f.tag) query.tag = f.tag;
        if (f.colours.length === 1) query.colour = f.colours[0];
        if (f.text.trim()) query.text = f.text.trim().slice(0, 500);
        if (f.state !== 'all') query.state = f.state;
        if (f.bin) query.deleted = true;
        set({ panelLoading: true });
        // The status too: the panel says when annotations cannot be written (and offers the backup).
        const [list, tags, status] = await Promise.all([
          api['annotations.list'](query),
          api['annotations.tags']({}),
          api['annotations.status']({}),
        ]);
        if (ticket !== request) return;
        set({
          annotationsStatus: status.ok ? status.value : get().annotationsStatus,
          panelLoading: false,
          panelTags: tags.ok ? tags.value : get().panelTags,
          panelError: list.ok ? null : list.error.message,
          // Several colours pressed: the list has them all, narrowed here.
          panelAnnotations: list.ok
            ? f.colours.length > 1
              ? list.value.filter((a) => f.colours.includes(a.colour))
              : list.value
            : get().panelAnnotations,
        });
      },
      async openAnnotation(annotation) {
        set({ view: 'reader', panelActiveId: annotation.id });
        const target = annotationTarget(annotation, null);
        // As a card click does: the article's card pressed and its quote outlined.
        if (target && 'articleId' in target) return get().showArticleInPost(annotation.postId, target.articleId);
        if (get().openPostId !== annotation.postId || !get().detail) await get().openPost(annotation.postId);
        const detail = get().detail;
        if (get().openPostId !== annotation.postId || !detail) return;
        const place = annotationTarget(annotation, detail.post);
        if (place) get().revealWhenArrived(place);
      },
      async restoreFromBin(id) {
        const result = await api['annotations.restore']({ id });
        if (!result.ok) return say(result.error.message, true);
        say(`Restored the annotation on ${result.value.postTitle || 'its post'}.`);
        await get().loadPanel();
      },
      async emptyAnnotationsBin() {
        const result = await api['annotations.emptyBin']({});
        if (!result.ok) return say(result.error.message, true);
        say(`Deleted ${plural(result.value.removed, 'annotation')} for good.`);
        await get().loadPanel();
      },
      async exportAnnotations(format) {
        const { panelFilters, openPostId } = get();
        const postId = panelFilters.thisPost && openPostId ? openPostId : undefined;
        const result = await api['annotations.export']({ format, ...(postId ? { postId } : {}) });
        if (!result.ok) return say(result.error.message, true);
        if (!result.value) return say('Export cancelled.');
        say(
          `Exported ${plural(result.value.count, 'annotation')}${postId ? ' of this post' : ''} to ${result.value.path}.`,
        );
      },
      async importAnnotations() {
        const result = await api['annotations.import']({});
        if (!result.ok) return say(result.error.message, true);
        if (!result.value) return say('Import cancelled.');
        const { path, added, alreadyThere, fuzzy, orphan } = result.value;
        const notes = [
          alreadyThere && `${alreadyThere} already there`,
          fuzzy && `${fuzzy} where the text changed`,
          orphan && `${orphan} no longer found`,
        ].filter(Boolean);
        say(`Imported ${plural(added, 'annotation')} from ${path}${notes.length ? ` (${notes.join(', ')})` : ''}.`);
        await get().loadPanel();
      },
      async restoreAnnotationsBackup() {
        const result = await api['annotations.restoreBackup']({});
        if (!result.ok) return say(result.error.message, true);
        say(
          result.value.state === 'ok'
            ? 'Restored the backup: annotations can be written again.'
            : 'The backup could not be used either.',
          result.value.state !== 'ok',
        );
        await get().loadPanel();
      },
    };
  };
