/**
 * The read-state half of the API contract (`readState.*`), over the user's annotations file,
 * and keeping the stored comments of posts up to date as the index parses them: after an index
 * update only the posts it parsed again are looked at (plus, when a library opens, posts the
 * file has never seen), all in one transaction.
 */
import type { Events, Handlers } from '../../../preload/api';
import type { OpenedAnnotations } from '../annotations/db';
import type { IndexQueries } from '../index/queries';
import type { Post } from '../parse/types';
import { BODY_PART, commentPart, parsePart } from '../shared/part-keys';
import { UserError } from '../errors';
import { commentKeys, packKeys, unpackKeys } from './keys';
import { ReadStateStore, type PostReadRow } from './store';
import type { PostReadState, ReadCounts } from './types';

type ReadStateHandlers = Pick<Handlers, Extract<keyof Handlers, `readState.${string}`>>;

export interface ReadStateDeps {
  /** The user's annotations file (read state lives in it), opened once. */
  database(): Promise<OpenedAnnotations>;
  /** The open library, or an error saying none is open. */
  library(): { root: string; queries: IndexQueries };
  /** A post of the open library as its file is now. */
  readPost(postId: string): Promise<Post>;
  emit(event: 'readState.changed', payload: Events['readState.changed']): void;
}

/** Which parts of a post are read and New, by part key, from its row and its comments' keys. */
function partsOf(postId: string, row: PostReadRow, keys: Map<string, string>): PostReadState {
  const read = new Set(unpackKeys(row.read));
  const known = new Set(unpackKeys(row.known));
  const state: PostReadState = { postId, read: [], fresh: [], counts: { unread: row.bodyRead ? 0 : 1, fresh: 0 } };
  if (row.bodyRead) state.read.push(BODY_PART);
  for (const [id, key] of keys) {
    if (read.has(key)) state.read.push(commentPart(id));
    else {
      state.counts.unread++;
      if (!known.has(key)) {
        state.fresh.push(commentPart(id));
        state.counts.fresh++;
      }
    }
  }
  return state;
}

export function createReadState(deps: ReadStateDeps) {
  /** The store, or why read state cannot be written now. */
  async function writable(action: string): Promise<ReadStateStore> {
    const file = await deps.database();
    if (!file.db)
      throw new UserError(
        'read-state-unavailable',
        `${action} failed: ${file.status.state === 'unavailable' ? file.status.reason : 'the annotations file cannot be written now.'}`,
      );
    return new ReadStateStore(file.db);
  }

  const changed = (root: string, counts: Map<string, ReadCounts>) => {
    if (counts.size) deps.emit('readState.changed', { root, counts: Object.fromEntries(counts) });
  };

  /** A post's comments' keys as its file is now, and its row brought up to date with them. */
  async function current(store: ReadStateStore, root: string, postId: string) {
    const keys = commentKeys((await deps.readPost(postId)).comments);
    const packed = packKeys(keys.values());
    changed(root, store.sync(root, [{ postId, keys: packed }]));
    return { keys, packed, row: store.row(root, postId)! };
  }

  /**
   * Records the comments of posts the index has parsed again (`postIds`), and, with `missing`,
   * of every parsed post the file has no row for (a library opened for the first time, or a
   * read state lost with its file). Never fails the caller.
   */
  async function syncIndexed(
    root: string,
    queries: IndexQueries,
    postIds: readonly string[],
    missing: boolean,
  ): Promise<void> {
    try {
      const file = await deps.database();
      if (!file.db) return;
      const store = new ReadStateStore(file.db);
      const ids = new Set(postIds);
      if (missing) {
        const seen = store.ids(root);
        for (const id of queries.extractedIds()) if (!seen.has(id)) ids.add(id);
      }
      const posts: { postId: string; keys: string }[] = [];
      for (const postId of ids) {
        const keys = queries.commentKeysOf(postId);
        if (keys !== null) posts.push({ postId, keys });
      }
      changed(root, store.sync(root, posts));
    } catch {
      // Read state is a convenience: the next update or opening of the post records it.
    }
  }

  /** Post ids of a month ("2019-05") of the open library. */
  const postsOfMonth = (queries: IndexQueries, month: string): string[] =>
    queries
      .posts()
      .filter((p) => p.date?.startsWith(`${month}-`))
      .map((p) => p.id);

  const handlers: ReadStateHandlers = {
    'readState.post': async ({ postId }) => {
      const file = await deps.database();
      const { root } = deps.library();
      const keys = commentKeys((await deps.readPost(postId)).comments);
      // Without a writable file, everything is unread and nothing New.
      if (!file.db) return partsOf(postId, { known: '', current: '', read: '', bodyRead: false }, new Map());
      const store = new ReadStateStore(file.db);
      const packed = packKeys(keys.values());
      changed(root, store.sync(root, [{ postId, keys: packed }]));
      return partsOf(postId, store.row(root, postId)!, keys);
    },
    'readState.mark': async ({ postId, parts, read }) => {
      const store = await writable(read ? 'Marking as read' : 'Marking as unread');
      const { root } = deps.library();
      const { keys, packed } = await current(store, root, postId);
      const marked: string[] = [];
      let body = false;
      for (const part of parts) {
        const parsed = parsePart(part);
        if (parsed?.kind === 'body') body = true;
        else if (parsed?.kind === 'comment' && keys.has(parsed.id)) marked.push(keys.get(parsed.id)!);
      }
      const result = store.mark(root, postId, packed, { keys: marked, body, read });
      changed(root, new Map([[postId, result.counts]]));
      return partsOf(postId, result.row, keys);
    },
    'readState.markAll': async ({ scope, read }) => {
      const store = await writable(read ? 'Marking all as read' : 'Marking all as unread');
      const { root, queries } = deps.library();
      if (scope.kind === 'library' && read) {
        store.markLibraryRead(root);
        const counts = store.counts(root);
        changed(root, counts);
        return { posts: counts.size };
      }
      let ids: Iterable<string>;
      if (scope.kind === 'post') {
        // A post never seen yet is recorded first, from its file.
        await current(store, root, scope.postId);
        ids = [scope.postId];
      } else ids = scope.kind === 'month' ? postsOfMonth(queries, scope.month) : store.ids(root);
      const counts = store.markPosts(root, ids, read);
      changed(root, counts);
      return { posts: counts.size };
    },
    'readState.counts': async () => {
      const { root, queries } = deps.library();
      const file = await deps.database();
      const stored = file.db ? new ReadStateStore(file.db).counts(root) : new Map<string, ReadCounts>();
      // A post not parsed in full yet: its text and every comment unread, none New.
      const counts: Record<string, ReadCounts> = {};
      for (const post of queries.posts())
        counts[post.id] = stored.get(post.id) ?? { unread: post.foundCommentCount + 1, fresh: 0 };
      return counts;
    },
  };

  return { handlers, syncIndexed };
}
