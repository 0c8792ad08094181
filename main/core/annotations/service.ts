/**
 * The annotations half of the API contract: the user's annotations file opened once per
 * profile, its calls, and anchoring again when the open library's files change.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Events, Handlers } from '../../../preload/api';
import type { SearchHit } from '../index/types';
import type { Annotation } from './types';
import { describeRange } from './anchor';
import { ANNOTATIONS_FILE, openAnnotations, restoreBackup, type OpenedAnnotations } from './db';
import { exportText, fromJsonLd } from './export';
import { flagSelectors, loadPostTexts, reanchorLibrary } from './library';
import { describePart } from '../shared/part-keys';
import { AnnotationError, AnnotationStore } from './store';
import type { IndexQueries } from '../index/queries';
import { snippetOf } from '../index/search';
import { termPattern } from '../shared/match';
import { UserError } from '../errors';

type AnnotationHandlers = Pick<Handlers, Extract<keyof Handlers, `annotations.${string}`>>;

export interface AnnotationDeps {
  profileDir: string;
  nativeBinding?: string;
  /** The open library, or an error saying none is open. */
  library(): { root: string; queries: IndexQueries };
  emit(event: 'annotations.changed', payload: Events['annotations.changed']): void;
  /** Asks where to save a file; null when the user cancels. */
  saveFile(suggestedName: string): Promise<string | null>;
  /** Asks for a file to open; null when the user cancels. */
  chooseFile(): Promise<string | null>;
  /** The link id of a library folder (main/core/link-target.ts), for links back in Markdown exports. */
  linkId?(root: string): string;
}

/** An AnnotationError as the contract's typed error. */
const asUserError = (error: unknown): unknown =>
  error instanceof AnnotationError ? new UserError(error.code, error.message) : error;

export function createAnnotations(deps: AnnotationDeps) {
  const path = join(deps.profileDir, ANNOTATIONS_FILE);
  const options = deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {};
  let opened: Promise<OpenedAnnotations> | null = null;
  const open = () => (opened ??= openAnnotations(path, options));

  /** The store, or the reason annotations cannot be written now. */
  async function store(): Promise<AnnotationStore> {
    const file = await open();
    if (!file.db)
      throw new UserError(
        'annotations-unavailable',
        file.status.state === 'unavailable' ? file.status.reason : 'Annotations cannot be written now.',
      );
    return new AnnotationStore(file.db);
  }

  async function postTexts(root: string, queries: IndexQueries, postId: string) {
    const place = queries.locate(postId);
    const texts = place ? await loadPostTexts(root, postId, place) : null;
    if (!texts)
      throw new UserError(
        'not-found',
        `Annotating failed: the post ${postId} is not in this library any more (reload the post list).`,
      );
    return texts;
  }

  /** Anchors again the annotations of some posts (all when null) of the open library, then tells the window. */
  async function reanchor(postIds: string[] | null): Promise<void> {
    const file = await open();
    if (!file.db) return;
    const { root, queries } = deps.library();
    await reanchorLibrary(
      new AnnotationStore(file.db),
      root,
      (id) => queries.locate(id),
      postIds,
      (id) => queries.hashOf(id),
    );
    deps.emit('annotations.changed', { root, postIds });
  }

  const changed = (a: Annotation) => {
    deps.emit('annotations.changed', { root: a.library, postIds: [a.postId] });
    return a;
  };

  const wrap =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await f(...args);
      } catch (error) {
        throw asUserError(error);
      }
    };

  const handlers: AnnotationHandlers = {
    'annotations.status': async () => (await open()).status,
    'annotations.list': wrap(async (filter) => {
      const file = await open();
      // A damaged file lists nothing, and annotations.status says why.
      if (!file.db) return [];
      return new AnnotationStore(file.db).list({ ...filter, library: deps.library().root });
    }),
    'annotations.counts': wrap(async () => {
      const file = await open();
      return file.db ? Object.fromEntries(new AnnotationStore(file.db).countsByPost(deps.library().root)) : {};
    }),
    'annotations.tags': wrap(async () => {
      const file = await open();
      return file.db ? new AnnotationStore(file.db).tags(deps.library().root) : [];
    }),
    'annotations.add': wrap(async ({ postId, part, kind, start, end, exact, ...extra }) => {
      const s = await store();
      const { root, queries } = deps.library();
      const texts = await postTexts(root, queries, postId);
      const text = texts.parts.get(part);
      if (text === undefined)
        throw new UserError('not-found', `Annotating failed: this post has no ${describePart(part)} now (reload it).`);
      let selectors;
      if (kind === 'flag') selectors = flagSelectors(text);
      else {
        if (start === undefined || end === undefined || end <= start || end > text.length)
          throw new UserError(
            'invalid-request',
            `Highlighting failed: the selection (${start}–${end}) is not inside ${describePart(part)}. Select the words again.`,
          );
        if (exact !== undefined && text.slice(start, end) !== exact)
          throw new UserError(
            'invalid-request',
            `Highlighting failed: ${describePart(part)} has changed since it was shown. Select the words again.`,
          );
        selectors = describeRange(text, start, end);
      }
      return changed(
        s.add({ library: root, postId, postTitle: texts.title, postDate: texts.date, part, kind, selectors, ...extra }),
      );
    }),
    'annotations.update': wrap(async ({ id, ...patch }) => changed((await store()).update(id, patch))),
    'annotations.remove': wrap(async ({ id }) => changed((await store()).remove(id))),
    'annotations.restore': wrap(async ({ id }) => changed((await store()).restore(id))),
    'annotations.emptyBin': wrap(async () => {
      const removed = (await store()).emptyBin(deps.library().root);
      deps.emit('annotations.changed', { root: deps.library().root, postIds: null });
      return { removed };
    }),
    'annotations.export': wrap(async ({ format, postId }) => {
      const { root } = deps.library();
      const list = (await store()).list({ library: root, ...(postId ? { postId } : {}) });
      const name = `${(postId ?? basename(root)).replace(/[^\w.-]+/g, '-')}-annotations.${format === 'jsonld' ? 'jsonld' : 'md'}`;
      const target = await deps.saveFile(name);
      if (!target) return null;
      const text = exportText(list, format, {
        library: root,
        postId,
        ...(deps.linkId ? { linkId: deps.linkId(root) } : {}),
      });
      try {
        await writeFile(target, text);
      } catch (error) {
        throw new UserError(
          'write-failed',
          `Exporting failed: ${target} could not be written (${(error as Error).message}). Choose another place.`,
        );
      }
      return { path: target, count: list.length };
    }),
    'annotations.import': wrap(async () => {
      const s = await store();
      const source = await deps.chooseFile();
      if (!source) return null;
      const { root, queries } = deps.library();
      let incoming;
      try {
        incoming = fromJsonLd(JSON.parse(await readFile(source, 'utf8')), root);
      } catch (error) {
        throw new UserError(
          'invalid-file',
          `Importing ${basename(source)} failed: ${(error as Error).message}. Choose a JSON-LD file of W3C Web Annotations (Threadline exports them).`,
        );
      }
      const { added, skipped } = s.addMissing(incoming);
      const anchored = await reanchorLibrary(
        s,
        root,
        (id) => queries.locate(id),
        new Set(incoming.map((a) => a.postId)),
      );
      deps.emit('annotations.changed', { root, postIds: null });
      return {
        path: source,
        added: added.length,
        alreadyThere: skipped.length,
        exact: anchored.exact,
        fuzzy: anchored.fuzzy,
        orphan: anchored.orphan,
      };
    }),
    'annotations.restoreBackup': wrap(async () => {
      const file = await open();
      if (file.status.state !== 'unavailable' || !file.status.backup)
        throw new UserError(
          'no-backup',
          file.status.state === 'ok'
            ? 'Restoring failed: the annotations file is fine; nothing to restore.'
            : 'Restoring failed: there is no backup.',
        );
      file.db?.close();
      opened = restoreBackup(path, file.status.backup, options);
      const after = await opened;
      if (after.db) await reanchor(null).catch(() => undefined);
      return after.status;
    }),
  };

  /**
   * The reader's annotations whose note or highlighted words hold every word of a query, as
   * search hits by post (newest first, at most `limit`): notes are part of library search.
   */
  async function searchNotes(
    root: string,
    terms: string[],
    limit = 20,
  ): Promise<{ postId: string; title: string; date: string | null; hit: SearchHit }[]> {
    const file = await open();
    const words = terms.flatMap((t) => t.replace(/\*$/, '').split(/\s+/)).filter(Boolean);
    if (!file.db || !words.length) return [];
    const pattern = termPattern(terms);
    const found = new AnnotationStore(file.db).list({ library: root, text: words.join(' ') });
    return found
      .filter((a) => a.note.trim() || a.quote)
      .slice(0, limit)
      .map((a) => {
        const text = a.note.trim() ? `${a.note} — “${a.quote?.exact ?? ''}”` : `“${a.quote!.exact}”`;
        return {
          postId: a.postId,
          title: a.postTitle,
          date: a.postDate,
          hit: {
            kind: 'note' as const,
            ref: a.anchor.part ?? a.part,
            snippet: snippetOf(text, pattern) ?? [{ text: text.slice(0, 200), marked: false }],
          },
        };
      });
  }

  return {
    handlers,
    /** The annotations file, opened once (read state lives in it too). */
    database: open,
    reanchor,
    searchNotes,
    async close(): Promise<void> {
      const file = await opened;
      file?.db?.close();
      opened = null;
    },
  };
}
