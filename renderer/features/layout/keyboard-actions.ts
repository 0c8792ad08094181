/**
 * What the keymap's bindings do (./keymap.ts): moving through the thread, the posts and the
 * panes. Each takes the store; the DOM is read only to know where the focus is.
 */
import type { Comment } from '../../../preload/api';
import type { AppState, AppStore } from '../../store';
import { revealInThread } from '../thread/reveal';
import { visibleCommentIds } from '../thread/feed';
import { commentElementId } from '../thread/segments';
import { BODY_PART, commentPart } from '../../../main/core/shared/part-keys';

/**
 * The comment the reader is on. The thread keeps it as the focus moves (Thread.tsx: a comment
 * focused by keys, a click or a reveal; none once the focus is on the post above the comments),
 * and a move sets it at once, before the focus arrives (keys pressed quickly follow each other).
 */
export function currentCommentId(state: AppState): string | null {
  return state.focusedCommentId;
}

/** The parent of a reply (`3.2` → `3`); null for a top-level comment. */
export const parentCommentId = (commentId: string): string | null =>
  commentId.includes('.') ? commentId.slice(0, commentId.lastIndexOf('.')) : null;

/** Scrolls a comment into view (rendering its row first in a long thread) and focuses it. */
export function goToComment(store: AppStore, commentId: string): void {
  store.getState().setFocusedComment(commentId);
  revealInThread({ commentId });
}

/** `j` / `k`: the next or previous comment after the current one (the first or last when there is none). */
export function stepComment(store: AppStore, by: 1 | -1): void {
  const state = store.getState();
  if (!state.detail) return;
  const ids = visibleCommentIds(state.detail.post.comments, state.collapsed);
  if (!ids.length) return;
  const current = currentCommentId(state);
  const at = current === null ? -1 : ids.indexOf(current);
  const next = at < 0 ? (by > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + by));
  goToComment(store, ids[next]!);
}

/** `u`: the parent of the current reply. */
export function goToParent(store: AppStore): void {
  const current = currentCommentId(store.getState());
  const parent = current && parentCommentId(current);
  if (parent) goToComment(store, parent);
}

/** `G`: the last comment shown. */
export function goToLastComment(store: AppStore): void {
  const state = store.getState();
  if (!state.detail) return;
  const ids = visibleCommentIds(state.detail.post.comments, state.collapsed);
  if (ids.length) goToComment(store, ids[ids.length - 1]!);
}

/** The thread pane's scroller. */
const threadScroller = () => document.getElementById('thread-scroller');

/** `g g`: the top of the post, its title focused (`j` goes on to the first comment). */
export function goToTop(store: AppStore): void {
  store.getState().setFocusedComment(null);
  threadScroller()?.scrollTo?.({ top: 0 });
  document.getElementById('post-title')?.focus({ preventScroll: true });
}

/** `c`: hides or shows the current comment's replies; on a reply, its parent's (and the focus goes to the parent). */
export function toggleCurrent(store: AppStore): void {
  const state = store.getState();
  const current = currentCommentId(state);
  if (!current || !state.detail) return;
  const owner = findComment(state.detail.post.comments, current)?.replies.length ? current : parentCommentId(current);
  if (!owner) return;
  state.toggleCollapsed(owner);
  if (owner !== current) goToComment(store, owner);
}

/** `C`: hides every comment's replies, or shows them all when all are hidden. */
export function toggleAll(store: AppStore): void {
  const state = store.getState();
  if (!state.detail) return;
  const withReplies = state.detail.post.comments.filter((c) => c.replies.length > 0);
  const allHidden = withReplies.every((c) => state.collapsed[c.id]);
  const current = currentCommentId(state);
  state.setAllCollapsed(!allHidden);
  // A reply being hidden: the focus goes to its comment rather than to the page.
  const top = current?.split('.')[0];
  if (!allHidden && current && top && top !== current) goToComment(store, top);
}

function findComment(comments: readonly Comment[], id: string): Comment | undefined {
  for (const comment of comments) {
    if (comment.id === id) return comment;
    const found = findComment(comment.replies, id);
    if (found) return found;
  }
  return undefined;
}

/** The post `by` places after the open one in the list's order (the first post when none is open). */
export function postAfter(state: AppState, by: 1 | -1): string | null {
  const { posts, openPostId } = state;
  if (!posts.length) return null;
  const at = posts.findIndex((p) => p.id === openPostId);
  if (at < 0) return posts[by > 0 ? 0 : posts.length - 1]!.id;
  return posts[at + by]?.id ?? null;
}

/** `J` / `K` (`]` / `[`): opens the next or previous post; the focus stays in the pane it was in. */
export async function stepPost(store: AppStore, by: 1 | -1): Promise<void> {
  const id = postAfter(store.getState(), by);
  if (id) await openKeepingFocus(store, id);
}

/** `n` / `p`: the next or previous unread (or New) comment, across posts; says so when there is none. */
export async function stepUnread(store: AppStore, direction: 1 | -1): Promise<void> {
  const found = await store.getState().nextUnread(direction);
  if (!found) store.getState().announce(direction === 1 ? 'Nothing unread below.' : 'Nothing unread above.');
}

/** `m`: the focused comment (or the post's text) read or unread. */
export function toggleFocusedRead(store: AppStore): void {
  const active = document.activeElement;
  const part =
    active?.closest<HTMLElement>('[data-read-part]')?.dataset['readPart'] ??
    (active?.closest('.post-header, .post-body') ? BODY_PART : null) ??
    (store.getState().focusedCommentId ? commentPart(store.getState().focusedCommentId!) : null);
  if (part) void store.getState().toggleRead(part);
}

/**
 * `Space`: pages the thread down; at its bottom, goes on to the next post with something unread
 * (its first unread part), as in slrn and NetNewsWire.
 */
export async function pageDown(store: AppStore): Promise<void> {
  const scroller = threadScroller();
  if (!scroller) return;
  const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
  if (!atBottom) {
    scroller.scrollBy?.({ top: Math.max(40, scroller.clientHeight - 48) });
    // The focus stays in the thread (not on a row scrolled away and re-rendered).
    if (!scroller.contains(document.activeElement)) focusThread(store);
    return;
  }
  const found = await store.getState().nextUnread(1, { laterPosts: true });
  if (!found) store.getState().announce('Nothing unread in the posts below.');
}

/** Opens a post; a focus that was in the thread goes to the new post's title, one in the list to its row. */
async function openKeepingFocus(store: AppStore, postId: string): Promise<void> {
  const inList = Boolean(document.activeElement?.closest('.post-list'));
  await store.getState().openPost(postId);
  if (inList) focusPostList();
  else focusThread(store);
}

/** `o` / Enter on a post in the list: opens it (the focus stays on it). */
export function openFocusedPost(store: AppStore): boolean {
  const item = document.activeElement?.closest<HTMLElement>('.post-item');
  const id = item?.dataset['postId'];
  if (!id) return false;
  void store.getState().openPost(id);
  return true;
}

// The panes, in F6 order.

let postListFocuser: (() => void) | null = null;

/** The post list registers how to focus its current post (its row may need rendering first). */
export function registerPostListFocuser(focuser: () => void): () => void {
  postListFocuser = focuser;
  return () => {
    if (postListFocuser === focuser) postListFocuser = null;
  };
}

/** Focuses the post list's current post (the open one, else the first). */
export function focusPostList(): void {
  if (postListFocuser) postListFocuser();
  else document.querySelector<HTMLElement>('.post-list .post-item')?.focus();
}

/** Focuses the thread: its current comment when it is rendered, else the post's title. */
export function focusThread(store: AppStore): void {
  const current = store.getState().focusedCommentId;
  const comment = current ? document.getElementById(commentElementId(current)) : null;
  const target = comment ?? document.getElementById('post-title') ?? threadScroller();
  target?.focus({ preventScroll: Boolean(comment) });
}

/** Focuses the third pane: the annotations panel or the quoted articles (the first thing in it that takes the focus). */
function focusSidePane(): void {
  const pane = document.querySelector<HTMLElement>('.pane-annotations, .pane-articles');
  if (!pane) return;
  const first = pane.querySelector<HTMLElement>(
    'input, button, [href], select, textarea, [tabindex="0"], h2[tabindex], [tabindex="-1"]',
  );
  (first ?? pane).focus();
}

const PANES = ['posts', 'thread', 'side'] as const;

/** Which pane (an index into PANES) holds an element; null for none (the body, a dialog, the toolbar). */
function paneOf(element: Element | null): number | null {
  if (element?.closest('.pane-posts')) return 0;
  if (element?.closest('.pane-thread')) return 1;
  if (element?.closest('.pane-articles, .pane-annotations')) return 2;
  return null;
}

/** The pane the focus was last in: F6 goes on from there when the focus has since left every pane. */
let lastPane: number | null = null;

/** Notes the pane a focus landed in (the keymap listens to focusin). */
export function notePaneFocus(target: EventTarget | null): void {
  const pane = target instanceof Element ? paneOf(target) : null;
  if (pane !== null) lastPane = pane;
}

/**
 * `F6` / `Shift+F6`: the focus to the next or previous pane (posts, thread, articles or annotations,
 * and round), counted from the pane the focus is in, or was last in when a re-render dropped it.
 */
export function cyclePane(store: AppStore, by: 1 | -1): void {
  const at = paneOf(document.activeElement) ?? lastPane ?? (by > 0 ? -1 : 0);
  const next = PANES[(at + by + PANES.length) % PANES.length]!;
  if (next === 'posts') focusPostList();
  else if (next === 'thread') focusThread(store);
  else focusSidePane();
}
